using System.Net.Http.Headers;
using System.Text;

namespace Wisp.Xrpc.Tests;

/// <summary>atproto inter-service JWTs over real HTTP, with DIDs resolved from loopback servers.</summary>
public sealed class ServiceAuthTests(ServiceAuthFixture fixture) : IClassFixture<ServiceAuthFixture>
{
    private const string Create = "/xrpc/place.wisp.v2.secret.create";

    [Fact]
    public async Task A_valid_ES256K_token_from_a_did_plc_creates_a_secret_for_that_did()
    {
        var body = await XrpcAssert.OkAsync(await CallAsync(fixture.PlcK256.Token(), "k256-ok"));
        Assert.Equal("k256-ok", body.GetProperty("name").GetString());

        var again = await CallAsync(fixture.PlcK256.Token(), "k256-ok");
        await XrpcAssert.ErrorAsync(again, 409, "AlreadyExists");
    }

    [Fact]
    public async Task A_valid_ES256_token_is_accepted()
    {
        await XrpcAssert.OkAsync(await CallAsync(fixture.PlcP256.Token(), "p256-ok"));
    }

    [Fact]
    public async Task A_did_web_issuer_is_resolved_from_its_host()
    {
        await XrpcAssert.OkAsync(await CallAsync(fixture.WebAccount.Token(), "web-ok"));
    }

    [Fact]
    public async Task An_aud_with_a_service_fragment_is_accepted()
    {
        await XrpcAssert.OkAsync(await CallAsync(fixture.PlcK256.Token(aud: ServiceAuthFixture.ServiceDid + "#wisp_service"), "fragment-ok"));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "forged signature", "BadJwtSignature" },
        { "another account's key", "BadJwtSignature" },
        { "expired", "JwtExpired" },
        { "iat in the future", "BadJwt" },
        { "too old", "JwtExpired" },
        { "wrong aud", "BadJwtAudience" },
        { "wrong lxm", "BadJwtLexiconMethod" },
        { "missing lxm", "BadJwtLexiconMethod" },
        { "alg none", "BadJwt" },
        { "alg HS256", "BadJwt" },
        { "typ at+jwt", "BadJwt" },
        { "typ refresh+jwt", "BadJwt" },
        { "typ dpop+jwt", "BadJwt" },
        { "high-S", "BadJwtSignature" },
        { "alg of the other curve", "BadJwtSignature" },
        { "unresolvable DID", "BadJwt" },
        { "DID document without #atproto", "BadJwt" },
        { "not a JWT", "BadJwt" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_token_is_401_with_the_reference_error_name(string case_, string error)
    {
        var account = fixture.PlcK256;
        var now = DateTimeOffset.UtcNow;
        using var stranger = new TestAccount("did:plc:strangerstrangerstranger", Wisp.Xrpc.ServiceAuth.AtprotoCurve.Secp256k1);
        var token = case_ switch
        {
            "forged signature" => Tamper(account.Token()),
            "another account's key" => account.Token(signWith: fixture.Rotating.Key),
            "expired" => account.Token(exp: now.AddMinutes(-5), iat: now.AddMinutes(-6)),
            "iat in the future" => account.Token(iat: now.AddMinutes(10), exp: now.AddMinutes(11)),
            "too old" => account.Token(iat: now.AddHours(-1), exp: now.AddHours(1)),
            "wrong aud" => account.Token(aud: "did:web:other.example.com"),
            "wrong lxm" => account.Token(lxm: "place.wisp.v2.secret.delete"),
            "missing lxm" => account.Token(lxm: null),
            "alg none" => account.Token(alg: "none"),
            "alg HS256" => account.Token(alg: "HS256"),
            "typ at+jwt" => account.Token(typ: "at+jwt"),
            "typ refresh+jwt" => account.Token(typ: "refresh+jwt"),
            "typ dpop+jwt" => account.Token(typ: "dpop+jwt"),
            "high-S" => account.Token(highS: true),
            "alg of the other curve" => account.Token(alg: "ES256"),
            "unresolvable DID" => stranger.Token(),
            "DID document without #atproto" => account.Token(iss: "did:plc:nokeynokeynokeynokeynokey"),
            "not a JWT" => "abc.def",
            _ => throw new ArgumentOutOfRangeException(nameof(case_)),
        };

        var response = await CallAsync(token, "refused");
        var message = await XrpcAssert.ErrorAsync(response, 401, error);
        Assert.NotNull(message);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_replayed_jti_is_refused()
    {
        var token = fixture.PlcK256.Token(jti: "once-" + Guid.NewGuid());
        await XrpcAssert.OkAsync(await CallAsync(token, "replay-1"));

        var replay = await CallAsync(token, "replay-2");
        Assert.Equal("jwt replayed (jti already used)", await XrpcAssert.ErrorAsync(replay, 401, "BadJwt"));
    }

    [Fact]
    public async Task A_rotated_key_is_picked_up_by_refetching_the_did_document_once()
    {
        var account = fixture.Rotating;
        await XrpcAssert.OkAsync(await CallAsync(account.Token(), "before-rotation"));

        account.RotateKey();
        fixture.Publish(account);
        var fetchesBefore = fixture.DocumentFetches;
        await XrpcAssert.OkAsync(await CallAsync(account.Token(), "after-rotation"));

        Assert.Equal(fetchesBefore + 1, fixture.DocumentFetches);
    }

    [Fact]
    public async Task Resolved_keys_are_cached()
    {
        await XrpcAssert.OkAsync(await CallAsync(fixture.PlcP256.Token(), "cached-1"));
        var fetches = fixture.DocumentFetches;
        await XrpcAssert.OkAsync(await CallAsync(fixture.PlcP256.Token(), "cached-2"));
        Assert.Equal(fetches, fixture.DocumentFetches);
    }

    [Fact]
    public async Task No_token_is_401_AuthenticationRequired()
    {
        var response = await fixture.Server.PostAsync(Create, """{"name":"x"}""", callerDid: null);
        await XrpcAssert.ErrorAsync(response, 401, "AuthenticationRequired");
    }

    private Task<HttpResponseMessage> CallAsync(string token, string name)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Create) { Content = new StringContent($$"""{"name":"{{name}}"}""", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return fixture.Server.Client.SendAsync(request);
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var signature = System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]);
        signature[5] ^= 0x01;
        return $"{parts[0]}.{parts[1]}.{System.Buffers.Text.Base64Url.EncodeToString(signature)}";
    }
}
