using System.Text.Json;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// Reading helpers called by generated <see cref="ILexiconObject{TSelf}.ReadJson"/> methods. They keep the
/// generated code short and produce the reference validator's messages ("Input/name must be a string").
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
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

    /// <summary>
    /// Moves to the value of the next property the lexicon declares and returns its index in
    /// <paramref name="names"/>; -1 at the end of the object. Properties the lexicon does not declare are kept in
    /// <paramref name="extensionData"/> on the way (see <see cref="KeepProperty"/>). <paramref name="previous"/> is the
    /// index this returned last (-1 at first): the search starts after it, as writers mostly keep the lexicon's order.
    /// </summary>
    public static int NextProperty(ref Utf8JsonReader reader, LexiconPropertyNames names, int previous, ref Dictionary<string, JsonElement>? extensionData)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = names.IndexOf(ref reader, previous + 1);
            if (index >= 0)
            {
                reader.Read();
                return index;
            }

            KeepProperty(ref reader, ref extensionData);
        }

        return -1;
    }

    /// <summary>Skips the value of a property the lexicon does not declare.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
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
            items.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw ItemError(path, property, items.Count, "must be a string"));
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
            items.Add(reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : throw ItemError(path, property, items.Count, "must be an integer"));
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
            items.Add(reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => throw ItemError(path, property, items.Count, "must be a boolean"),
            });
        }

        return items;
    }

    /// <summary>Reads the current value as a lexicon object.</summary>
    public static T GetObject<T>(ref Utf8JsonReader reader, string path, string property)
        where T : ILexiconObject<T>
    {
        try
        {
            return T.ReadJson(ref reader, property);
        }
        catch (LexiconValidationException e)
        {
            throw e.Under(path);
        }
    }

    /// <summary>Reads the current value as an array of lexicon objects.</summary>
    public static List<T> GetObjectArray<T>(ref Utf8JsonReader reader, string path, string property)
        where T : ILexiconObject<T>
    {
        ExpectArray(ref reader, path, property);
        var items = new List<T>();
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                items.Add(T.ReadJson(ref reader, Index(items.Count)));
            }
        }
        catch (LexiconValidationException e)
        {
            throw e.Under($"{path}/{property}");
        }

        return items;
    }

    /// <summary>Reads an <c>unknown</c> value: any JSON object, kept as it came.</summary>
    public static JsonElement GetUnknown(ref Utf8JsonReader reader, string path, string property) =>
        ReadUnknown(ref reader, out var rule) ?? throw new LexiconValidationException($"{path}/{property} {rule}");

    private static JsonElement GetUnknownItem(ref Utf8JsonReader reader, string path, string property, int index) =>
        ReadUnknown(ref reader, out var rule) ?? throw ItemError(path, property, index, rule);

    /// <summary>
    /// An <c>unknown</c> value: the data model makes its top an object, and not one of the objects that encode
    /// another type (<c>{"$bytes"}</c>, <c>{"$link"}</c>, a <c>blob</c>); null, with the rule it breaks, when it is not.
    /// </summary>
    private static JsonElement? ReadUnknown(ref Utf8JsonReader reader, out string rule)
    {
        rule = "must be an object";
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var value = JsonElement.ParseValue(ref reader);
        var isBlob = value.TryGetProperty("$type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("blob"u8);
        var isEncoded = value.GetPropertyCount() == 1 && (value.TryGetProperty("$bytes", out _) || value.TryGetProperty("$link", out _));
        rule = "must be an object, not bytes, a CID link or a blob";
        return isBlob || isEncoded ? null : value;
    }

    /// <summary>Reads an array of <c>unknown</c> values.</summary>
    public static List<JsonElement> GetUnknownArray(ref Utf8JsonReader reader, string path, string property)
    {
        ExpectArray(ref reader, path, property);
        var items = new List<JsonElement>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(GetUnknownItem(ref reader, path, property, items.Count));
        }

        return items;
    }

    /// <summary>Reads the current value with <paramref name="read"/>, at <c>path/property</c>.</summary>
    public static T Get<T>(ref Utf8JsonReader reader, string path, string property, LexiconValueReader<T> read)
    {
        try
        {
            return read(ref reader, property);
        }
        catch (LexiconValidationException e)
        {
            throw e.Under(path);
        }
    }

    /// <summary>Reads the current value as an array whose items <paramref name="read"/> reads.</summary>
    public static List<T> GetArray<T>(ref Utf8JsonReader reader, string path, string property, LexiconValueReader<T> read)
    {
        ExpectArray(ref reader, path, property);
        var items = new List<T>();
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                items.Add(read(ref reader, Index(items.Count)));
            }
        }
        catch (LexiconValidationException e)
        {
            throw e.Under($"{path}/{property}");
        }

        return items;
    }

    /// <summary>
    /// Reads a <c>blob</c>: <c>{"$type": "blob", "ref": {"$link": cid}, "mimeType", "size"}</c>, or the legacy
    /// <c>{"cid", "mimeType"}</c> (size -1, as @atproto/lexicon reads it).
    /// </summary>
    public static BlobRef ReadBlob(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw NotABlob(path);
        }

        string? type = null, mimeType = null, legacyCid = null;
        CidLink? link = null;
        long? size = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("$type"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw NotABlob(path);
            }
            else if (reader.ValueTextEquals("ref"u8))
            {
                reader.Read();
                try
                {
                    link = ReadCidLink(ref reader, "ref");
                }
                catch (LexiconValidationException e)
                {
                    throw e.Under(path);
                }
            }
            else if (reader.ValueTextEquals("mimeType"u8))
            {
                reader.Read();
                mimeType = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw NotABlob(path);
            }
            else if (reader.ValueTextEquals("size"u8))
            {
                reader.Read();
                size = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= 0 ? value : throw NotABlob(path);
            }
            else if (reader.ValueTextEquals("cid"u8))
            {
                reader.Read();
                legacyCid = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw NotABlob(path);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (type == "blob" && link is { } cid && mimeType is { } mime && size is { } length && legacyCid is null)
        {
            return new BlobRef(cid, mime, length);
        }

        if (type is null && link is null && size is null && legacyCid is { } legacy && mimeType is { } legacyMime && LexiconFormats.IsCid(legacy))
        {
            return new BlobRef(new CidLink(legacy), legacyMime, -1);
        }

        throw NotABlob(path);
    }

    /// <summary>Reads <c>bytes</c>: <c>{"$bytes": base64}</c> (the data model's unpadded base64; padding is accepted).</summary>
    public static byte[] ReadBytes(ref Utf8JsonReader reader, string path)
    {
        var text = ReadSingleStringObject(ref reader, "$bytes"u8);
        if (text is not null && TryDecodeBase64(text, out var bytes))
        {
            return bytes;
        }

        throw new LexiconValidationException($"{path} must be a bytes object ({{\"$bytes\": base64}})");
    }

    /// <summary>Reads a <c>cid-link</c>: <c>{"$link": cid}</c>.</summary>
    public static CidLink ReadCidLink(ref Utf8JsonReader reader, string path)
    {
        var text = ReadSingleStringObject(ref reader, "$link"u8);
        return text is { } cid && LexiconFormats.IsCid(cid)
            ? new CidLink(cid)
            : throw new LexiconValidationException($"{path} must be a cid-link ({{\"$link\": CID}})");
    }

    /// <summary>
    /// The <c>$type</c> of the union member the reader is on, read ahead on a copy of the reader so that the
    /// member's own reader then starts at the beginning of the object.
    /// </summary>
    public static string UnionType(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var ahead = reader;
            while (ahead.Read() && ahead.TokenType == JsonTokenType.PropertyName)
            {
                var isType = ahead.ValueTextEquals("$type"u8);
                ahead.Read();
                if (isType)
                {
                    if (ahead.TokenType == JsonTokenType.String && ahead.GetString() is { Length: > 0 } type)
                    {
                        return type;
                    }

                    break;
                }

                ahead.Skip();
            }
        }

        throw new LexiconValidationException($"{path} must be an object which includes the \"$type\" property");
    }

    /// <summary>Reads a union member of a <c>$type</c> the union does not name, kept as it came.</summary>
    public static JsonElement ReadUnknownMember(ref Utf8JsonReader reader) => JsonElement.ParseValue(ref reader);

    /// <summary>The error for a closed union given a <c>$type</c> it does not name.</summary>
    public static LexiconValidationException UnionTypeNotAllowed(string path, string allowed) =>
        new($"{path} $type must be one of {allowed}");

    /// <summary>
    /// Keeps a property the lexicon does not declare (the reader is on its name), so that it is written back
    /// unchanged: the data model asks that unknown fields are not clobbered.
    /// </summary>
    public static void KeepProperty(ref Utf8JsonReader reader, ref Dictionary<string, JsonElement>? extensionData)
    {
        var name = reader.GetString()!;
        reader.Read();
        (extensionData ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[name] = JsonElement.ParseValue(ref reader);
    }

    /// <summary>The error for a required property that is absent.</summary>
    public static LexiconValidationException MissingProperty(string path, string property) =>
        new($"{path} must have the property \"{property}\"");

    /// <summary>
    /// Places an error raised by a check of item <paramref name="index"/> of an array (whose message starts with
    /// <c>path/property</c>) at that item: <c>path/property/index</c>. Generated item checks call it.
    /// </summary>
    public static LexiconValidationException AtItem(LexiconValidationException error, string path, string property, int index)
    {
        var prefix = $"{path}/{property}";
        return error.Message.StartsWith(prefix, StringComparison.Ordinal)
            ? new LexiconValidationException($"{prefix}/{Index(index)}{error.Message[prefix.Length..]}")
            : error;
    }

    private static readonly string[] SmallIndexes = Enumerable.Range(0, 256).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>An array index as a path segment, without allocating for the first 256.</summary>
    private static string Index(int index) =>
        index < SmallIndexes.Length ? SmallIndexes[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static LexiconValidationException ItemError(string path, string property, int index, string rule) =>
        new($"{path}/{property}/{Index(index)} {rule}");

    private static LexiconValidationException NotABlob(string path) =>
        new($"{path} should be a blob ref");

    /// <summary>Reads <c>{"key": "string"}</c> with nothing else in it; null when the value has another shape.</summary>
    private static string? ReadSingleStringObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> key)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? value = null;
        var valid = true;
        while (NextProperty(ref reader))
        {
            var isKey = reader.ValueTextEquals(key);
            reader.Read();
            if (isKey && value is null && reader.TokenType == JsonTokenType.String)
            {
                value = reader.GetString();
            }
            else
            {
                valid = false;
                reader.Skip();
            }
        }

        return valid ? value : null;
    }

    private static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        var padded = (text.Length % 4) switch
        {
            2 => text + "==",
            3 => text + "=",
            _ => text,
        };
        bytes = new byte[padded.Length / 4 * 3];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            Array.Resize(ref bytes, written);
            return true;
        }

        return false;
    }

    private static void ExpectArray(ref Utf8JsonReader reader, string path, string property)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new LexiconValidationException($"{path}/{property} must be an array");
        }
    }
}
