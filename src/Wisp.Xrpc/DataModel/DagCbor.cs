using System.Formats.Cbor;
using System.Text;

namespace Wisp.Xrpc.DataModel;

/// <summary>
/// DAG-CBOR as AT Protocol restricts it (the DRISL profile, atproto.com/specs/data-model), on System.Formats.Cbor in
/// its Canonical mode, which already enforces shortest integer and length encodings, definite lengths, unique map
/// keys sorted length-first then bytewise, and valid UTF-8. On top of it this refuses what the data model does not
/// have: floats, <c>undefined</c> and other simple values, tags other than 42 (a CID, as <c>0x00</c> + its bytes),
/// keys that are not strings, integers outside 64 bits, trailing bytes, and nesting deeper than a limit. Every
/// refusal is a <see cref="DagCborException"/> with the offset; nothing is sized from a declared length.
/// </summary>
public static class DagCbor
{
    /// <summary>How deep arrays and maps may nest by default (System.Text.Json's default too).</summary>
    public const int DefaultMaxDepth = 64;

    private const CborTag CidTag = (CborTag)42;

    /// <summary>Reads one value, strictly.</summary>
    /// <param name="bytes">Exactly one DAG-CBOR value, nothing after it.</param>
    /// <param name="maxDepth">How deep arrays and maps may nest.</param>
    public static DataModelValue Decode(ReadOnlyMemory<byte> bytes, int maxDepth = DefaultMaxDepth)
    {
        var reader = new CborReader(bytes, CborConformanceMode.Canonical, allowMultipleRootLevelValues: false);
        DataModelValue value;
        try
        {
            value = Read(reader, bytes.Length, maxDepth);
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException or FormatException and not DagCborException)
        {
            throw new DagCborException("Not valid DAG-CBOR: " + e.Message, bytes.Length - reader.BytesRemaining, e);
        }

        if (reader.BytesRemaining != 0)
        {
            throw new DagCborException("Bytes after the end of the value", bytes.Length - reader.BytesRemaining);
        }

        return value;
    }

    /// <summary>
    /// Reads the first value of <paramref name="bytes"/>, strictly, and says how many bytes it took: for inputs that
    /// hold values back to back (an event-stream frame is a header then a body).
    /// </summary>
    public static DataModelValue DecodeFirst(ReadOnlyMemory<byte> bytes, out int consumed, int maxDepth = DefaultMaxDepth)
    {
        var reader = new CborReader(bytes, CborConformanceMode.Canonical, allowMultipleRootLevelValues: true);
        try
        {
            var value = Read(reader, bytes.Length, maxDepth);
            consumed = bytes.Length - reader.BytesRemaining;
            return value;
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException or FormatException and not DagCborException)
        {
            throw new DagCborException("Not valid DAG-CBOR: " + e.Message, bytes.Length - reader.BytesRemaining, e);
        }
    }

    /// <summary>The canonical encoding of <paramref name="value"/>.</summary>
    public static byte[] Encode(DataModelValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        // Lax: a value's maps are in DAG-CBOR's order with unique keys already (DataModelValue.Map sorts and checks them,
        // and the reader refuses any other), lengths are definite and CborWriter writes integers in their shortest form.
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false, allowMultipleRootLevelValues: false);
        Write(writer, value);
        return writer.Encode();
    }

    /// <summary>Writes <paramref name="value"/> to a writer (for encoders that embed data-model values).</summary>
    public static void Write(CborWriter writer, DataModelValue value)
    {
        switch (value.Kind)
        {
            case DataModelKind.Null:
                writer.WriteNull();
                break;
            case DataModelKind.Boolean:
                writer.WriteBoolean(value.BooleanValue);
                break;
            case DataModelKind.Integer:
                writer.WriteInt64(value.IntegerValue);
                break;
            case DataModelKind.String:
                WriteText(writer, value.StringValue);
                break;
            case DataModelKind.Bytes:
                writer.WriteByteString(value.BytesValue.Span);
                break;
            case DataModelKind.Link:
                WriteLink(writer, value.LinkValue);
                break;
            case DataModelKind.Array:
                writer.WriteStartArray(value.Items.Count);
                foreach (var item in value.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartMap(value.Entries.Count);
                foreach (var (key, item) in value.Entries)
                {
                    WriteText(writer, key);
                    Write(writer, item);
                }

                writer.WriteEndMap();
                break;
        }
    }

    /// <summary>
    /// Writes text. A string that is not valid UTF-16 (a lone surrogate) has no UTF-8 form and is refused with an
    /// <see cref="ArgumentException"/>, as a Canonical <see cref="CborWriter"/> refuses it; a Lax one, which the fast
    /// paths use, would write U+FFFD in its place, so the bytes and the CID would not be those of the value.
    /// </summary>
    internal static void WriteText(CborWriter writer, string value)
    {
        if (!System.Text.Ascii.IsValid(value))
        {
            try
            {
                _ = StrictUtf8.GetByteCount(value);
            }
            catch (System.Text.EncoderFallbackException e)
            {
                throw new ArgumentException("A string that is not valid UTF-16 (it holds a lone surrogate) cannot be written as DAG-CBOR.", nameof(value), e);
            }
        }

        writer.WriteTextString(value);
    }

    /// <summary>UTF-8 that throws on what it cannot encode or decode (a lone surrogate, invalid bytes) instead of writing U+FFFD.</summary>
    internal static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A CID as DAG-CBOR links it: tag 42 over <c>0x00</c> + the CID's bytes.</summary>
    public static void WriteLink(CborWriter writer, Cid cid)
    {
        Span<byte> payload = stackalloc byte[Cid.Length + 1];
        payload[0] = 0;
        cid.Span.CopyTo(payload[1..]);
        writer.WriteTag(CidTag);
        writer.WriteByteString(payload);
    }

    /// <summary>DAG-CBOR's map key order: shorter UTF-8 first, then bytewise.</summary>
    public static int CompareKeys(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var lengths = Encoding.UTF8.GetByteCount(x).CompareTo(Encoding.UTF8.GetByteCount(y));
        if (lengths != 0)
        {
            return lengths;
        }

        // Equal UTF-8 lengths: compare the bytes (ordinal UTF-16 order differs from UTF-8 order above U+FFFF).
        Span<byte> left = x.Length <= 128 ? stackalloc byte[x.Length * 3] : new byte[Encoding.UTF8.GetByteCount(x)];
        Span<byte> right = y.Length <= 128 ? stackalloc byte[y.Length * 3] : new byte[Encoding.UTF8.GetByteCount(y)];
        var l = Encoding.UTF8.GetBytes(x, left);
        var r = Encoding.UTF8.GetBytes(y, right);
        return left[..l].SequenceCompareTo(right[..r]);
    }

    /// <summary>Reads the value at the reader, strictly, with <paramref name="depthLeft"/> levels of nesting allowed.</summary>
    internal static DataModelValue Read(CborReader reader, int total, int depthLeft)
    {
        var offset = total - reader.BytesRemaining;
        switch (reader.PeekState())
        {
            case CborReaderState.Null:
                reader.ReadNull();
                return DataModelValue.Null;
            case CborReaderState.Boolean:
                return DataModelValue.Boolean(reader.ReadBoolean());
            case CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger:
                try
                {
                    return DataModelValue.Integer(reader.ReadInt64());
                }
                catch (OverflowException)
                {
                    throw new DagCborException("An integer outside the signed 64-bit range", offset);
                }

            case CborReaderState.TextString:
                return DataModelValue.String(reader.ReadTextString());
            case CborReaderState.ByteString:
                return DataModelValue.Bytes(reader.ReadDefiniteLengthByteString().Span);
            case CborReaderState.Tag:
                return DataModelValue.Link(ReadLinkAfterPeek(reader, total));
            case CborReaderState.StartArray:
                return ReadArray(reader, total, depthLeft, offset);
            case CborReaderState.StartMap:
                return ReadMap(reader, total, depthLeft, offset);
            case var state:
                throw Refusal(reader, state, offset) ?? new DagCborException($"Unexpected CBOR {state}", offset);
        }
    }

    /// <summary>
    /// The refusal of a next value the data model does not have: a float, <c>undefined</c> or another simple value, an
    /// indefinite-length string, a tag other than 42, or the end of the input; null for one it has.
    /// </summary>
    internal static DagCborException? Refusal(CborReader reader, CborReaderState state, int offset) => state switch
    {
        CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat =>
            new("A float: the AT Protocol data model has no floating-point numbers", offset),
        CborReaderState.SimpleValue => new("A CBOR simple value ('undefined' or another) is not in the data model", offset),
        CborReaderState.StartIndefiniteLengthTextString or CborReaderState.StartIndefiniteLengthByteString =>
            new("Indefinite-length strings are not DAG-CBOR", offset),
        CborReaderState.Tag when reader.PeekTag() is var tag && tag != CidTag =>
            new($"CBOR tag {(ulong)tag}: the only tag DAG-CBOR allows is 42 (a CID)", offset),
        CborReaderState.Finished => new("The input ends before a value", offset),
        _ => null,
    };

    /// <summary>Reads tag 42 and its CID; the reader is at a tag.</summary>
    internal static Cid ReadLinkAfterPeek(CborReader reader, int total)
    {
        var offset = total - reader.BytesRemaining;
        if (Refusal(reader, CborReaderState.Tag, offset) is { } refusal)
        {
            throw refusal; // a tag other than 42
        }

        reader.ReadTag();
        if (reader.PeekState() != CborReaderState.ByteString)
        {
            throw new DagCborException("Tag 42 must hold a byte string", offset);
        }

        var payload = reader.ReadDefiniteLengthByteString().Span;
        if (payload.Length == 0 || payload[0] != 0)
        {
            throw new DagCborException("A CID in tag 42 must start with the 0x00 multibase prefix", offset);
        }

        return Cid.TryFromBytes(payload[1..], out var cid, out var error) ? cid : throw new DagCborException(error!, offset);
    }

    private static DataModelValue ReadArray(CborReader reader, int total, int depthLeft, int offset)
    {
        if (depthLeft == 0)
        {
            throw new DagCborException("Arrays and maps nest too deeply", offset);
        }

        var count = reader.ReadStartArray() ?? throw new DagCborException("Indefinite-length array", offset);

        // Each item takes at least one byte: a count beyond what is left is a lie, refused before anything is sized.
        if (count > reader.BytesRemaining)
        {
            throw new DagCborException($"An array of {count} items in {reader.BytesRemaining} bytes", offset);
        }

        var items = new DataModelValue[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = Read(reader, total, depthLeft - 1);
        }

        reader.ReadEndArray();
        return DataModelValue.ArrayOf(items);
    }

    private static DataModelValue ReadMap(CborReader reader, int total, int depthLeft, int offset)
    {
        if (depthLeft == 0)
        {
            throw new DagCborException("Arrays and maps nest too deeply", offset);
        }

        var count = reader.ReadStartMap() ?? throw new DagCborException("Indefinite-length map", offset);
        if ((long)count * 2 > reader.BytesRemaining)
        {
            throw new DagCborException($"A map of {count} entries in {reader.BytesRemaining} bytes", offset);
        }

        var entries = new KeyValuePair<string, DataModelValue>[count];
        for (var i = 0; i < count; i++)
        {
            if (reader.PeekState() != CborReaderState.TextString)
            {
                throw new DagCborException("A map key that is not a string", total - reader.BytesRemaining);
            }

            var key = reader.ReadTextString();
            entries[i] = new(key, Read(reader, total, depthLeft - 1));
        }

        reader.ReadEndMap();
        return DataModelValue.SortedMap(entries);
    }
}
