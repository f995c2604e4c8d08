using Wisp.Xrpc.DataModel;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// Reading helpers called by generated <see cref="ILexiconObject{TSelf}.ReadFrom"/> methods, for either encoding
/// (<see cref="ILexiconReader"/>). Every check and message is here once, so JSON and DAG-CBOR are validated alike,
/// with the reference validator's messages ("Input/name must be a string").
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public static class LexiconReader
{
    /// <summary>Enters the object the reader is on, or throws: <c>path must be an object</c>.</summary>
    public static void ExpectObject<TReader>(ref TReader reader, string path)
        where TReader : ILexiconReader, allows ref struct
    {
        if (!reader.TryStartObject())
        {
            throw new LexiconValidationException($"{path} must be an object");
        }
    }

    /// <summary>Reads the current value as a string.</summary>
    public static string GetString<TReader>(ref TReader reader, string path, string property)
        where TReader : ILexiconReader, allows ref struct =>
        reader.TryReadString(out var value) ? value : throw new LexiconValidationException($"{path}/{property} must be a string");

    /// <summary>Reads the current value as a 64-bit integer.</summary>
    public static long GetInteger<TReader>(ref TReader reader, string path, string property)
        where TReader : ILexiconReader, allows ref struct =>
        reader.TryReadInteger(out var value) ? value : throw new LexiconValidationException($"{path}/{property} must be an integer");

    /// <summary>Reads the current value as a boolean.</summary>
    public static bool GetBoolean<TReader>(ref TReader reader, string path, string property)
        where TReader : ILexiconReader, allows ref struct =>
        reader.TryReadBoolean(out var value) ? value : throw new LexiconValidationException($"{path}/{property} must be a boolean");

    /// <summary>Reads the current value as an array of strings.</summary>
    public static List<string> GetStringArray<TReader>(ref TReader reader, string path, string property)
        where TReader : ILexiconReader, allows ref struct
    {
        var items = StartArray<TReader, string>(ref reader, path, property);
        while (reader.NextItem())
        {
            items.Add(reader.TryReadString(out var value) ? value : throw ItemError(path, property, items.Count, "must be a string"));
        }

        return items;
    }

    /// <summary>Reads the current value as an array of integers.</summary>
    public static List<long> GetIntegerArray<TReader>(ref TReader reader, string path, string property)
        where TReader : ILexiconReader, allows ref struct
    {
        var items = StartArray<TReader, long>(ref reader, path, property);
        while (reader.NextItem())
        {
            items.Add(reader.TryReadInteger(out var value) ? value : throw ItemError(path, property, items.Count, "must be an integer"));
        }

        return items;
    }

    /// <summary>Reads the current value as an array of booleans.</summary>
    public static List<bool> GetBooleanArray<TReader>(ref TReader reader, string path, string property)
        where TReader : ILexiconReader, allows ref struct
    {
        var items = StartArray<TReader, bool>(ref reader, path, property);
        while (reader.NextItem())
        {
            items.Add(reader.TryReadBoolean(out var value) ? value : throw ItemError(path, property, items.Count, "must be a boolean"));
        }

        return items;
    }

    /// <summary>Reads the current value as a lexicon object.</summary>
    public static T GetObject<TReader, T>(ref TReader reader, string path, string property)
        where TReader : ILexiconReader, allows ref struct
        where T : ILexiconObject<T>
    {
        try
        {
            return T.ReadFrom(ref reader, property);
        }
        catch (LexiconValidationException e)
        {
            throw e.Under(path);
        }
    }

    /// <summary>Reads the current value as an array of lexicon objects.</summary>
    public static List<T> GetObjectArray<TReader, T>(ref TReader reader, string path, string property)
        where TReader : ILexiconReader, allows ref struct
        where T : ILexiconObject<T>
    {
        var items = StartArray<TReader, T>(ref reader, path, property);
        try
        {
            while (reader.NextItem())
            {
                items.Add(T.ReadFrom(ref reader, Index(items.Count)));
            }
        }
        catch (LexiconValidationException e)
        {
            throw e.Under($"{path}/{property}");
        }

        return items;
    }

    /// <summary>Reads the current value with <paramref name="read"/>, at <c>path/property</c>.</summary>
    public static T Get<TReader, T>(ref TReader reader, string path, string property, LexiconValueReader<TReader, T> read)
        where TReader : ILexiconReader, allows ref struct
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
    public static List<T> GetArray<TReader, T>(ref TReader reader, string path, string property, LexiconValueReader<TReader, T> read)
        where TReader : ILexiconReader, allows ref struct
    {
        var items = StartArray<TReader, T>(ref reader, path, property);
        try
        {
            while (reader.NextItem())
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

    /// <summary>Reads an <c>unknown</c> value: any object of the data model.</summary>
    public static DataModelValue GetUnknown<TReader>(ref TReader reader, string path, string property)
        where TReader : ILexiconReader, allows ref struct =>
        ReadUnknown(ref reader, out var rule) ?? throw new LexiconValidationException($"{path}/{property} {rule}");

    /// <summary>Reads an array of <c>unknown</c> values.</summary>
    public static List<DataModelValue> GetUnknownArray<TReader>(ref TReader reader, string path, string property)
        where TReader : ILexiconReader, allows ref struct
    {
        var items = StartArray<TReader, DataModelValue>(ref reader, path, property);
        while (reader.NextItem())
        {
            items.Add(ReadUnknown(ref reader, out var rule) ?? throw ItemError(path, property, items.Count, rule));
        }

        return items;
    }

    /// <summary>
    /// An <c>unknown</c> value: the data model makes its top an object, and not a blob; null, with the rule it
    /// breaks, when it is not. A value that is not in the data model at all (a float) is refused with the reason.
    /// </summary>
    private static DataModelValue? ReadUnknown<TReader>(ref TReader reader, out string rule)
        where TReader : ILexiconReader, allows ref struct
    {
        DataModelValue value;
        try
        {
            value = reader.ReadValue();
        }
        catch (DagCborException e)
        {
            rule = "must be a data-model value: " + e.Message;
            return null;
        }

        rule = value.Kind == DataModelKind.Map ? "must be an object, not a blob" : "must be an object";
        var isBlob = value.Kind == DataModelKind.Map && value["$type"] is { Kind: DataModelKind.String } type && type.StringValue == "blob";
        return value.Kind == DataModelKind.Map && !isBlob ? value : null;
    }

    /// <summary>
    /// Reads a <c>blob</c>: <c>{"$type": "blob", "ref": link, "mimeType", "size"}</c>, or the legacy
    /// <c>{"cid", "mimeType"}</c> (size -1, as @atproto/lexicon reads it).
    /// </summary>
    public static BlobRef ReadBlob<TReader>(ref TReader reader, string path)
        where TReader : ILexiconReader, allows ref struct
    {
        if (!reader.TryStartObject())
        {
            reader.Skip();
            throw NotABlob(path);
        }

        string? type = null, mimeType = null, legacyCid = null;
        CidLink? link = null;
        long? size = null;
        Dictionary<string, DataModelValue>? others = null;
        for (var index = -1; (index = reader.NextProperty(BlobProperties, index, ref others, path)) >= 0;)
        {
            switch (index)
            {
                case 0:
                    type = reader.TryReadString(out var t) ? t : throw NotABlob(path);
                    break;
                case 1:
                    link = reader.ReadCidLink() ?? throw new LexiconValidationException($"{path}/ref must be a cid-link ({{\"$link\": CID}})");
                    break;
                case 2:
                    mimeType = reader.TryReadString(out var m) ? m : throw NotABlob(path);
                    break;
                case 3:
                    size = reader.TryReadInteger(out var s) && s >= 0 ? s : throw NotABlob(path);
                    break;
                default:
                    legacyCid = reader.TryReadString(out var c) ? c : throw NotABlob(path);
                    break;
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

    private static readonly LexiconPropertyNames BlobProperties = new("$type", "ref", "mimeType", "size", "cid");

    /// <summary>Reads <c>bytes</c> (JSON: <c>{"$bytes": base64}</c>).</summary>
    public static byte[] ReadBytes<TReader>(ref TReader reader, string path)
        where TReader : ILexiconReader, allows ref struct =>
        reader.ReadBytes() ?? throw new LexiconValidationException($"{path} must be a bytes object ({{\"$bytes\": base64}})");

    /// <summary>Reads a <c>cid-link</c> (JSON: <c>{"$link": cid}</c>).</summary>
    public static CidLink ReadCidLink<TReader>(ref TReader reader, string path)
        where TReader : ILexiconReader, allows ref struct =>
        reader.ReadCidLink() ?? throw new LexiconValidationException($"{path} must be a cid-link ({{\"$link\": CID}})");

    /// <summary>The <c>$type</c> of the union member the reader is on; the member's own reader then starts at the object.</summary>
    public static string UnionType<TReader>(ref TReader reader, string path)
        where TReader : ILexiconReader, allows ref struct =>
        reader.PeekType() is { Length: > 0 } type
            ? type
            : throw new LexiconValidationException($"{path} must be an object which includes the \"$type\" property");

    /// <summary>Reads a union member of a <c>$type</c> the union does not name, kept as it came.</summary>
    public static DataModelValue ReadUnknownMember<TReader>(ref TReader reader)
        where TReader : ILexiconReader, allows ref struct => reader.ReadValue();

    /// <summary>The error for a closed union given a <c>$type</c> it does not name.</summary>
    public static LexiconValidationException UnionTypeNotAllowed(string path, string allowed) =>
        new($"{path} $type must be one of {allowed}");

    /// <summary>
    /// A record's <c>$type</c>, when it has one, must name its collection: the reader drops one that does (the record
    /// writes its own) and keeps any other with the undeclared properties, where this refuses it, so that a record of
    /// another type is not read as this one.
    /// </summary>
    public static void CheckRecordType(Dictionary<string, DataModelValue>? extensionData, string path, string recordType)
    {
        if (extensionData is not null && extensionData.TryGetValue("$type", out var type)
            && !(type.Kind == DataModelKind.String && type.StringValue == recordType))
        {
            throw new LexiconValidationException($"{path}/$type must be \"{recordType}\"");
        }
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

    private static List<T> StartArray<TReader, T>(ref TReader reader, string path, string property)
        where TReader : ILexiconReader, allows ref struct =>
        reader.TryStartArray(out var count)
            ? new List<T>(count < 0 ? 4 : count)
            : throw new LexiconValidationException($"{path}/{property} must be an array");
}
