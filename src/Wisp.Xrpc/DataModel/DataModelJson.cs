using System.Buffers.Text;
using System.Text.Json;

namespace Wisp.Xrpc.DataModel;

/// <summary>
/// The data model's JSON form (atproto.com/specs/data-model#json-representation): an object whose only key is
/// <c>$link</c> (a CID string) is a link, one whose only key is <c>$bytes</c> (base64, padding optional) is bytes, as
/// the reference's lex-json reads them; numbers must be integers in 64 bits (<c>1.0</c> and <c>1e3</c> are the
/// integers JSON.parse makes of them, <c>1.5</c> is refused: the data model has no floats); a key given twice in one
/// object is refused rather than silently dropped.
/// </summary>
public static class DataModelJson
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = DagCbor.DefaultMaxDepth };

    /// <summary>Reads one JSON value.</summary>
    public static DataModelValue Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                throw new DagCborException("Empty JSON", 0);
            }

            var value = Read(ref reader);
            if (reader.Read())
            {
                throw new DagCborException("JSON after the end of the value", reader.TokenStartIndex);
            }

            return value;
        }
        catch (JsonException e)
        {
            throw new DagCborException("Not valid JSON: " + e.Message, reader.TokenStartIndex, e);
        }
    }

    /// <summary>Reads the value at the reader's current token (for readers that embed data-model values).</summary>
    public static DataModelValue Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return DataModelValue.Null;
            case JsonTokenType.True:
                return DataModelValue.True;
            case JsonTokenType.False:
                return DataModelValue.False;
            case JsonTokenType.String:
                return DataModelValue.String(reader.GetString()!);
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var integer))
                {
                    return DataModelValue.Integer(integer);
                }

                // 1.0, 1e3: integers to JSON.parse, and so to the reference; anything fractional is a float.
                if (reader.TryGetDouble(out var number) && Math.Floor(number) == number && Math.Abs(number) <= 9007199254740991)
                {
                    return DataModelValue.Integer((long)number);
                }

                throw new DagCborException("A number that is not a 64-bit integer: the data model has no floats", reader.TokenStartIndex);
            case JsonTokenType.StartArray:
                var items = new List<DataModelValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref reader));
                }

                return DataModelValue.ArrayOf([.. items]);
            case JsonTokenType.StartObject:
                return ReadObject(ref reader);
            default:
                throw new DagCborException($"Unexpected JSON {reader.TokenType}", reader.TokenStartIndex);
        }
    }

    /// <summary>Writes <paramref name="value"/> as JSON.</summary>
    public static void Write(Utf8JsonWriter writer, DataModelValue value)
    {
        switch (value.Kind)
        {
            case DataModelKind.Null:
                writer.WriteNullValue();
                break;
            case DataModelKind.Boolean:
                writer.WriteBooleanValue(value.BooleanValue);
                break;
            case DataModelKind.Integer:
                writer.WriteNumberValue(value.IntegerValue);
                break;
            case DataModelKind.String:
                writer.WriteStringValue(value.StringValue);
                break;
            case DataModelKind.Bytes:
                writer.WriteStartObject();
                writer.WriteString("$bytes"u8, Convert.ToBase64String(value.BytesValue.Span).TrimEnd('='));
                writer.WriteEndObject();
                break;
            case DataModelKind.Link:
                writer.WriteStartObject();
                writer.WriteString("$link"u8, value.LinkValue.ToString());
                writer.WriteEndObject();
                break;
            case DataModelKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                foreach (var (key, item) in value.Entries)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }

                writer.WriteEndObject();
                break;
        }
    }

    private static DataModelValue ReadObject(ref Utf8JsonReader reader)
    {
        var start = reader.TokenStartIndex;
        var entries = new List<KeyValuePair<string, DataModelValue>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            var at = reader.TokenStartIndex;
            reader.Read();
            if (!keys.Add(key))
            {
                throw new DagCborException($"The key '{key}' is given twice in one object", at);
            }

            entries.Add(new(key, Read(ref reader)));
        }

        if (entries.Count == 1 && entries[0].Key == "$link" && entries[0].Value.Kind == DataModelKind.String)
        {
            return Cid.TryFromString(entries[0].Value.StringValue, out var cid, out var error)
                ? DataModelValue.Link(cid)
                : throw new DagCborException("$link: " + error, start);
        }

        if (entries.Count == 1 && entries[0].Key == "$bytes" && entries[0].Value.Kind == DataModelKind.String)
        {
            return DataModelValue.Bytes(DecodeBase64(entries[0].Value.StringValue, start));
        }

        return DataModelValue.Map(entries);
    }

    private static byte[] DecodeBase64(string text, long offset)
    {
        // The standard alphabet. The spec writes it without padding and the reference reads it either way: so do we.
        var padded = text.Contains('=', StringComparison.Ordinal) ? text : text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(padded.Length)];
        return !text.Any(char.IsWhiteSpace) && Convert.TryFromBase64String(padded, bytes, out var written)
            ? bytes[..written]
            : throw new DagCborException("$bytes is not base64", offset);
    }
}
