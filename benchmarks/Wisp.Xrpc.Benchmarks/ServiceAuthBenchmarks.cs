using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Wisp.Xrpc.ServiceAuth;

namespace Wisp.Xrpc.Benchmarks;

/// <summary>
/// Service JWT verification with a warm DID cache: everything the scheme does per request except the HTTP
/// plumbing (parse, claim checks, low-S check, ECDSA verify). Replay protection is off so one token can be reused.
/// </summary>
[MemoryDiagnoser]
public class ServiceAuthBenchmarks
{
    private const string ServiceDid = "did:web:wisp.example.com";
    private const string Method = "place.wisp.v2.secret.create";

    private ServiceJwtVerifier _verifier = null!;
    private string _es256k = null!;
    private string _es256 = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var k256 = ECDsa.Create(ECCurve.CreateFromFriendlyName("secp256k1"));
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var resolver = new WarmResolver(new Dictionary<string, AtprotoPublicKey>
        {
            ["did:plc:k256"] = Public(AtprotoCurve.Secp256k1, k256),
            ["did:plc:p256"] = Public(AtprotoCurve.P256, p256),
        });
        var options = new AtprotoServiceAuthOptions { ServiceDid = ServiceDid, RejectReplayedJti = false, MaxTokenAge = TimeSpan.FromDays(1) };
        _verifier = new ServiceJwtVerifier(resolver, options, TimeProvider.System, replayCache: null);
        _es256k = Token("ES256K", "did:plc:k256", k256, AtprotoCurve.Secp256k1);
        _es256 = Token("ES256", "did:plc:p256", p256, AtprotoCurve.P256);
    }

    [Benchmark(Baseline = true)]
    public ValueTask<ServiceJwt> VerifyES256K() => _verifier.VerifyAsync(_es256k, Method, CancellationToken.None);

    [Benchmark]
    public ValueTask<ServiceJwt> VerifyES256() => _verifier.VerifyAsync(_es256, Method, CancellationToken.None);

    private static AtprotoPublicKey Public(AtprotoCurve curve, ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        var compressed = new byte[33];
        compressed[0] = (byte)((q.Y![^1] & 1) == 0 ? 0x02 : 0x03);
        q.X!.CopyTo(compressed, 1);
        return AtprotoKeys.FromCompressedPoint(curve, compressed);
    }

    private static string Token(string alg, string iss, ECDsa key, AtprotoCurve curve)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Encode(new Dictionary<string, object> { ["alg"] = alg, ["typ"] = "JWT" });
        var payload = Encode(new Dictionary<string, object> { ["iss"] = iss, ["aud"] = ServiceDid, ["lxm"] = Method, ["iat"] = now.ToUnixTimeSeconds(), ["exp"] = now.AddHours(12).ToUnixTimeSeconds() });
        var input = header + "." + payload;
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        // atproto requires low-S: fold a high S onto n - S.
        var n = AtprotoKeys.Order(curve);
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        if (s > n / 2)
        {
            var low = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
            Array.Clear(signature, 32, 32);
            low.CopyTo(signature, 64 - low.Length);
        }

        return input + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
    }

    private static string Encode(Dictionary<string, object> value) => System.Buffers.Text.Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));

    private sealed class WarmResolver(Dictionary<string, AtprotoPublicKey> keys) : IDidResolver
    {
        public ValueTask<AtprotoPublicKey?> ResolveSigningKeyAsync(string did, string keyId, bool bypassCache, CancellationToken cancellationToken) =>
            ValueTask.FromResult<AtprotoPublicKey?>(keys.GetValueOrDefault(did));
    }
}
