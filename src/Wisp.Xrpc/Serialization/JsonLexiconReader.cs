using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Wisp.Xrpc.DataModel;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// The JSON encoding for generated readers: a <see cref="Utf8JsonReader"/> (held by value: read it back from
/// <see cref="Reader"/> when done). Bytes are <c>{"$bytes": base64}</c>, links <c>{"$link": cid}</c>
/// (atproto.com/specs/data-model#json-representation).
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // used through LexiconJson, not by applications
public ref struct JsonLexiconReader(Utf8JsonReader reader) : ILexiconReader
{
    private Utf8JsonReader _reader = reader;
    private DiscriminatedObjects _objects;

    /// <summary>The underlying reader, where this one has left it.</summary>
    public readonly Utf8JsonReader Reader => _reader;

    /// <inheritdoc />
    public readonly bool TryReadNull() => _reader.TokenType == JsonTokenType.Null;

    /// <inheritdoc />
    public bool TryStartObject()
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        _objects.Started(_reader.CurrentDepth, _reader.TokenStartIndex);
        return true;
    }

    /// <inheritdoc />
    public int NextProperty(LexiconPropertyNames names, int previous, ref Dictionary<string, DataModelValue>? extensionData, string path)
    {
        while (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = names.IndexOf(ref _reader, previous + 1);
            if (index >= 0)
            {
                _reader.Read();
                return index;
            }

            // Kept, so that it is written back unchanged: the data model asks that unknown fields are not clobbered.
            // Except the object's own $type as a union member or a record: its writer writes that again.
            var isType = _reader.ValueTextEquals("$type"u8);
            var name = isType ? "$type" : _reader.GetString()!;
            var depth = _reader.CurrentDepth - 1;
            _reader.Read();
            if (isType && _reader.TokenType == JsonTokenType.String
                && (_objects.IsUnionMember(depth) || (names.RecordType is { } recordType && _reader.ValueTextEquals(recordType))))
            {
                continue;
            }

            DataModelValue value;
            try
            {
                value = DataModelJson.Read(ref _reader);
            }
            catch (DagCborException e)
            {
                throw new LexiconValidationException($"{path}/{name} must be a data-model value: {e.Message}");
            }

            (extensionData ??= new Dictionary<string, DataModelValue>(StringComparer.Ordinal))[name] = value;
        }

        return -1;
    }

    /// <inheritdoc />
    public readonly bool TryStartArray(out int count)
    {
        count = -1;
        return _reader.TokenType == JsonTokenType.StartArray;
    }

    /// <inheritdoc />
    public bool NextItem() => _reader.Read() && _reader.TokenType != JsonTokenType.EndArray;

    /// <inheritdoc />
    public bool TryReadString([NotNullWhen(true)] out string? value)
    {
        value = _reader.TokenType == JsonTokenType.String ? _reader.GetString() : null;
        return value is not null;
    }

    /// <inheritdoc />
    public bool TryReadInteger(out long value)
    {
        value = 0;
        return _reader.TokenType == JsonTokenType.Number && _reader.TryGetInt64(out value);
    }

    /// <inheritdoc />
    public readonly bool TryReadBoolean(out bool value)
    {
        value = _reader.TokenType == JsonTokenType.True;
        return _reader.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    /// <inheritdoc />
    public byte[]? ReadBytes() =>
        ReadSingleStringObject("$bytes"u8) is { } text && TryDecodeBase64(text, out var bytes) ? bytes : null;

    /// <inheritdoc />
    public CidLink? ReadCidLink() =>
        ReadSingleStringObject("$link"u8) is { } cid && LexiconFormats.IsCid(cid) ? new CidLink(cid) : null;

    /// <inheritdoc />
    public DataModelValue ReadValue() => DataModelJson.Read(ref _reader);

    /// <inheritdoc />
    public string? PeekType()
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var ahead = _reader;
        while (ahead.Read() && ahead.TokenType == JsonTokenType.PropertyName)
        {
            var isType = ahead.ValueTextEquals("$type"u8);
            ahead.Read();
            if (isType)
            {
                if (ahead.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                _objects.Peeked(_reader.TokenStartIndex);
                return ahead.GetString();
            }

            ahead.Skip();
        }

        return null;
    }

    /// <inheritdoc />
    public void Skip() => _reader.Skip();

    /// <summary>Reads <c>{"key": "string"}</c> with nothing else in it; null when the value has another shape.</summary>
    private string? ReadSingleStringObject(ReadOnlySpan<byte> key)
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            _reader.Skip();
            return null;
        }

        string? value = null;
        var valid = true;
        while (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
        {
            var isKey = _reader.ValueTextEquals(key);
            _reader.Read();
            if (isKey && value is null && _reader.TokenType == JsonTokenType.String)
            {
                value = _reader.GetString();
            }
            else
            {
                valid = false;
                _reader.Skip();
            }
        }

        return valid ? value : null;
    }

    /// <summary>The data model's base64: standard alphabet, unpadded as the spec writes it; padding is accepted.</summary>
    private static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        var padded = (text.Length % 4) switch
        {
            2 => text + "==",
            3 => text + "=",
            _ => text,
        };
        bytes = new byte[padded.Length / 4 * 3];
        if (!text.AsSpan().ContainsAny(" \t\r\n") && Convert.TryFromBase64String(padded, bytes, out var written))
        {
            Array.Resize(ref bytes, written);
            return true;
        }

        return false;
    }
}
