using System.Text.Json;

namespace Wisp.Xrpc.Serialization;

/// <summary>Writing helpers called by generated <see cref="ILexiconObject{TSelf}.WriteJson"/> methods.</summary>
public static class LexiconJsonWriter
{
    /// <summary>Writes a property holding an array of strings.</summary>
    public static void WriteStringArray(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<string> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property holding an array of integers.</summary>
    public static void WriteIntegerArray(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<long> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteNumberValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property holding an array of booleans.</summary>
    public static void WriteBooleanArray(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<bool> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteBooleanValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property holding a lexicon object.</summary>
    public static void WriteObject<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, T value)
        where T : ILexiconObject<T>
    {
        writer.WritePropertyName(name);
        value.WriteJson(writer);
    }

    /// <summary>Writes a property holding an array of lexicon objects.</summary>
    public static void WriteObjectArray<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<T> items)
        where T : ILexiconObject<T>
    {
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
}
