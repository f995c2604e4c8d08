
namespace Wisp.Xrpc.DataModel;

/// <summary>
/// A content identifier as AT Protocol uses it (atproto.com/specs/data-model#link-and-cid-formats): CIDv1, codec
/// DAG-CBOR (<c>0x71</c>) or raw (<c>0x55</c>), hash SHA-256 (<c>0x12</c>, 32 bytes): always 36 bytes, written as
/// lower-case base32 with the multibase prefix <c>b</c> (<c>bafyrei…</c>, <c>bafkrei…</c>). CIDv0 (<c>Qm…</c>) and
/// every other version, codec or hash are refused, as the spec's "blessed" format is the only one records may use.
/// Compares by value.
/// </summary>
public readonly struct Cid : IEquatable<Cid>
{
    /// <summary>The multicodec of DAG-CBOR: records, commits, MST nodes.</summary>
    public const byte DagCborCodec = 0x71;

    /// <summary>The multicodec of raw bytes: blobs.</summary>
    public const byte RawCodec = 0x55;

    /// <summary>The length of a CID's binary form: version, codec, hash type, digest length, 32-byte digest.</summary>
    public const int Length = 36;

    private const byte Version1 = 0x01;
    private const byte Sha256 = 0x12;
    private const byte Sha256Length = 32;

    private readonly byte[]? _bytes;

    private Cid(byte[] bytes) => _bytes = bytes;

    /// <summary>The codec: <see cref="DagCborCodec"/> or <see cref="RawCodec"/>.</summary>
    public byte Codec => Bytes[1];

    /// <summary>The SHA-256 digest.</summary>
    public ReadOnlySpan<byte> Digest => Bytes.AsSpan(4);

    /// <summary>The 36 bytes of the binary form.</summary>
    public ReadOnlySpan<byte> Span => Bytes;

    private byte[] Bytes => _bytes ?? throw new InvalidOperationException("An uninitialized Cid (default) has no value.");

    /// <summary>The CID of <paramref name="data"/> encoded as DAG-CBOR.</summary>
    public static Cid ForDagCbor(ReadOnlySpan<byte> data) => Compute(DagCborCodec, data);

    /// <summary>The CID of raw bytes (a blob).</summary>
    public static Cid ForRaw(ReadOnlySpan<byte> data) => Compute(RawCodec, data);

    /// <summary>Reads the 36-byte binary form; throws <see cref="FormatException"/> for anything else.</summary>
    public static Cid FromBytes(ReadOnlySpan<byte> bytes) =>
        TryFromBytes(bytes, out var cid, out var error) ? cid : throw new FormatException(error);

    /// <summary>Parses <c>b…</c> (base32, lower case); throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static Cid Parse(string text) =>
        TryParse(text, out var cid, out var error) ? cid : throw new FormatException(error);

    /// <summary>Parses <c>b…</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out Cid cid) => TryParse(text, out cid, out _);

    /// <summary>Whether <paramref name="bytes"/> is the binary form of a CID this project accepts.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out Cid cid, out string? error)
    {
        cid = default;
        if (bytes.Length >= 2 && bytes[0] == 0x12 && bytes[1] == 0x20)
        {
            error = "CIDv0 is not allowed: AT Protocol uses CIDv1";
            return false;
        }

        if (bytes.Length != Length)
        {
            error = $"A CID must be {Length} bytes (CIDv1, SHA-256), not {bytes.Length}";
            return false;
        }

        if (bytes[0] != Version1)
        {
            error = $"Unsupported CID version {bytes[0]}: AT Protocol uses CIDv1";
            return false;
        }

        if (bytes[1] is not (DagCborCodec or RawCodec))
        {
            error = $"Unsupported CID codec 0x{bytes[1]:x2}: only dag-cbor (0x71) and raw (0x55)";
            return false;
        }

        if (bytes[2] != Sha256 || bytes[3] != Sha256Length)
        {
            error = "Unsupported CID hash: only SHA-256 (0x12, 32 bytes)";
            return false;
        }

        error = null;
        cid = new Cid(bytes.ToArray());
        return true;
    }

    /// <summary>Parses <c>b…</c>; false, and what is wrong, for anything else.</summary>
    public static bool TryFromString(string? text, out Cid cid, out string? error) => TryParse(text, out cid, out error);

    private static bool TryParse(string? text, out Cid cid, out string? error)
    {
        cid = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "A CID must not be empty";
            return false;
        }

        if (text.StartsWith("Qm", StringComparison.Ordinal))
        {
            error = "CIDv0 is not allowed: AT Protocol uses CIDv1";
            return false;
        }

        if (text[0] != 'b')
        {
            error = "A CID must be base32 (multibase prefix 'b')";
            return false;
        }

        Span<byte> bytes = stackalloc byte[64];
        if (!Base32Lower.TryDecode(text.AsSpan(1), bytes, out var written))
        {
            error = "A CID must be lower-case base32 (a-z, 2-7) after its 'b'";
            return false;
        }

        return TryFromBytes(bytes[..written], out cid, out error);
    }

    /// <summary>The string form: <c>b</c> + lower-case base32, no padding.</summary>
    public override string ToString() => _bytes is null ? string.Empty : "b" + Base32Lower.Encode(_bytes);

    /// <inheritdoc />
    public bool Equals(Cid other) => (_bytes ?? []).AsSpan().SequenceEqual(other._bytes ?? []);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Cid other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _bytes is null ? 0 : BitConverter.ToInt32(_bytes, 4);

    /// <summary>Equal CIDs.</summary>
    public static bool operator ==(Cid left, Cid right) => left.Equals(right);

    /// <summary>Different CIDs.</summary>
    public static bool operator !=(Cid left, Cid right) => !left.Equals(right);

    private static Cid Compute(byte codec, ReadOnlySpan<byte> data)
    {
        var bytes = new byte[Length];
        bytes[0] = Version1;
        bytes[1] = codec;
        bytes[2] = Sha256;
        bytes[3] = Sha256Length;
        Sha256Digest.Hash(data, bytes.AsSpan(4));
        return new Cid(bytes);
    }
}
