using System.Diagnostics.CodeAnalysis;
using System.Formats.Cbor;
using System.Text;
using Wisp.Xrpc.Serialization;

namespace Wisp.Xrpc.DataModel;

/// <summary>
/// The DAG-CBOR encoding for generated readers, on a <see cref="CborReader"/> in its Canonical mode (sorted unique
/// keys, shortest encodings, definite lengths, valid UTF-8) plus the DRISL rules <see cref="DagCbor"/> states: counts
/// checked against the bytes left, nesting bounded, links as tag 42. Use it through <see cref="LexiconCbor"/>.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // used through LexiconCbor, not by applications
public ref struct CborLexiconReader : ILexiconReader
{
    [ThreadStatic]
    private static CborReader? t_ahead; // the look-ahead reader, used only inside PeekType, so one per thread will do

    private readonly CborReader _reader;
    private readonly ReadOnlyMemory<byte> _data;
    private readonly int _maxDepth;
    private readonly string? _rootType;
    private DiscriminatedObjects _objects;

    /// <summary>
    /// Reads <paramref name="data"/> with <paramref name="reader"/>, which must be over the same bytes; the top map's
    /// <c>$type</c> is <paramref name="rootType"/> when given (an event-stream body: its type is in the frame header).
    /// </summary>
    internal CborLexiconReader(CborReader reader, ReadOnlyMemory<byte> data, int maxDepth, string? rootType = null)
    {
        _reader = reader;
        _data = data;
        _maxDepth = maxDepth;
        _rootType = rootType;
    }

    private readonly int Offset => _data.Length - _reader.BytesRemaining;

    /// <inheritdoc />
    public readonly bool TryReadNull()
    {
        if (Peek() != CborReaderState.Null)
        {
            return false;
        }

        _reader.ReadNull();
        return true;
    }

    /// <inheritdoc />
    public bool TryStartObject()
    {
        if (Peek() != CborReaderState.StartMap)
        {
            return false;
        }

        var offset = CheckDepth();
        _objects.Started(_reader.CurrentDepth, offset);
        var count = _reader.ReadStartMap() ?? throw new DagCborException("Indefinite-length map", offset);
        if ((long)count * 2 > _reader.BytesRemaining)
        {
            throw new DagCborException($"A map of {count} entries in {_reader.BytesRemaining} bytes", offset);
        }

        return true;
    }

    /// <inheritdoc />
    public int NextProperty(LexiconPropertyNames names, int previous, ref Dictionary<string, DataModelValue>? extensionData, string path)
    {
        while (true)
        {
            switch (Peek())
            {
                case CborReaderState.EndMap:
                    _reader.ReadEndMap();
                    return -1;
                case CborReaderState.TextString:
                    break;
                default:
                    throw new DagCborException("A map key that is not a string", Offset);
            }

            var offset = Offset;
            var key = _reader.ReadDefiniteLengthTextStringBytes().Span;
            var index = names.IndexOf(key, previous + 1);
            if (index >= 0)
            {
                return index;
            }

            // The object's own $type as a union member or a record is not kept: its writer writes that again.
            if (key.SequenceEqual("$type"u8) && Peek() == CborReaderState.TextString)
            {
                var depth = _reader.CurrentDepth - 1;
                var typeOffset = Offset;
                var type = _reader.ReadDefiniteLengthTextStringBytes().Span;
                if (_objects.IsUnionMember(depth) || (names.RecordTypeUtf8 is { } recordType && type.SequenceEqual(recordType)))
                {
                    continue;
                }

                (extensionData ??= new Dictionary<string, DataModelValue>(StringComparer.Ordinal))["$type"] = DataModelValue.String(Utf8String(type, typeOffset, "A string"));
                continue;
            }

            var name = Utf8String(key, offset, "A map key");
            (extensionData ??= new Dictionary<string, DataModelValue>(StringComparer.Ordinal))[name] = ReadValue();
        }
    }

    private static string Utf8String(ReadOnlySpan<byte> bytes, int offset, string what)
    {
        try
        {
            return DagCbor.StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new DagCborException(what + " that is not valid UTF-8", offset);
        }
    }

    /// <inheritdoc />
    public readonly bool TryStartArray(out int count)
    {
        count = -1;
        if (Peek() != CborReaderState.StartArray)
        {
            return false;
        }

        var offset = CheckDepth();
        count = _reader.ReadStartArray() ?? throw new DagCborException("Indefinite-length array", offset);

        // Each item takes at least one byte: a count beyond what is left is a lie, refused before anything is sized.
        if (count > _reader.BytesRemaining)
        {
            throw new DagCborException($"An array of {count} items in {_reader.BytesRemaining} bytes", offset);
        }

        return true;
    }

    /// <inheritdoc />
    public readonly bool NextItem()
    {
        if (Peek() == CborReaderState.EndArray)
        {
            _reader.ReadEndArray();
            return false;
        }

        return true;
    }

    /// <inheritdoc />
    public readonly bool TryReadString([NotNullWhen(true)] out string? value)
    {
        value = Peek() == CborReaderState.TextString ? _reader.ReadTextString() : null;
        return value is not null;
    }

    /// <inheritdoc />
    public readonly bool TryReadInteger(out long value)
    {
        value = 0;
        if (Peek() is not (CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger))
        {
            return false;
        }

        var offset = Offset;
        try
        {
            value = _reader.ReadInt64();
            return true;
        }
        catch (OverflowException)
        {
            throw new DagCborException("An integer outside the signed 64-bit range", offset);
        }
    }

    /// <inheritdoc />
    public readonly bool TryReadBoolean(out bool value)
    {
        value = false;
        if (Peek() != CborReaderState.Boolean)
        {
            return false;
        }

        value = _reader.ReadBoolean();
        return true;
    }

    /// <inheritdoc />
    public readonly byte[]? ReadBytes() =>
        Peek() == CborReaderState.ByteString ? _reader.ReadDefiniteLengthByteString().ToArray() : null;

    /// <inheritdoc />
    public readonly CidLink? ReadCidLink() =>
        Peek() == CborReaderState.Tag ? new CidLink(DagCbor.ReadLinkAfterPeek(_reader, _data.Length).ToString()) : null;

    /// <inheritdoc />
    public readonly DataModelValue ReadValue()
    {
        var atRoot = _rootType is not null && _reader.CurrentDepth == 0;
        var value = DagCbor.Read(_reader, _data.Length, _maxDepth - _reader.CurrentDepth);

        // An event-stream body whose type is in the frame header, kept whole (an unknown message): with its $type, so
        // that it is written back as the same message.
        return atRoot && value.Kind == DataModelKind.Map && value["$type"] is null
            ? DataModelValue.Map([.. value.Entries, new("$type", DataModelValue.String(_rootType!))])
            : value;
    }

    /// <inheritdoc />
    public string? PeekType()
    {
        if (Peek() != CborReaderState.StartMap)
        {
            return null;
        }

        var offset = Offset;
        if (_rootType is not null && _reader.CurrentDepth == 0)
        {
            _objects.Peeked(offset);
            return _rootType;
        }

        // A second reader over the rest of the input, one per thread; the main reader checks every byte it skips.
        var ahead = t_ahead ??= new CborReader(ReadOnlyMemory<byte>.Empty, CborConformanceMode.Lax, allowMultipleRootLevelValues: true);
        ahead.Reset(_data[offset..]);
        try
        {
            var count = ahead.ReadStartMap() ?? 0;
            for (var i = 0; i < count && ahead.PeekState() == CborReaderState.TextString; i++)
            {
                var key = ahead.ReadDefiniteLengthTextStringBytes().Span;
                if (key.SequenceEqual("$type"u8))
                {
                    if (ahead.PeekState() != CborReaderState.TextString)
                    {
                        return null;
                    }

                    var type = ahead.ReadTextString();
                    _objects.Peeked(offset);
                    return type;
                }

                // Keys are sorted length-first: past five bytes, "$type" cannot come.
                if (key.Length > 5)
                {
                    return null;
                }

                ahead.SkipValue(disableConformanceModeChecks: true);
            }

            return null;
        }
        catch (CborContentException e)
        {
            throw new DagCborException("Not valid DAG-CBOR: " + e.Message, offset, e);
        }
        finally
        {
            ahead.Reset(ReadOnlyMemory<byte>.Empty); // holds no input past this call
        }
    }

    /// <inheritdoc />
    public readonly void Skip() => ReadValue();

    /// <summary>
    /// The next value's kind; what the data model does not have (floats, <c>undefined</c> and other simple values,
    /// indefinite-length strings, tags but 42) is refused here, wherever it stands, as <see cref="DagCbor"/> refuses it.
    /// </summary>
    private readonly CborReaderState Peek()
    {
        var state = _reader.PeekState();
        return DagCbor.Refusal(_reader, state, Offset) is { } refusal ? throw refusal : state;
    }

    private readonly int CheckDepth()
    {
        var offset = Offset;
        return _reader.CurrentDepth >= _maxDepth ? throw new DagCborException("Arrays and maps nest too deeply", offset) : offset;
    }
}
