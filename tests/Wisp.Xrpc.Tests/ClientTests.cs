using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wisp.Xrpc.Client;
using Wisp.Xrpc.ServiceAuth;
using Wisp.Xrpc.Tests.Lexicons.Com.Example.Client;
using Xunit;

namespace Wisp.Xrpc.Tests;

/// <summary>What the client sends and how it takes what it gets, seen on the wire (a recording handler), in process, from DI, and with service auth.</summary>
public sealed class ClientTests(ServiceAuthFixture auth) : IClassFixture<ServiceAuthFixture>
{
    [Fact]
    public async Task The_request_is_the_one_the_reference_client_sends()
    {
        var wire = new RecordingHandler(_ => Json("""{"name":"box","count":3,"stored":true}"""));
        var client = new XrpcClient(new HttpClient(wire), new XrpcClientOptions { BaseAddress = new Uri("https://pds.example.com") });
        await PutThing.CallAsync(client, new() { DryRun = false }, new() { Name = "box", Count = 3 });

        var request = Assert.Single(wire.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://pds.example.com/xrpc/com.example.client.putThing?dryRun=false", request.Uri);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("""{"name":"box","count":3}""", request.Body);

        await GetThing.CallAsync(new XrpcClient(new HttpClient(new RecordingHandler(r =>
        {
            Assert.Equal("/xrpc/com.example.client.getThing?actor=alice.test&tags=a&tags=b%20c&ids=1&ids=-2&flags=true", r.RequestUri!.PathAndQuery);
            Assert.Null(r.Content);
            return Json("""{"actor":"alice.test","limit":50,"tags":[],"ids":[],"flags":[],"thing":{"$type":"com.example.client.getThing#gadget","serial":1}}""");
        })), new XrpcClientOptions { BaseAddress = new Uri("https://pds.example.com") }), new() { Actor = "alice.test", Tags = ["a", "b c"], Ids = [1, -2], Flags = [true] });
    }

    [Fact]
    public async Task A_method_without_input_sends_no_body_and_proxy_and_labelers_headers_are_options()
    {
        var wire = new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var options = new XrpcClientOptions { BaseAddress = new Uri("https://pds.example.com"), AtprotoProxy = "did:web:api.bsky.app#bsky_appview" };
        options.AcceptLabelers.Add(new XrpcLabeler("did:plc:ar7c4by46qjdydhdevvrndac", Redact: true));
        options.AcceptLabelers.Add(new XrpcLabeler("did:web:labeler.example.com"));
        var client = new XrpcClient(new HttpClient(wire), options);

        await Touch.CallAsync(client);
        await Touch.CallAsync(client, new XrpcCallOptions
        {
            AtprotoProxy = "did:web:feed.example.com#bsky_fg",
            AcceptLabelers = [],
            Authorization = "Bearer session-token",
            Headers = new Dictionary<string, string> { ["x-request-id"] = "7" },
        });

        Assert.Null(wire.Requests[0].Body);
        Assert.Equal("did:web:api.bsky.app#bsky_appview", wire.Requests[0].Headers["atproto-proxy"]);
        Assert.Equal("did:plc:ar7c4by46qjdydhdevvrndac;redact, did:web:labeler.example.com", wire.Requests[0].Headers["atproto-accept-labelers"]);
        Assert.False(wire.Requests[0].Headers.ContainsKey("Authorization"));
        Assert.Equal("did:web:feed.example.com#bsky_fg", wire.Requests[1].Headers["atproto-proxy"]);
        Assert.False(wire.Requests[1].Headers.ContainsKey("atproto-accept-labelers"));
        Assert.Equal("Bearer session-token", wire.Requests[1].Headers["Authorization"]);
        Assert.Equal("7", wire.Requests[1].Headers["x-request-id"]);
    }

    [Theory]
    [InlineData(502, "text/html", "<html>bad gateway</html>", "UpstreamFailure", null)]
    [InlineData(429, "application/json", """{"error":"RateLimitExceeded","message":"slow down"}""", "RateLimitExceeded", "slow down")]
    [InlineData(400, "application/json", """{"message":"no name"}""", "InvalidRequest", "no name")]
    [InlineData(503, "application/json", "not json", "NotEnoughResources", null)]
    [InlineData(418, "text/plain", "teapot", "Unknown", null)]
    public async Task An_error_answer_is_an_XrpcException_named_by_its_body_or_its_status(int status, string type, string body, string error, string? message)
    {
        var client = Over(_ => new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, type) });
        var thrown = await Assert.ThrowsAsync<XrpcException>(() => Touch.CallAsync(client));
        Assert.Equal(status, thrown.StatusCode);
        Assert.Equal(error, thrown.Error);
        Assert.Equal(message, thrown.ErrorMessage);
        Assert.NotNull(thrown.ResponseHeaders);
    }

    [Theory]
    [InlineData("text/plain", """{"did":"did:plc:abc"}""", "not application/json")]
    [InlineData("application/json", """{"did":"not a did"}""", "Output/did")]
    [InlineData("application/json", """{"did":"did:plc:abc"} {}""", "not valid JSON")]
    [InlineData("application/json", """{"did":""", "not valid JSON")]
    [InlineData("application/json", "", "empty")]
    public async Task Output_that_breaks_the_lexicon_is_InvalidResponse(string type, string body, string why)
    {
        var client = Over(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, type) });
        var thrown = await Assert.ThrowsAsync<XrpcException>(() => Whoami.CallAsync(client));
        Assert.Equal(502, thrown.StatusCode);
        Assert.Equal(XrpcErrorNames.InvalidResponse, thrown.Error);
        Assert.Contains(why, thrown.Message);
    }

    [Fact]
    public async Task A_json_response_larger_than_the_limit_is_refused_without_reading_it_all()
    {
        var huge = "{\"did\":\"did:plc:" + new string('a', 200_000) + "\"}";
        var client = new XrpcClient(
            new HttpClient(new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))) { Headers = { ContentType = new("application/json") } } })),
            new XrpcClientOptions { BaseAddress = new Uri("https://pds.example.com"), MaxJsonResponseSize = 100_000 });
        var thrown = await Assert.ThrowsAsync<XrpcException>(() => Whoami.CallAsync(client));
        Assert.Contains("larger than 100000 bytes", thrown.Message);
    }

    [Fact]
    public async Task A_raw_input_of_a_type_the_lexicon_does_not_accept_is_refused_before_sending()
    {
        var wire = new RecordingHandler(_ => throw new InvalidOperationException("sent"));
        var client = new XrpcClient(new HttpClient(wire), new XrpcClientOptions { BaseAddress = new Uri("https://pds.example.com") });
        await using var blob = new XrpcBlob("text/plain", new MemoryStream([1, 2, 3]));
        await Assert.ThrowsAsync<ArgumentException>(() => Lexicons.Com.Example.Test.SetAvatar.CallAsync(client, blob));
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task In_process_the_same_client_calls_the_apps_own_endpoints_without_a_socket()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddWispXrpc();
        ClientTestHandlers.Register(builder.Services);
        await using var app = builder.Build();
        app.MapWispXrpc();
        await app.StartAsync();

        var client = new XrpcClient(app.GetTestClient());
        var output = await GetThing.CallAsync(client, new() { Actor = "gadget.test", Ids = [4] });
        Assert.Equal([4L], output.Ids);
        Assert.IsType<GetThing.Gadget>(output.Thing);
        var error = await Assert.ThrowsAsync<XrpcException>(() => GetThing.CallAsync(client, new() { Actor = "missing.test" }));
        Assert.True(GetThing.Errors.IsThingNotFound(error));
        await using var blob = await GetBlob.CallAsync(client, new() { Size = 100_000 });
        var copy = new MemoryStream();
        await blob.Content.CopyToAsync(copy);
        Assert.Equal(100_000, copy.Length);
    }

    [Fact]
    public async Task Named_and_typed_clients_come_from_IHttpClientFactory_with_validated_options()
    {
        var services = new ServiceCollection();
        services.AddXrpcClient("thing-service", o => o.BaseAddress = auth.Server.Client.BaseAddress);
        services.AddXrpcClient<ThingService>(o => o.BaseAddress = auth.Server.Client.BaseAddress);
        services.AddXrpcClient("broken", o => o.BaseAddress = new Uri("ftp://example.com"));
        await using var provider = services.BuildServiceProvider();

        var named = provider.GetRequiredService<IXrpcClientFactory>().CreateClient("thing-service");
        Assert.Equal("alice.test", (await GetThing.CallAsync(named, new() { Actor = "alice.test" })).Actor);
        Assert.Equal(7, await provider.GetRequiredService<ThingService>().GadgetSerialAsync());

        var invalid = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IXrpcClientFactory>().CreateClient("broken"));
        Assert.Contains("BaseAddress must be an absolute http or https address", invalid.Message);
    }

    [Theory]
    [InlineData(AtprotoCurve.Secp256k1)]
    [InlineData(AtprotoCurve.P256)]
    public async Task Service_auth_tokens_are_minted_per_call_and_accepted_by_this_projects_verifier(AtprotoCurve curve)
    {
        using var key = AtprotoSigningKey.Generate(curve);
        var did = curve == AtprotoCurve.P256 ? "did:plc:clientp256clientp256clie" : "did:plc:clientk256clientk256clie";
        auth.Publish(did, key.PublicKeyMultibase);
        var client = new XrpcClient(new HttpClient(), new XrpcClientOptions
        {
            BaseAddress = auth.Server.Client.BaseAddress,
            ServiceAuth = new() { Issuer = did, SigningKey = key, Audience = ServiceAuthFixture.ServiceDid },
        });

        // The verifier refuses a replayed jti and a token for another method: each call has its own token, bound to its method.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(did, (await Whoami.CallAsync(client)).Did);
        }

        var elsewhere = await Assert.ThrowsAsync<XrpcException>(() => Whoami.CallAsync(client, new XrpcCallOptions { ServiceAuthAudience = "did:web:elsewhere.example.com" }));
        Assert.Equal(401, elsewhere.StatusCode);
        var anonymous = await Assert.ThrowsAsync<XrpcException>(() => Whoami.CallAsync(new XrpcClient(new HttpClient { BaseAddress = auth.Server.Client.BaseAddress })));
        Assert.Equal("AuthenticationRequired", anonymous.Error);
    }

    [Theory]
    [InlineData(AtprotoCurve.Secp256k1)]
    [InlineData(AtprotoCurve.P256)]
    public void A_minted_token_has_the_references_header_and_claims_and_a_low_S_signature(AtprotoCurve curve)
    {
        using var key = AtprotoSigningKey.Generate(curve);
        var time = new FixedTime(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var issuer = new ServiceJwtIssuer("did:plc:issuerissuerissuerissuer", key, time);
        var tokens = Enumerable.Range(0, 50).Select(_ => issuer.CreateToken("did:web:api.bsky.app#bsky_appview", "app.bsky.feed.getTimeline")).ToList();

        var parts = tokens[0].Split('.');
        Assert.Equal($$"""{"typ":"JWT","alg":"{{key.JwtAlgorithm}}"}""", Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0])));
        using var payload = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        var claims = payload.RootElement;
        Assert.Equal(["iat", "iss", "aud", "exp", "lxm", "jti"], claims.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1_700_000_000, claims.GetProperty("iat").GetInt64());
        Assert.Equal(1_700_000_060, claims.GetProperty("exp").GetInt64());
        Assert.Equal("did:web:api.bsky.app#bsky_appview", claims.GetProperty("aud").GetString());
        Assert.Matches("^[0-9a-f]{32}$", claims.GetProperty("jti").GetString());

        using var publicKey = key.PublicKey();
        foreach (var token in tokens)
        {
            var p = token.Split('.');
            var signature = System.Buffers.Text.Base64Url.DecodeFromChars(p[2]);
            Assert.True(AtprotoKeys.IsLowS(curve, signature));
            Assert.True(publicKey.Verify(Encoding.ASCII.GetBytes(p[0] + "." + p[1]), signature));
        }

        Assert.Equal(tokens.Count, tokens.Select(t => t.Split('.')[1]).Distinct().Count());
        Assert.Throws<ArgumentException>(() => issuer.CreateToken("not a did", null));
        Assert.Throws<ArgumentException>(() => issuer.CreateToken("did:web:x.test", "not an nsid"));
        Assert.Throws<ArgumentOutOfRangeException>(() => issuer.CreateToken("did:web:x.test", null, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Signing_keys_read_from_multibase_hex_and_pem_are_the_same_key()
    {
        foreach (var curve in new[] { AtprotoCurve.Secp256k1, AtprotoCurve.P256 })
        {
            using var key = AtprotoSigningKey.Generate(curve);
            var multibase = key.ExportMultibase();
            using var again = AtprotoSigningKey.Parse(multibase);
            Assert.Equal(key.DidKey, again.DidKey);

            var d = SimpleBase.Base58.Bitcoin.Decode(multibase.AsSpan(1))[2..];
            using var hex = AtprotoSigningKey.Parse(Convert.ToHexString(d), curve);
            Assert.Equal(key.DidKey, hex.DidKey);
        }

        // P-256 PEM as .NET (and openssl) write it, PKCS#8 and SEC1.
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var pkcs8 = AtprotoSigningKey.Parse(ecdsa.ExportPkcs8PrivateKeyPem());
        using var sec1 = AtprotoSigningKey.Parse(ecdsa.ExportECPrivateKeyPem());
        Assert.Equal(TestAccount.Multibase(AtprotoCurve.P256, ecdsa), pkcs8.PublicKeyMultibase);
        Assert.Equal(pkcs8.DidKey, sec1.DidKey);

        // secp256k1 SEC1 PEM, as `openssl ecparam -name secp256k1 -genkey` writes it (this key: d = 1).
        const string k256Pem = "-----BEGIN EC PRIVATE KEY-----\nMC4CAQEEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABoAcGBSuBBAAK\n-----END EC PRIVATE KEY-----";
        using var one = AtprotoSigningKey.Parse(k256Pem);
        Assert.Equal(AtprotoCurve.Secp256k1, one.Curve);
        Assert.Equal(AtprotoSigningKey.FromHex(AtprotoCurve.Secp256k1, new string('0', 63) + "1").DidKey, one.DidKey);

        Assert.Throws<FormatException>(() => AtprotoSigningKey.Parse("zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme")); // a public key
        Assert.Throws<FormatException>(() => AtprotoSigningKey.Parse(new string('0', 64), AtprotoCurve.Secp256k1)); // zero is no key
        Assert.Throws<FormatException>(() => AtprotoSigningKey.Parse("abcd"));
        Assert.Throws<FormatException>(() => AtprotoSigningKey.Parse("-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----"));
    }

    [Fact]
    public void A_pem_file_as_openssl_writes_it_is_read_and_a_mismatched_public_key_is_refused()
    {
        using var a = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var b = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);

        // `openssl ecparam -genkey` writes the curve's parameters first.
        const string parameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
        using var read = AtprotoSigningKey.Parse(parameters + a.ExportECPrivateKeyPem());
        Assert.Equal(TestAccount.Multibase(AtprotoCurve.P256, a), read.PublicKeyMultibase);

        // a's private key with b's public key: a file that would sign as someone else.
        var pa = a.ExportParameters(true);
        var pb = b.ExportParameters(false);
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteOctetString(pa.D);
            using (writer.PushSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 0)))
            {
                writer.WriteObjectIdentifier("1.2.840.10045.3.1.7");
            }

            using (writer.PushSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 1)))
            {
                writer.WriteBitString([0x04, .. pb.Q.X!, .. pb.Q.Y!]);
            }
        }

        var mismatched = new string(System.Security.Cryptography.PemEncoding.Write("EC PRIVATE KEY", writer.Encode()));
        var refused = Assert.Throws<FormatException>(() => AtprotoSigningKey.Parse(mismatched));
        Assert.Contains("public key is not its private key's", refused.Message);
    }

    [Fact]
    public async Task A_retried_call_carries_a_new_service_auth_token()
    {
        using var key = AtprotoSigningKey.Generate(AtprotoCurve.Secp256k1);
        var attempts = 0;
        var wire = new RecordingHandler(_ => ++attempts == 1
            ? new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.Zero) } }
            : Json("""{"did":"did:plc:abc"}"""));
        var services = new ServiceCollection();
        services.AddXrpcClient("auth", o =>
            {
                o.BaseAddress = new Uri("https://service.example.com");
                o.ServiceAuth = new() { Issuer = "did:plc:issuerissuerissuerissuer", SigningKey = key, Audience = "did:web:service.example.com" };
            })
            .ConfigurePrimaryHttpMessageHandler(() => wire)
            .AddXrpcResilienceHandler(o => o.BaseDelay = TimeSpan.FromMilliseconds(1));
        await using var provider = services.BuildServiceProvider();
        await Whoami.CallAsync(provider.GetRequiredService<IXrpcClientFactory>().CreateClient("auth"));

        var tokens = wire.Requests.Select(r => r.Headers["Authorization"]).ToList();
        Assert.Equal(2, tokens.Count);
        Assert.NotEqual(tokens[0], tokens[1]);
        using var publicKey = key.PublicKey();
        foreach (var token in tokens)
        {
            var parts = token["Bearer ".Length..].Split('.');
            Assert.True(publicKey.Verify(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), System.Buffers.Text.Base64Url.DecodeFromChars(parts[2])));
        }
    }

    [Fact]
    public async Task A_json_answer_with_invalid_utf8_is_InvalidResponse_and_a_request_with_it_is_400()
    {
        var bad = Encoding.UTF8.GetBytes("{\"did\":\"did:plc:aa\"}");
        bad[^3] = 0xff;
        var client = Over(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bad) { Headers = { ContentType = new("application/json") } } });
        var thrown = await Assert.ThrowsAsync<XrpcException>(() => Whoami.CallAsync(client));
        Assert.Equal(XrpcErrorNames.InvalidResponse, thrown.Error);

        var body = Encoding.UTF8.GetBytes("{\"name\":\"ab\",\"count\":1}");
        body[10] = 0xff;
        using var content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
        var response = await auth.Server.Client.PostAsync("/xrpc/com.example.client.putThing", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid UTF-8", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_raw_input_type_with_parameters_is_matched_by_its_media_type()
    {
        var wire = new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var client = new XrpcClient(new HttpClient(wire), new XrpcClientOptions { BaseAddress = new Uri("https://pds.example.com") });
        await using var blob = new XrpcBlob("image/png; profile=x", new MemoryStream([1, 2, 3]));
        await Lexicons.Com.Example.Test.SetAvatar.CallAsync(client, blob);
        Assert.Equal("image/png; profile=x", wire.Requests[0].ContentType);
        await Assert.ThrowsAsync<ArgumentException>(() => Lexicons.Com.Example.Test.SetAvatar.CallAsync(client, new XrpcBlob("not a type", new MemoryStream())));
    }

    [Fact]
    public void Client_options_are_checked_with_messages_that_name_the_option()
    {
        var invalid = Assert.Throws<OptionsValidationException>(() => new XrpcClient(new HttpClient(), new XrpcClientOptions
        {
            BaseAddress = new Uri("https://example.com"),
            AtprotoProxy = "did:web:api.bsky.app",
            ServiceAuth = new() { Issuer = "me", Audience = "did:web:x.test", Lifetime = TimeSpan.FromDays(1) },
        }));
        Assert.Contains("AtprotoProxy must be a DID and a service fragment", invalid.Message);
        Assert.Contains("ServiceAuth.Issuer must be a DID", invalid.Message);
        Assert.Contains("ServiceAuth.SigningKey is required", invalid.Message);
        Assert.Contains("ServiceAuth.Lifetime", invalid.Message);
        Assert.Throws<ArgumentException>(() => new XrpcClient(new HttpClient()));

        // XRPC is at /xrpc/ of an origin (as @atproto/xrpc calls it): a path would be dropped, so it is refused.
        var path = Assert.Throws<OptionsValidationException>(() => new XrpcClient(new HttpClient(), new XrpcClientOptions { BaseAddress = new Uri("https://host.example.com/pds/") }));
        Assert.Contains("its path /pds/ would be dropped", path.Message);
        Assert.Throws<OptionsValidationException>(() => new XrpcClient(new HttpClient { BaseAddress = new Uri("https://host.example.com/pds/") }));
        Assert.Throws<OptionsValidationException>(() => new XrpcClient(new HttpClient(), new XrpcClientOptions { BaseAddress = new Uri("https://host.example.com"), MaxJsonResponseSize = long.MaxValue }));
    }

    private static XrpcClient Over(Func<HttpRequestMessage, HttpResponseMessage> respond) =>
        new(new HttpClient(new RecordingHandler(respond)), new XrpcClientOptions { BaseAddress = new Uri("https://pds.example.com") });

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public sealed class ThingService(XrpcClient client)
    {
        public async Task<long> GadgetSerialAsync() =>
            ((GetThing.Gadget)(await GetThing.CallAsync(client, new() { Actor = "gadget.test" })).Thing).Serial;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>Answers requests with a function and records what was sent.</summary>
public sealed class RecordingHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<(HttpMethod Method, string Uri, string? ContentType, string? Body, Dictionary<string, string> Headers)> Requests { get; } = [];

    public int Calls => Requests.Count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri!.ToString(), request.Content?.Headers.ContentType?.ToString(), body, request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase)));
        var response = respond(request);
        response.RequestMessage = request;
        return response;
    }
}
