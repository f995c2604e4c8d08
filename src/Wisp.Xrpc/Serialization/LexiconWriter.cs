using Wisp.Xrpc.DataModel;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// Writing helpers called by generated <see cref="ILexiconObject{TSelf}.WriteTo{TWriter}(TWriter)"/> methods, for
/// either encoding (<see cref="ILexiconWriter"/>). A helper that takes a property name writes nothing when the value
/// is <see langword="null"/>: an absent optional property stays absent. (Explicit <c>null</c>, for nullable
/// properties, is written by the generated code itself.)
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public static class LexiconWriter
{
    /// <summary>Writes an object's <c>$type</c>, when it has one to write (a union member, a record).</summary>
    public static void WriteType<TWriter>(TWriter writer, string? type)
        where TWriter : ILexiconWriter
    {
        if (type is not null)
        {
            writer.WriteType(type);
        }
    }

    /// <summary>Writes a string property.</summary>
    public static void WriteString<TWriter>(TWriter writer, ReadOnlySpan<byte> name, string? value)
        where TWriter : ILexiconWriter
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            writer.WriteStringValue(value);
        }
    }

    /// <summary>Writes an integer property.</summary>
    public static void WriteInteger<TWriter>(TWriter writer, ReadOnlySpan<byte> name, long? value)
        where TWriter : ILexiconWriter
    {
        if (value is { } number)
        {
            writer.WritePropertyName(name);
            writer.WriteIntegerValue(number);
        }
    }

    /// <summary>Writes a boolean property.</summary>
    public static void WriteBoolean<TWriter>(TWriter writer, ReadOnlySpan<byte> name, bool? value)
        where TWriter : ILexiconWriter
    {
        if (value is { } flag)
        {
            writer.WritePropertyName(name);
            writer.WriteBooleanValue(flag);
        }
    }

    /// <summary>Writes a property holding an array of strings.</summary>
    public static void WriteStringArray<TWriter>(TWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<string>? items)
        where TWriter : ILexiconWriter
    {
        if (items is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartArray(items.Count);
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property holding an array of integers.</summary>
    public static void WriteIntegerArray<TWriter>(TWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<long>? items)
        where TWriter : ILexiconWriter
    {
        if (items is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartArray(items.Count);
        foreach (var item in items)
        {
            writer.WriteIntegerValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property holding an array of booleans.</summary>
    public static void WriteBooleanArray<TWriter>(TWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<bool>? items)
        where TWriter : ILexiconWriter
    {
        if (items is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartArray(items.Count);
        foreach (var item in items)
        {
            writer.WriteBooleanValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property holding a lexicon object.</summary>
    public static void WriteObject<TWriter, T>(TWriter writer, ReadOnlySpan<byte> name, T? value)
        where TWriter : ILexiconWriter
        where T : class, ILexiconObject<T>
    {
        if (value is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        value.WriteTo(writer);
    }

    /// <summary>Writes a property holding an array of lexicon objects.</summary>
    public static void WriteObjectArray<TWriter, T>(TWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<T>? items)
        where TWriter : ILexiconWriter
        where T : ILexiconObject<T>
    {
        if (items is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartArray(items.Count);
        foreach (var item in items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property holding an <c>unknown</c> value, exactly as it was read.</summary>
    public static void WriteUnknown<TWriter>(TWriter writer, ReadOnlySpan<byte> name, DataModelValue value)
        where TWriter : ILexiconWriter
    {
        writer.WritePropertyName(name);
        writer.WriteValue(value);
    }

    /// <summary>Writes a property holding an array of <c>unknown</c> values.</summary>
    public static void WriteUnknownArray<TWriter>(TWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<DataModelValue> items)
        where TWriter : ILexiconWriter
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray(items.Count);
        foreach (var item in items)
        {
            writer.WriteValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property with <paramref name="write"/>.</summary>
    public static void Write<TWriter, T>(TWriter writer, ReadOnlySpan<byte> name, T value, LexiconValueWriter<TWriter, T> write)
        where TWriter : ILexiconWriter
    {
        writer.WritePropertyName(name);
        write(writer, value);
    }

    /// <summary>Writes a property holding an array whose items <paramref name="write"/> writes.</summary>
    public static void WriteArray<TWriter, T>(TWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<T> items, LexiconValueWriter<TWriter, T> write)
        where TWriter : ILexiconWriter
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray(items.Count);
        foreach (var item in items)
        {
            write(writer, item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a <c>blob</c> in its current form (a legacy blob too; its size stays -1).</summary>
    public static void WriteBlob<TWriter>(TWriter writer, BlobRef blob)
        where TWriter : ILexiconWriter
    {
        // In DAG-CBOR's key order, as generated writers write.
        writer.WriteStartObject();
        writer.WriteType("blob");
        writer.WritePropertyName("ref"u8);
        writer.WriteCidLinkValue(blob.Ref);
        writer.WritePropertyName("size"u8);
        writer.WriteIntegerValue(blob.Size);
        writer.WritePropertyName("mimeType"u8);
        writer.WriteStringValue(blob.MimeType);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>bytes</c>.</summary>
    public static void WriteBytes<TWriter>(TWriter writer, byte[] bytes)
        where TWriter : ILexiconWriter => writer.WriteBytesValue(bytes);

    /// <summary>Writes a <c>cid-link</c>.</summary>
    public static void WriteCidLink<TWriter>(TWriter writer, CidLink link)
        where TWriter : ILexiconWriter => writer.WriteCidLinkValue(link);

    /// <summary>Writes an explicit <c>null</c> property (a nullable property given as null).</summary>
    public static void WriteNull<TWriter>(TWriter writer, ReadOnlySpan<byte> name)
        where TWriter : ILexiconWriter
    {
        writer.WritePropertyName(name);
        writer.WriteNullValue();
    }

    /// <summary>
    /// Writes back the properties a lexicon object did not declare, as they were read. A <c>$type</c> among them
    /// is left out when the object has just written its own (<paramref name="typed"/>).
    /// </summary>
    public static void WriteExtensionData<TWriter>(TWriter writer, IReadOnlyDictionary<string, DataModelValue>? extensionData, bool typed)
        where TWriter : ILexiconWriter
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
            writer.WriteValue(value);
        }
    }
}
