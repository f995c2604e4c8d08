using System.Text.Json;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// Reading helpers called by generated <see cref="ILexiconObject{TSelf}.ReadJson"/> methods. They keep the
/// generated code short and produce the reference validator's messages ("Input/name must be a string").
/// </summary>
public static class LexiconJsonReader
{
    /// <summary>Checks that the reader is on the start of an object.</summary>
    public static void ExpectObject(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new LexiconValidationException($"{path} must be an object");
        }
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Skips the value of a property the lexicon does not declare.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Moves to a property's value; true when it is JSON <c>null</c>.</summary>
    public static bool MoveToValueIsNull(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null;
    }

    /// <summary>Reads the current value as a string.</summary>
    public static string GetString(ref Utf8JsonReader reader, string path, string property) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new LexiconValidationException($"{path}/{property} must be a string");

    /// <summary>Reads the current value as a 64-bit integer.</summary>
    public static long GetInteger(ref Utf8JsonReader reader, string path, string property) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)
            ? value
            : throw new LexiconValidationException($"{path}/{property} must be an integer");

    /// <summary>Reads the current value as a boolean.</summary>
    public static bool GetBoolean(ref Utf8JsonReader reader, string path, string property) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new LexiconValidationException($"{path}/{property} must be a boolean"),
    };

    /// <summary>Reads the current value as an array of strings.</summary>
    public static List<string> GetStringArray(ref Utf8JsonReader reader, string path, string property)
    {
        ExpectArray(ref reader, path, property);
        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(GetString(ref reader, path, $"{property}/{items.Count}"));
        }

        return items;
    }

    /// <summary>Reads the current value as an array of integers.</summary>
    public static List<long> GetIntegerArray(ref Utf8JsonReader reader, string path, string property)
    {
        ExpectArray(ref reader, path, property);
        var items = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(GetInteger(ref reader, path, $"{property}/{items.Count}"));
        }

        return items;
    }

    /// <summary>Reads the current value as an array of booleans.</summary>
    public static List<bool> GetBooleanArray(ref Utf8JsonReader reader, string path, string property)
    {
        ExpectArray(ref reader, path, property);
        var items = new List<bool>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(GetBoolean(ref reader, path, $"{property}/{items.Count}"));
        }

        return items;
    }

    /// <summary>Reads the current value as a lexicon object.</summary>
    public static T GetObject<T>(ref Utf8JsonReader reader, string path, string property)
        where T : ILexiconObject<T> => T.ReadJson(ref reader, $"{path}/{property}");

    /// <summary>Reads the current value as an array of lexicon objects.</summary>
    public static List<T> GetObjectArray<T>(ref Utf8JsonReader reader, string path, string property)
        where T : ILexiconObject<T>
    {
        ExpectArray(ref reader, path, property);
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(T.ReadJson(ref reader, $"{path}/{property}/{items.Count}"));
        }

        return items;
    }

    /// <summary>Reads an <c>unknown</c> value: any JSON object, kept as it came.</summary>
    public static JsonElement GetUnknown(ref Utf8JsonReader reader, string path, string property) =>
        reader.TokenType == JsonTokenType.StartObject
            ? JsonElement.ParseValue(ref reader)
            : throw new LexiconValidationException($"{path}/{property} must be an object");

    /// <summary>Reads an array of <c>unknown</c> values.</summary>
    public static List<JsonElement> GetUnknownArray(ref Utf8JsonReader reader, string path, string property)
    {
        ExpectArray(ref reader, path, property);
        var items = new List<JsonElement>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(GetUnknown(ref reader, path, $"{property}/{items.Count}"));
        }

        return items;
    }

    /// <summary>The error for a required property that is absent.</summary>
    public static LexiconValidationException MissingProperty(string path, string property) =>
        new($"{path} must have the property \"{property}\"");

    private static void ExpectArray(ref Utf8JsonReader reader, string path, string property)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new LexiconValidationException($"{path}/{property} must be an array");
        }
    }
}
