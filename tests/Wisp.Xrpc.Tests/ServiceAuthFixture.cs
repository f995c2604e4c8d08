using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SimpleBase;
using Wisp.Xrpc.ServiceAuth;

namespace Wisp.Xrpc.Tests;

/// <summary>An account: a DID and a signing key generated in the test.</summary>
public sealed class TestAccount(string did, AtprotoCurve curve) : IDisposable
{
    public string Did { get; } = did;

    public AtprotoCurve Curve { get; } = curve;

    public ECDsa Key { get; private set; } = NewKey(curve);

    public string PublicKeyMultibase => Multibase(Curve, Key);

    public void RotateKey()
    {
        Key.Dispose();
        Key = NewKey(Curve);
    }

    /// <summary>A service JWT, low-S unless asked otherwise; fields set to null are left out.</summary>
    public string Token(
        string? aud = ServiceAuthFixture.ServiceDid,
        string? lxm = "place.wisp.v2.secret.create",
        DateTimeOffset? exp = null,
        DateTimeOffset? iat = null,
        string? jti = null,
        string? alg = null,
        string? typ = "JWT",
        ECDsa? signWith = null,
        bool highS = false,
        string? iss = null)
    {
        var now = DateTimeOffset.UtcNow;
        var header = new Dictionary<string, object> { ["alg"] = alg ?? (Curve == AtprotoCurve.P256 ? "ES256" : "ES256K") };
        if (typ is not null)
        {
            header["typ"] = typ;
        }

        var payload = new Dictionary<string, object> { ["iss"] = iss ?? Did, ["exp"] = (exp ?? now.AddSeconds(60)).ToUnixTimeSeconds(), ["iat"] = (iat ?? now).ToUnixTimeSeconds() };
        if (aud is not null)
        {
            payload["aud"] = aud;
        }

        if (lxm is not null)
        {
            payload["lxm"] = lxm;
        }

        payload["jti"] = jti ?? Guid.NewGuid().ToString("N");
        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        var signature = (signWith ?? Key).SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        signature = WithS(signature, highS);
        return $"{signingInput}.{Base64UrlEncode(signature)}";
    }

    public void Dispose() => Key.Dispose();

    public static string Multibase(AtprotoCurve curve, ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        var compressed = new byte[33];
        compressed[0] = (byte)((q.Y![^1] & 1) == 0 ? 0x02 : 0x03);
        q.X!.CopyTo(compressed, 1);
        byte[] prefix = curve == AtprotoCurve.P256 ? [0x80, 0x24] : [0xe7, 0x01];
        return "z" + Base58.Bitcoin.Encode([.. prefix, .. compressed]);
    }

    private byte[] WithS(byte[] signature, bool high)
    {
        var n = AtprotoKeys.Order(Curve);
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        if ((s > n / 2) != high)
        {
            s = n - s;
        }

        var bytes = s.ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = signature.ToArray();
        Array.Clear(result, 32, 32);
        bytes.CopyTo(result, 64 - bytes.Length);
        return result;
    }

    private static ECDsa NewKey(AtprotoCurve curve) =>
        ECDsa.Create(curve == AtprotoCurve.P256 ? ECCurve.NamedCurves.nistP256 : ECCurve.CreateFromFriendlyName("secp256k1"));

    private static string Encode(Dictionary<string, object> value) => Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(value));

    private static string Base64UrlEncode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}

/// <summary>
/// A PLC directory and a did:web host on loopback (no internet), and a Wisp.Xrpc server using the
/// AtprotoServiceAuth scheme that resolves DIDs through them.
/// </summary>
public sealed class ServiceAuthFixture : IAsyncLifetime
{
    public const string ServiceDid = "did:web:wisp.example.com";

    private readonly ConcurrentDictionary<string, string> _documents = new();
    private WebApplication? _identity;

    public TestServer Server { get; private set; } = null!;

    public string IdentityAddress { get; private set; } = null!;

    public int DocumentFetches;

    public TestAccount PlcK256 { get; } = new("did:plc:k256k256k256k256k256k256", AtprotoCurve.Secp256k1);

    public TestAccount PlcP256 { get; } = new("did:plc:p256p256p256p256p256p256", AtprotoCurve.P256);

    public TestAccount Rotating { get; } = new("did:plc:rotatingrotatingrotating", AtprotoCurve.Secp256k1);

    public TestAccount WebAccount { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        _identity = builder.Build();
        _identity.MapGet("/{did}", (string did) => Serve(did));
        _identity.MapGet("/.well-known/did.json", (HttpContext context) => Serve("did:web:" + Uri.EscapeDataString(context.Request.Host.Value!)));
        await _identity.StartAsync();
        IdentityAddress = _identity.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(IdentityAddress).Port;
        WebAccount = new TestAccount($"did:web:localhost%3A{port}", AtprotoCurve.P256);

        foreach (var account in new[] { PlcK256, PlcP256, Rotating, WebAccount })
        {
            Publish(account);
        }

        _documents["did:plc:nokeynokeynokeynokeynokey"] = JsonSerializer.Serialize(new { id = "did:plc:nokeynokeynokeynokeynokey", verificationMethod = Array.Empty<object>() });

        Server = await TestServer.StartAsync(services =>
        {
            ClientTestHandlers.Register(services);
            services.AddAuthentication(AtprotoServiceAuthHandler.SchemeName)
                .AddAtprotoServiceAuth(
                    o => o.ServiceDid = ServiceDid,
                    r =>
                    {
                        r.PlcDirectory = new Uri(IdentityAddress);
                        r.DidWebUseHttp = true;
                    });
        });
    }

    /// <summary>Publishes a DID document for <paramref name="did"/> whose #atproto key is <paramref name="publicKeyMultibase"/>.</summary>
    public void Publish(string did, string publicKeyMultibase) =>
        _documents[did] = JsonSerializer.Serialize(new
        {
            id = did,
            verificationMethod = new[] { new { id = did + "#atproto", type = "Multikey", controller = did, publicKeyMultibase } },
        });

    /// <summary>Writes the account's current key into its DID document.</summary>
    public void Publish(TestAccount account) =>
        _documents[account.Did] = JsonSerializer.Serialize(new
        {
            id = account.Did,
            verificationMethod = new[] { new { id = account.Did + "#atproto", type = "Multikey", controller = account.Did, publicKeyMultibase = account.PublicKeyMultibase } },
        });

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }
    }

    private IResult Serve(string did)
    {
        Interlocked.Increment(ref DocumentFetches);
        return _documents.TryGetValue(did, out var json) ? Results.Text(json, "application/json") : Results.NotFound();
    }
}
