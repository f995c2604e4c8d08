using System.Net;
using System.Text.RegularExpressions;

namespace Wisp.Xrpc.Tests;

/// <summary>place.wisp.v2.secret.create over real HTTP, as wisp.place's service behaves.</summary>
public sealed partial class SecretCreateTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Creates_a_secret_and_returns_name_token_and_createdAt()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var body = await XrpcAssert.OkAsync(await Server.CreateSecretAsync("deploy-hook", "did:plc:create1"));

        Assert.Equal("deploy-hook", body.GetProperty("name").GetString());
        var token = body.GetProperty("token").GetString()!;
        Assert.Matches(TokenPattern(), token);
        Assert.Equal(36, token.Length);

        var createdAt = body.GetProperty("createdAt").GetString()!;
        Assert.Matches(CreatedAtPattern(), createdAt);
        var parsed = DateTimeOffset.Parse(createdAt, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(parsed, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(3, body.EnumerateObject().Count());
    }

    [Fact]
    public async Task Tokens_are_distinct()
    {
        var tokens = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var body = await XrpcAssert.OkAsync(await Server.CreateSecretAsync($"t{i}", "did:plc:tokens"));
            Assert.True(tokens.Add(body.GetProperty("token").GetString()!));
        }
    }

    [Fact]
    public async Task Without_a_caller_it_is_401_with_a_challenge()
    {
        var response = await Server.CreateSecretAsync("anonymous", callerDid: null);
        await XrpcAssert.ErrorAsync(response, 401, "AuthenticationRequired");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "DevDid");
    }

    [Fact]
    public async Task Authentication_is_checked_before_the_body_is_read()
    {
        var response = await Server.PostAsync(TestServer.Procedure, "{not json", callerDid: null);
        await XrpcAssert.ErrorAsync(response, 401, "AuthenticationRequired");
    }

    [Fact]
    public async Task A_credential_that_is_not_a_did_is_401()
    {
        var response = await Server.CreateSecretAsync("x", callerDid: "alice");
        await XrpcAssert.ErrorAsync(response, 401, "AuthenticationRequired");
    }

    [Theory]
    [InlineData("{}", "Input must have the property \"name\"")]
    [InlineData("{\"name\": 5}", "Input/name must be a string")]
    [InlineData("{\"name\": null}", "Input/name must be a string")]
    [InlineData("{\"name\": [\"a\"]}", "Input/name must be a string")]
    [InlineData("[]", "Input must be an object")]
    [InlineData("\"name\"", "Input must be an object")]
    public async Task A_missing_or_mistyped_name_is_400_naming_the_field(string json, string message)
    {
        var response = await Server.PostAsync(TestServer.Procedure, json, "did:plc:typed");
        Assert.Equal(message, await XrpcAssert.ErrorAsync(response, 400, "InvalidRequest"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("naïve")]
    [InlineData("a#b")]
    [InlineData(" padded")]
    [InlineData("nl\n")] // .NET's regex $ matches before a final newline; the format checks anchor at \z
    [InlineData("crlf\r\n")]
    public async Task A_name_that_is_not_a_record_key_is_400(string name)
    {
        var response = await Server.CreateSecretAsync(name, "did:plc:rkey");
        Assert.Equal("Input/name must be a valid Record Key", await XrpcAssert.ErrorAsync(response, 400, "InvalidRequest"));
    }

    [Fact]
    public async Task A_513_character_name_is_not_a_record_key()
    {
        var response = await Server.CreateSecretAsync(new string('a', 513), "did:plc:rkey");
        Assert.Equal("Input/name must be a valid Record Key", await XrpcAssert.ErrorAsync(response, 400, "InvalidRequest"));
    }

    [Theory]
    [InlineData("a:b")]
    [InlineData("a~b")]
    [InlineData("65")]
    public async Task A_record_key_that_breaks_the_store_rule_is_400(string name)
    {
        name = name == "65" ? new string('a', 65) : name;
        var response = await Server.CreateSecretAsync(name, "did:plc:rule");
        var message = await XrpcAssert.ErrorAsync(response, 400, "InvalidRequest");
        Assert.StartsWith("Input/name must be 1 to 64 characters", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("A.b_c-9")]
    [InlineData("64")]
    public async Task Names_within_both_rules_are_accepted(string name)
    {
        name = name == "64" ? new string('z', 64) : name;
        var body = await XrpcAssert.OkAsync(await Server.CreateSecretAsync(name, "did:plc:accepted"));
        Assert.Equal(name, body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Names_are_case_sensitive()
    {
        await XrpcAssert.OkAsync(await Server.CreateSecretAsync("Hook", "did:plc:case"));
        await XrpcAssert.OkAsync(await Server.CreateSecretAsync("hook", "did:plc:case"));
    }

    [Fact]
    public async Task The_same_name_again_is_409_AlreadyExists()
    {
        await XrpcAssert.OkAsync(await Server.CreateSecretAsync("twice", "did:plc:dup"));
        var response = await Server.CreateSecretAsync("twice", "did:plc:dup");
        var message = await XrpcAssert.ErrorAsync(response, 409, "AlreadyExists");
        Assert.Contains("twice", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_did_may_use_the_same_name()
    {
        await XrpcAssert.OkAsync(await Server.CreateSecretAsync("shared-name", "did:plc:one"));
        await XrpcAssert.OkAsync(await Server.CreateSecretAsync("shared-name", "did:web:two.example.com"));
    }

    [Fact]
    public async Task Of_many_concurrent_identical_creates_exactly_one_succeeds()
    {
        const int Count = 64;
        var responses = await Task.WhenAll(Enumerable.Range(0, Count).Select(_ => Server.CreateSecretAsync("race", "did:plc:race")));

        var statuses = string.Join(", ", responses.GroupBy(r => (int)r.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
        var bodies = string.Join(" | ", await Task.WhenAll(responses.Where(r => r.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Conflict)).Take(3).Select(r => r.Content.ReadAsStringAsync())));
        Assert.True(
            responses.Count(r => r.StatusCode == HttpStatusCode.OK) == 1 && responses.Count(r => r.StatusCode == HttpStatusCode.Conflict) == Count - 1,
            $"statuses: {statuses}; other bodies: {bodies}");
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{\"name\": \"a\"} trailing")]
    [InlineData("{\"name\": \"a\",}")]
    [InlineData("{'name': 'a'}")]
    public async Task Malformed_json_is_400_with_a_json_body(string json)
    {
        var response = await Server.PostAsync(TestServer.Procedure, json, "did:plc:malformed");
        var message = await XrpcAssert.ErrorAsync(response, 400, "InvalidRequest");
        Assert.StartsWith("Request body is not valid JSON", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("")]
    public async Task A_wrong_content_type_is_400(string contentType)
    {
        var response = await Server.PostAsync(TestServer.Procedure, "{\"name\": \"ct\"}", "did:plc:ct", contentType);
        var message = await XrpcAssert.ErrorAsync(response, 400, "InvalidRequest");
        Assert.StartsWith("Wrong request encoding (Content-Type)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_with_a_charset_is_accepted()
    {
        var response = await Server.PostAsync(TestServer.Procedure, "{\"name\": \"charset\"}", "did:plc:ct", "application/json; charset=utf-8");
        await XrpcAssert.OkAsync(response);
    }

    [Fact]
    public async Task A_missing_body_is_400()
    {
        var response = await Server.PostAsync(TestServer.Procedure, json: null, "did:plc:nobody");
        Assert.Equal("A request body is expected but none was provided", await XrpcAssert.ErrorAsync(response, 400, "InvalidRequest"));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var json = "{\"name\": \"big\", \"pad\": \"" + new string('x', 200 * 1024) + "\"}";
        var response = await Server.PostAsync(TestServer.Procedure, json, "did:plc:big");
        await XrpcAssert.ErrorAsync(response, 413, "PayloadTooLarge");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Another_verb_is_400_incorrect_http_method(string verb)
    {
        var response = await Server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(verb), TestServer.Procedure));
        Assert.Equal($"Incorrect HTTP method ({verb}) expected POST", await XrpcAssert.ErrorAsync(response, 400, "InvalidRequest"));
    }

    [Theory]
    [InlineData("GET", "/xrpc/com.example.nothing")]
    [InlineData("POST", "/xrpc/place.wisp.v2.secret.nothing")]
    public async Task An_unknown_method_is_501(string verb, string path)
    {
        var response = await Server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(verb), path));
        await XrpcAssert.ErrorAsync(response, 501, "MethodNotImplemented");
    }

    [Theory]
    [InlineData("/xrpc/not_an_nsid")]
    [InlineData("/xrpc/a/b/c")]
    public async Task A_malformed_method_name_is_400(string path)
    {
        var response = await Server.Client.GetAsync(path);
        await XrpcAssert.ErrorAsync(response, 400, "InvalidRequest");
    }

    [Fact]
    public async Task The_token_is_never_logged()
    {
        var body = await XrpcAssert.OkAsync(await Server.CreateSecretAsync("logged", "did:plc:logs"));
        await Server.CreateSecretAsync("logged", "did:plc:logs");
        var token = body.GetProperty("token").GetString()!;

        Assert.Contains(Server.Logs.Lines, line => line.Contains("Created webhook secret logged for did:plc:logs", StringComparison.Ordinal));
        Assert.DoesNotContain(token, Server.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("wsk_", Server.Logs.All, StringComparison.Ordinal);
    }

    [GeneratedRegex("^wsk_[A-Za-z0-9_-]{32}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex CreatedAtPattern();
}
