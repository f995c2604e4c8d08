using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using NBitcoin.Secp256k1;
using SimpleBase;

namespace Wisp.Xrpc.ServiceAuth;

/// <summary>
/// An atproto private key that signs with ECDSA over SHA-256 and always yields low-S signatures (the form atproto
/// requires): secp256k1 (JWT <c>alg</c> ES256K) through NBitcoin.Secp256k1, P-256 (ES256) through .NET's
/// <see cref="ECDsa"/>. Read one from a multibase string (<c>z</c> + multicodec <c>secp256k1-priv</c> 0x1301 or
/// <c>p256-priv</c> 0x1306), from 64 hex digits with its curve (how the reference PDS takes its keys), or from PEM
/// (PKCS#8 <c>PRIVATE KEY</c> or SEC1 <c>EC PRIVATE KEY</c>).
/// </summary>
public sealed class AtprotoSigningKey : IDisposable
{
    private readonly ECPrivKey? _secp256k1;
    private readonly ECDsa? _p256;

    private AtprotoSigningKey(AtprotoCurve curve, ECPrivKey? secp256k1, ECDsa? p256)
    {
        Curve = curve;
        _secp256k1 = secp256k1;
        _p256 = p256;
        PublicKeyMultibase = "z" + Base58.Bitcoin.Encode([.. Multicodec(curve, isPrivate: false), .. CompressedPublicKey()]);
    }

    /// <summary>The curve.</summary>
    public AtprotoCurve Curve { get; }

    /// <summary>The JWT <c>alg</c> of this key's signatures: <c>ES256K</c> or <c>ES256</c>.</summary>
    public string JwtAlgorithm => Curve == AtprotoCurve.Secp256k1 ? "ES256K" : "ES256";

    /// <summary>The public key as a DID document's <c>publicKeyMultibase</c> (base58btc of multicodec + compressed point).</summary>
    public string PublicKeyMultibase { get; }

    /// <summary>The public key as a <c>did:key</c>.</summary>
    public string DidKey => "did:key:" + PublicKeyMultibase;

    /// <summary>A new random key.</summary>
    public static AtprotoSigningKey Generate(AtprotoCurve curve)
    {
        if (curve == AtprotoCurve.P256)
        {
            return new AtprotoSigningKey(curve, null, ECDsa.Create(ECCurve.NamedCurves.nistP256));
        }

        Span<byte> secret = stackalloc byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(secret);
            if (ECPrivKey.TryCreate(secret, out var key) && key is not null)
            {
                secret.Clear();
                return new AtprotoSigningKey(curve, key, null);
            }
        }
    }

    /// <summary>
    /// Reads a key written as multibase (<c>z…</c>), PEM (<c>-----BEGIN …</c>), or — with <paramref name="curve"/> —
    /// 64 hex digits. Throws <see cref="FormatException"/> naming what is wrong; the key itself is never in the message.
    /// </summary>
    public static AtprotoSigningKey Parse(string text, AtprotoCurve? curve = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            return FromPem(trimmed);
        }

        if (trimmed.StartsWith('z'))
        {
            return FromMultibase(trimmed);
        }

        if (curve is { } known)
        {
            return FromHex(known, trimmed);
        }

        throw new FormatException("A private key must be multibase (starting with 'z'), PEM, or hex with its curve given");
    }

    /// <summary>Reads a multibase private key: base58btc of multicodec <c>secp256k1-priv</c> (0x1301) or <c>p256-priv</c> (0x1306) then 32 bytes.</summary>
    public static AtprotoSigningKey FromMultibase(string multibase)
    {
        if (string.IsNullOrEmpty(multibase) || multibase[0] != 'z')
        {
            throw new FormatException("A multibase private key must be base58btc (start with 'z')");
        }

        byte[] bytes;
        try
        {
            bytes = Base58.Bitcoin.Decode(multibase.AsSpan(1));
        }
        catch (ArgumentException)
        {
            throw new FormatException("A multibase private key must be base58btc");
        }

        try
        {
            return bytes.AsSpan() switch
            {
                [0x81, 0x26, ..] => FromScalar(AtprotoCurve.Secp256k1, bytes.AsSpan(2)),
                [0x86, 0x26, ..] => FromScalar(AtprotoCurve.P256, bytes.AsSpan(2)),
                _ => throw new FormatException("The multibase private key is neither secp256k1-priv nor p256-priv"),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Reads 64 hex digits (the private scalar, big-endian), as the reference PDS's <c>*_PRIVATE_KEY_HEX</c> settings hold them.</summary>
    public static AtprotoSigningKey FromHex(AtprotoCurve curve, string hex)
    {
        if (hex.Length != 64 || hex.AsSpan().ContainsAnyExcept("0123456789abcdefABCDEF"))
        {
            throw new FormatException("A hex private key is 64 hex digits");
        }

        var d = Convert.FromHexString(hex);
        try
        {
            return FromScalar(curve, d);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    /// <summary>
    /// Reads a PEM private key: PKCS#8 (<c>PRIVATE KEY</c>) or SEC1 (<c>EC PRIVATE KEY</c>), on secp256k1 or P-256. An
    /// <c>EC PARAMETERS</c> block before it (what <c>openssl ecparam -genkey</c> writes) is skipped; a public key the
    /// file holds must be the private key's.
    /// </summary>
    public static AtprotoSigningKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var rest = pem.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            var label = rest.Span[fields.Label];
            if (label.SequenceEqual("EC PARAMETERS"))
            {
                rest = rest[fields.Location.End..];
                continue;
            }

            var der = new byte[fields.DecodedDataLength];
            try
            {
                if (!Convert.TryFromBase64Chars(rest.Span[fields.Base64Data], der, out _))
                {
                    throw new FormatException("The PEM block is not base64");
                }

                if (label.SequenceEqual("PRIVATE KEY"))
                {
                    // PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier { id-ecPublicKey, namedCurve }, OCTET STRING ECPrivateKey }
                    var outer = new AsnReader(der, AsnEncodingRules.DER);
                    var info = outer.ReadSequence();
                    outer.ThrowIfNotEmpty();
                    info.ReadInteger();
                    var algorithm = info.ReadSequence();
                    if (algorithm.ReadObjectIdentifier() != "1.2.840.10045.2.1")
                    {
                        throw new FormatException("The PEM key is not an elliptic-curve key");
                    }

                    var curve = CurveOf(algorithm.ReadObjectIdentifier());
                    var inner = info.ReadOctetString();
                    try
                    {
                        return FromSec1(inner, curve);
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(inner);
                    }
                }

                if (label.SequenceEqual("EC PRIVATE KEY"))
                {
                    return FromSec1(der, null);
                }

                throw new FormatException($"A PEM private key is labelled PRIVATE KEY or EC PRIVATE KEY, not {label}");
            }
            catch (AsnContentException)
            {
                throw new FormatException("The PEM key is not well-formed DER");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(der);
            }
        }

        throw new FormatException("No PEM private key found");
    }

    /// <summary>The private key as multibase (<c>z</c> + multicodec + 32 bytes): keep it secret.</summary>
    public string ExportMultibase()
    {
        var bytes = new byte[34];
        try
        {
            Multicodec(Curve, isPrivate: true).CopyTo(bytes, 0);
            WriteScalar(bytes.AsSpan(2));
            return "z" + Base58.Bitcoin.Encode(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Signs SHA-256 of <paramref name="data"/>: 64 bytes r‖s, S always in its low half.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signature = new byte[64];
        if (_secp256k1 is not null)
        {
            Span<byte> hash = stackalloc byte[32];
            System.Security.Cryptography.SHA256.HashData(data, hash);
            if (!_secp256k1.TrySignECDSA(hash, out var signed) || signed is null)
            {
                throw new CryptographicException("secp256k1 signing failed");
            }

            if (signed.TryNormalize(out var normalized))
            {
                signed = normalized;
            }

            signed.WriteCompactToSpan(signature);
            return signature;
        }

        if (!_p256!.TrySignData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written) || written != 64)
        {
            throw new CryptographicException("P-256 signing failed");
        }

        // .NET's ECDSA does not normalise S: fold a high S onto n - S, which verifies the same and is what atproto accepts.
        if (!AtprotoKeys.IsLowS(AtprotoCurve.P256, signature))
        {
            var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
            var low = AtprotoKeys.Order(AtprotoCurve.P256) - s;
            signature.AsSpan(32).Clear();
            var bytes = low.ToByteArray(isUnsigned: true, isBigEndian: true);
            bytes.CopyTo(signature.AsSpan(64 - bytes.Length));
        }

        return signature;
    }

    /// <summary>The public half, for verifying.</summary>
    public AtprotoPublicKey PublicKey() => AtprotoKeys.FromCompressedPoint(Curve, CompressedPublicKey());

    /// <inheritdoc />
    public void Dispose()
    {
        _secp256k1?.Dispose();
        _p256?.Dispose();
    }

    private static AtprotoSigningKey FromSec1(byte[] der, AtprotoCurve? curve)
    {
        // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] ECParameters OPTIONAL, [1] publicKey OPTIONAL }
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var key = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        key.ReadInteger();
        var d = key.ReadOctetString();
        try
        {
            var explicitParameters = new Asn1Tag(TagClass.ContextSpecific, 0);
            if (key.HasData && key.PeekTag().HasSameClassAndValue(explicitParameters))
            {
                var parameters = key.ReadSequence(explicitParameters);
                var named = CurveOf(parameters.ReadObjectIdentifier());
                if (curve is { } given && given != named)
                {
                    throw new FormatException("The PEM key names two curves");
                }

                curve = named;
            }

            byte[]? publicKey = null;
            var publicKeyTag = new Asn1Tag(TagClass.ContextSpecific, 1);
            if (key.HasData && key.PeekTag().HasSameClassAndValue(publicKeyTag))
            {
                var holder = key.ReadSequence(publicKeyTag);
                publicKey = holder.ReadBitString(out _);
            }

            key.ThrowIfNotEmpty();
            var signingKey = FromScalar(curve ?? throw new FormatException("The PEM key does not name its curve"), d);
            if (publicKey is not null && !PublicKeyMatches(signingKey, publicKey))
            {
                signingKey.Dispose();
                throw new FormatException("The PEM key's public key is not its private key's");
            }

            return signingKey;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    /// <summary>Whether <paramref name="point"/> (SEC1: 0x04 x y, or compressed 0x02/0x03 x) is the key's public point.</summary>
    private static bool PublicKeyMatches(AtprotoSigningKey key, byte[] point)
    {
        var compressed = key.CompressedPublicKey();
        if (point.Length == 33)
        {
            return point.AsSpan().SequenceEqual(compressed);
        }

        return point.Length == 65 && point[0] == 0x04
            && point.AsSpan(1, 32).SequenceEqual(compressed.AsSpan(1))
            && (point[64] & 1) == (compressed[0] == 0x03 ? 1 : 0);
    }

    private static AtprotoCurve CurveOf(string oid) => oid switch
    {
        "1.3.132.0.10" => AtprotoCurve.Secp256k1,
        "1.2.840.10045.3.1.7" => AtprotoCurve.P256,
        _ => throw new FormatException("The key's curve is neither secp256k1 nor P-256"),
    };

    private static AtprotoSigningKey FromScalar(AtprotoCurve curve, ReadOnlySpan<byte> d)
    {
        if (d.Length != 32)
        {
            throw new FormatException("A private key is 32 bytes");
        }

        if (curve == AtprotoCurve.Secp256k1)
        {
            return ECPrivKey.TryCreate(d, out var key) && key is not null
                ? new AtprotoSigningKey(curve, key, null)
                : throw new FormatException("The private key is not a valid secp256k1 scalar");
        }

        var scalar = d.ToArray();
        try
        {
            var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });
            return new AtprotoSigningKey(curve, null, ecdsa);
        }
        catch (CryptographicException)
        {
            throw new FormatException("The private key is not a valid P-256 scalar");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    private static byte[] Multicodec(AtprotoCurve curve, bool isPrivate) => (curve, isPrivate) switch
    {
        (AtprotoCurve.Secp256k1, false) => [0xe7, 0x01],
        (AtprotoCurve.P256, false) => [0x80, 0x24],
        (AtprotoCurve.Secp256k1, true) => [0x81, 0x26],
        _ => [0x86, 0x26],
    };

    private byte[] CompressedPublicKey()
    {
        var compressed = new byte[33];
        if (_secp256k1 is not null)
        {
            _secp256k1.CreatePubKey().WriteToSpan(true, compressed, out _);
            return compressed;
        }

        var q = _p256!.ExportParameters(false).Q;
        compressed[0] = (byte)((q.Y![^1] & 1) == 0 ? 0x02 : 0x03);
        q.X!.CopyTo(compressed, 1);
        return compressed;
    }

    private void WriteScalar(Span<byte> destination)
    {
        if (_secp256k1 is not null)
        {
            _secp256k1.WriteToSpan(destination);
            return;
        }

        var d = _p256!.ExportParameters(true).D!;
        d.CopyTo(destination[(32 - d.Length)..]);
        CryptographicOperations.ZeroMemory(d);
    }
}
