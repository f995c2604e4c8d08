using System.Text.Json;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// Writing helpers called by generated <see cref="ILexiconObject{TSelf}.WriteJson"/> methods. A helper that takes a
/// property name writes nothing when the value is <see langword="null"/>: an absent optional property stays absent.
/// (Explicit JSON <c>null</c>, for nullable properties, is written by the generated code itself.)
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public static class LexiconJsonWriter
{
    /// <summary>Writes a string property.</summary>
    public static void WriteString(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes an integer property.</summary>
    public static void WriteInteger(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes a boolean property.</summary>
    public static void WriteBoolean(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    /// <summary>Writes a property holding an array of strings.</summary>
    public static void WriteStringArray(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<string>? items)
    {
        if (items is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property holding an array of integers.</summary>
    public static void WriteIntegerArray(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<long>? items)
    {
        if (items is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteNumberValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property holding an array of booleans.</summary>
    public static void WriteBooleanArray(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<bool>? items)
    {
        if (items is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteBooleanValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property holding a lexicon object.</summary>
    public static void WriteObject<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, T? value)
        where T : class, ILexiconObject<T>
    {
        if (value is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        value.WriteJson(writer);
    }

    /// <summary>Writes a property holding an array of lexicon objects.</summary>
    public static void WriteObjectArray<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<T>? items)
        where T : ILexiconObject<T>
    {
        if (items is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            item.WriteJson(writer);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property holding an <c>unknown</c> value, exactly as it was read.</summary>
    public static void WriteUnknown(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement value)
    {
        writer.WritePropertyName(name);
        value.WriteTo(writer);
    }

    /// <summary>Writes a property holding an array of <c>unknown</c> values.</summary>
    public static void WriteUnknownArray(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<JsonElement> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property with <paramref name="write"/>.</summary>
    public static void Write<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, T value, Action<Utf8JsonWriter, T> write)
    {
        writer.WritePropertyName(name);
        write(writer, value);
    }

    /// <summary>Writes a property holding an array whose items <paramref name="write"/> writes.</summary>
    public static void WriteArray<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            write(writer, item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a <c>blob</c> in its current form (a legacy blob too; its size stays -1).</summary>
    public static void WriteBlob(Utf8JsonWriter writer, BlobRef blob)
    {
        writer.WriteStartObject();
        writer.WriteString("$type"u8, "blob"u8);
        writer.WritePropertyName("ref"u8);
        WriteCidLink(writer, blob.Ref);
        writer.WriteString("mimeType"u8, blob.MimeType);
        writer.WriteNumber("size"u8, blob.Size);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>bytes</c> as <c>{"$bytes": base64}</c>, unpadded as the data model writes it.</summary>
    public static void WriteBytes(Utf8JsonWriter writer, byte[] bytes)
    {
        writer.WriteStartObject();
        writer.WriteString("$bytes"u8, Convert.ToBase64String(bytes).TrimEnd('='));
        writer.WriteEndObject();
    }

    /// <summary>Writes a <c>cid-link</c> as <c>{"$link": cid}</c>.</summary>
    public static void WriteCidLink(Utf8JsonWriter writer, CidLink link)
    {
        writer.WriteStartObject();
        writer.WriteString("$link"u8, link.Cid);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes back the properties a lexicon object did not declare, as they were read. A <c>$type</c> among them
    /// is left out when the object has just written its own (<paramref name="typed"/>).
    /// </summary>
    public static void WriteExtensionData(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement>? extensionData, bool typed)
    {
        if (extensionData is null)
        {
            return;
        }

        foreach (var (name, value) in extensionData)
        {
            if (typed && name == "$type")
            {
                continue;
            }

            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }
}
