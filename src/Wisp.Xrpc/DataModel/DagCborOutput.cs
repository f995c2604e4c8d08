using System.Formats.Cbor;
using System.Text;

namespace Wisp.Xrpc.DataModel;

/// <summary>
/// The writer behind <see cref="CborLexiconWriter"/>: a <see cref="CborWriter"/> and, on the fast path, what it takes
/// to write keys in DAG-CBOR's order without sorting them (atproto.com/specs/data-model: shorter keys first, then
/// bytewise; no key twice).
/// </summary>
/// <remarks>
/// <para>
/// Fast (<see cref="CborConformanceMode.Lax"/>): keys are written as they come, each checked against the one before
/// it in its map; a key that is not strictly after it clears <see cref="InOrder"/>, and the caller writes the value
/// again with a Canonical output. <c>$type</c> is held until the first key that sorts after it (or the map's end).
/// </para>
/// <para>
/// Canonical (<see cref="CborConformanceMode.Canonical"/>): the <see cref="CborWriter"/> sorts each map and refuses a
/// key given twice; this only writes.
/// </para>
/// </remarks>
internal sealed class DagCborOutput
{
    private static readonly string TypeKey = "$type";

    private readonly bool _canonical;
    private Map[] _maps = new Map[16];
    private int _depth;
    private byte[] _keys = new byte[256]; // the last key of each open map, one after another

    public DagCborOutput(bool canonical)
    {
        _canonical = canonical;
        Writer = new CborWriter(canonical ? CborConformanceMode.Canonical : CborConformanceMode.Lax, convertIndefiniteLengthEncodings: true, allowMultipleRootLevelValues: false);
    }

    /// <summary>Whether the <see cref="Writer"/> sorts each map itself.</summary>
    public bool IsCanonical => _canonical;

    /// <summary>The writer values are written to.</summary>
    public CborWriter Writer { get; }

    /// <summary>Whether every key so far came after the one before it in its map (always true when canonical).</summary>
    public bool InOrder { get; private set; } = true;

    public void WriteStartMap()
    {
        if (!_canonical)
        {
            if (_depth == _maps.Length)
            {
                Array.Resize(ref _maps, _depth * 2);
            }

            var start = _depth == 0 ? 0 : _maps[_depth - 1].KeyStart + _maps[_depth - 1].KeyLength;
            _maps[_depth++] = new Map { KeyStart = start, KeyLength = -1 };
        }

        Writer.WriteStartMap(null); // made definite when it ends
    }

    public void WriteEndMap()
    {
        if (!_canonical)
        {
            if (_maps[_depth - 1].Type is { } type)
            {
                WriteTypeNow(type);
            }

            _depth--;
        }

        Writer.WriteEndMap();
    }

    /// <summary>The map's <c>$type</c>, given before its other keys: held until its place in the key order.</summary>
    public void WriteType(string type)
    {
        if (_canonical || _maps[_depth - 1].KeyLength >= 0)
        {
            WriteKey("$type"u8, TypeKey);
            DagCbor.WriteText(Writer, type);
            return;
        }

        _maps[_depth - 1].Type = type;
    }

    /// <summary>Writes a key given as UTF-8 (and as a string, when the caller has one).</summary>
    public void WriteKey(ReadOnlySpan<byte> utf8, string? name = null)
    {
        if (!_canonical)
        {
            ref var map = ref _maps[_depth - 1];
            if (map.Type is { } type && Compare("$type"u8, utf8) < 0)
            {
                WriteTypeNow(type);
            }

            var last = map.KeyLength < 0 ? default : _keys.AsSpan(map.KeyStart, map.KeyLength);
            if (map.KeyLength >= 0 && Compare(last, utf8) >= 0)
            {
                InOrder = false;
            }

            if (map.KeyStart + utf8.Length > _keys.Length)
            {
                Array.Resize(ref _keys, Math.Max(_keys.Length * 2, map.KeyStart + utf8.Length));
            }

            utf8.CopyTo(_keys.AsSpan(map.KeyStart));
            map.KeyLength = utf8.Length;
        }

        if (name is not null)
        {
            DagCbor.WriteText(Writer, name);
            return;
        }

        // CborWriter takes text as UTF-16 only; generated names are short and almost always ASCII.
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var length = Ascii.ToUtf16(utf8, chars, out var written) == System.Buffers.OperationStatus.Done ? written : Utf16(utf8, chars);
        Writer.WriteTextString(chars[..length]);
    }

    /// <summary>Ready for the next value; the writer is kept (and its buffer with it).</summary>
    public void Reset()
    {
        Writer.Reset();
        _depth = 0;
        InOrder = true;
    }

    private static int Utf16(ReadOnlySpan<byte> utf8, Span<char> chars)
    {
        try
        {
            return DagCbor.StrictUtf8.GetChars(utf8, chars);
        }
        catch (DecoderFallbackException e)
        {
            throw new ArgumentException("A property name that is not valid UTF-8 cannot be written as DAG-CBOR.", nameof(utf8), e);
        }
    }

    private void WriteTypeNow(string type)
    {
        _maps[_depth - 1].Type = null;
        WriteKey("$type"u8, TypeKey);
        DagCbor.WriteText(Writer, type);
    }

    /// <summary>DAG-CBOR's key order: the shorter first, then bytewise.</summary>
    private static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        a.Length != b.Length ? a.Length - b.Length : a.SequenceCompareTo(b);

    private struct Map
    {
        public int KeyStart;
        public int KeyLength; // -1: no key yet
        public string? Type; // a $type waiting for its place
    }
}
