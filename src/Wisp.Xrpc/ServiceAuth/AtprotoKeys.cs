using System.Numerics;
using System.Security.Cryptography;
using NBitcoin.Secp256k1;
using SimpleBase;

namespace Wisp.Xrpc.ServiceAuth;

/// <summary>The two signing curves of atproto (atproto.com/specs/cryptography).</summary>
public enum AtprotoCurve
{
    /// <summary>secp256k1, JWT <c>alg</c> ES256K, multicodec <c>secp256k1-pub</c> (0xe7).</summary>
    Secp256k1,

    /// <summary>NIST P-256, JWT <c>alg</c> ES256, multicodec <c>p256-pub</c> (0x1200).</summary>
    P256,
}

/// <summary>
/// An atproto public key that verifies ECDSA signatures over SHA-256: P-256 through .NET's <see cref="ECDsa"/>,
/// secp256k1 through NBitcoin.Secp256k1 (pure C#: the same code and speed on every OS, where the platform's crypto
/// is slow on this curve or, on macOS, lacks it).
/// </summary>
public sealed class AtprotoPublicKey : IDisposable
{
    private readonly ECDsa? _p256;
    private readonly ECPubKey? _secp256k1;

    private AtprotoPublicKey(AtprotoCurve curve, ECDsa? p256, ECPubKey? secp256k1)
    {
        Curve = curve;
        _p256 = p256;
        _secp256k1 = secp256k1;
    }

    /// <summary>The curve.</summary>
    public AtprotoCurve Curve { get; }

    internal static AtprotoPublicKey P256(ECDsa key) => new(AtprotoCurve.P256, key, null);

    internal static AtprotoPublicKey Secp256k1(ECPubKey key) => new(AtprotoCurve.Secp256k1, null, key);

    /// <summary>
    /// Whether <paramref name="signature"/> (64 bytes, r‖s) signs <paramref name="data"/>. A high-S signature is
    /// accepted only with <paramref name="allowHighS"/> (atproto requires low-S).
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, bool allowHighS = false)
    {
        if (signature.Length != 64 || (!allowHighS && !AtprotoKeys.IsLowS(Curve, signature)))
        {
            return false;
        }

        if (_p256 is not null)
        {
            return _p256.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        if (!SecpECDSASignature.TryCreateFromCompact(signature, out var parsed) || parsed is null)
        {
            return false;
        }

        // libsecp256k1 verifies low-S signatures only; a high S allowed above is folded onto n - S first.
        if (parsed.TryNormalize(out var normalized))
        {
            parsed = normalized;
        }

        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(data, hash);
        return _secp256k1!.SigVerify(parsed, hash);
    }

    /// <inheritdoc />
    public void Dispose() => _p256?.Dispose();
}

/// <summary>
/// Reads <c>publicKeyMultibase</c> values: base58btc (<c>z</c>) of a multicodec varint (0xe7 secp256k1-pub or
/// 0x1200 p256-pub) then a 33-byte compressed point.
/// </summary>
public static class AtprotoKeys
{
    private static readonly CurveMath Secp256k1Math = new(
        P: BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", System.Globalization.NumberStyles.HexNumber),
        A: BigInteger.Zero,
        B: 7,
        N: BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber));

    private static readonly CurveMath P256Math = new(
        P: BigInteger.Parse("0FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", System.Globalization.NumberStyles.HexNumber),
        A: BigInteger.Parse("0FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC", System.Globalization.NumberStyles.HexNumber),
        B: BigInteger.Parse("05AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B", System.Globalization.NumberStyles.HexNumber),
        N: BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber));

    /// <summary>Parses a <c>publicKeyMultibase</c> value; throws <see cref="FormatException"/> when it is not a supported key.</summary>
    public static AtprotoPublicKey FromMultibase(string multibase)
    {
        if (string.IsNullOrEmpty(multibase) || multibase[0] != 'z')
        {
            throw new FormatException("publicKeyMultibase must be base58btc (start with 'z')");
        }

        var bytes = Base58.Bitcoin.Decode(multibase.AsSpan(1));
        var (curve, compressed) = bytes switch
        {
            [0xe7, 0x01, .. var rest] => (AtprotoCurve.Secp256k1, rest),
            [0x80, 0x24, .. var rest] => (AtprotoCurve.P256, rest),
            _ => throw new FormatException("publicKeyMultibase is neither secp256k1-pub nor p256-pub"),
        };

        return FromCompressedPoint(curve, compressed);
    }

    /// <summary>Imports a 33-byte compressed point (0x02/0x03 prefix, then X).</summary>
    public static AtprotoPublicKey FromCompressedPoint(AtprotoCurve curve, ReadOnlySpan<byte> compressed)
    {
        if (compressed.Length != 33 || (compressed[0] != 0x02 && compressed[0] != 0x03))
        {
            throw new FormatException("A compressed public key is 33 bytes starting with 0x02 or 0x03");
        }

        if (curve == AtprotoCurve.Secp256k1)
        {
            return ECPubKey.TryCreate(compressed, null, out _, out var key) && key is not null
                ? AtprotoPublicKey.Secp256k1(key)
                : throw new FormatException("The public key is not a point on the curve");
        }

        // .NET imports only full points: decompress (y² = x³ + ax + b; p is 3 mod 4, so y = (y²)^((p+1)/4)).
        var math = P256Math;
        var x = new BigInteger(compressed[1..], isUnsigned: true, isBigEndian: true);
        var ySquared = (BigInteger.ModPow(x, 3, math.P) + (math.A * x) + math.B) % math.P;
        if (ySquared.Sign < 0)
        {
            ySquared += math.P;
        }

        var y = BigInteger.ModPow(ySquared, (math.P + 1) / 4, math.P);
        if (BigInteger.ModPow(y, 2, math.P) != ySquared)
        {
            throw new FormatException("The public key is not a point on the curve");
        }

        if (y.IsEven != (compressed[0] == 0x02))
        {
            y = math.P - y;
        }

        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = compressed[1..].ToArray(), Y = ToBytes32(y) },
        };
        return AtprotoPublicKey.P256(ECDsa.Create(parameters));
    }

    /// <summary>True when the S half of a 64-byte r‖s signature is at most n/2 (the low-S form atproto requires).</summary>
    public static bool IsLowS(AtprotoCurve curve, ReadOnlySpan<byte> signature)
    {
        var s = new BigInteger(signature[32..], isUnsigned: true, isBigEndian: true);
        return s <= Math(curve).N / 2;
    }

    /// <summary>The curve order n, for tests that need to produce high-S signatures.</summary>
    public static BigInteger Order(AtprotoCurve curve) => Math(curve).N;

    private static CurveMath Math(AtprotoCurve curve) => curve == AtprotoCurve.P256 ? P256Math : Secp256k1Math;

    private static byte[] ToBytes32(BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length == 32)
        {
            return bytes;
        }

        var padded = new byte[32];
        bytes.CopyTo(padded, 32 - bytes.Length);
        return padded;
    }

    private sealed record CurveMath(BigInteger P, BigInteger A, BigInteger B, BigInteger N);
}
