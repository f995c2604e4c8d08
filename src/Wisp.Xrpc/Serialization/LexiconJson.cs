using System.Text.Json;

namespace Wisp.Xrpc.Serialization;

/// <summary>The JSON encoding of every generated type: reads and validates, and writes, through the type's one reader and writer.</summary>
public static class LexiconJson
{
    /// <summary>
    /// Reads and validates a <typeparamref name="T"/>. The reader is on the value's first token; on return it is on
    /// its last. Throws <see cref="Validation.LexiconValidationException"/> when the value breaks the lexicon.
    /// </summary>
    /// <param name="reader">The JSON reader.</param>
    /// <param name="path">Where the value is, for error messages (e.g. <c>Input</c>).</param>
    public static T Read<T>(ref Utf8JsonReader reader, string path)
        where T : ILexiconObject<T>
    {
        var json = new JsonLexiconReader(reader);
        var value = T.ReadFrom(ref json, path);
        reader = json.Reader;
        return value;
    }

    /// <summary>Reads and validates one <typeparamref name="T"/> from UTF-8 JSON; nothing may follow it.</summary>
    public static T Read<T>(ReadOnlySpan<byte> utf8Json, string path = "Record")
        where T : ILexiconObject<T>
    {
        var reader = new Utf8JsonReader(utf8Json);
        reader.Read();
        var value = Read<T>(ref reader, path);
        if (reader.Read())
        {
            throw new JsonException("JSON after the end of the value");
        }

        return value;
    }

    /// <summary>Writes <paramref name="value"/> as JSON (a record with its <c>$type</c>).</summary>
    public static void WriteJson<T>(this T value, Utf8JsonWriter writer)
        where T : ILexiconObject<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        value.WriteTo(new JsonLexiconWriter(writer));
    }
}
