using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Xrpc.Webhooks;

namespace Wisp.Xrpc.Tests;

/// <summary>list, rotate and delete over HTTP on the default (SQLite) store, each scoped to the caller.</summary>
public sealed class SecretFamilyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string List = "/xrpc/place.wisp.v2.secret.list";
    private const string Rotate = "/xrpc/place.wisp.v2.secret.rotate";
    private const string Delete = "/xrpc/place.wisp.v2.secret.delete";

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task List_shows_names_and_times_but_never_a_token()
    {
        const string did = "did:plc:lister";
        Assert.Empty((await ListAsync(did)).GetProperty("secrets").EnumerateArray());
        await XrpcAssert.OkAsync(await Server.CreateSecretAsync("b-hook", did));
        await XrpcAssert.OkAsync(await Server.CreateSecretAsync("a-hook", did));

        var secrets = (await ListAsync(did)).GetProperty("secrets").EnumerateArray().ToList();

        Assert.Equal(["a-hook", "b-hook"], secrets.Select(s => s.GetProperty("name").GetString()));
        Assert.All(secrets, s =>
        {
            Assert.Equal(["name", "createdAt"], s.EnumerateObject().Select(p => p.Name));
            Assert.EndsWith("Z", s.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Rotate_gives_a_new_token_and_the_old_one_is_dead_at_once()
    {
        const string did = "did:plc:rotator";
        var created = await XrpcAssert.OkAsync(await Server.CreateSecretAsync("hook", did));
        var oldToken = created.GetProperty("token").GetString()!;

        var rotated = await XrpcAssert.OkAsync(await Server.PostAsync(Rotate, """{"name":"hook"}""", did));
        var newToken = rotated.GetProperty("token").GetString()!;

        Assert.Equal("hook", rotated.GetProperty("name").GetString());
        Assert.StartsWith("wsk_", newToken, StringComparison.Ordinal);
        Assert.NotEqual(oldToken, newToken);
        var body = Encoding.UTF8.GetBytes("{\"event\":\"deploy\"}");
        var signature = await Server.Services.GetRequiredService<WebhookSigner>().SignAsync(did, "hook", body);
        Assert.True(WebhookSignature.Verify(newToken, body, signature));
        Assert.False(WebhookSignature.Verify(oldToken, body, signature));

        var listed = (await ListAsync(did)).GetProperty("secrets")[0];
        Assert.Equal(rotated.GetProperty("rotatedAt").GetString(), listed.GetProperty("lastRotatedAt").GetString());
    }

    [Fact]
    public async Task Rotate_accepts_a_caller_supplied_token_within_the_rules()
    {
        const string did = "did:plc:supplier";
        await XrpcAssert.OkAsync(await Server.CreateSecretAsync("hook", did));
        var token = new string('k', 32);

        var rotated = await XrpcAssert.OkAsync(await Server.PostAsync(Rotate, $$"""{"name":"hook","token":"{{token}}"}""", did));
        Assert.Equal(token, rotated.GetProperty("token").GetString());

        Assert.Equal("Input/token must not be shorter than 32 bytes (UTF-8)",
            await XrpcAssert.ErrorAsync(await Server.PostAsync(Rotate, $$"""{"name":"hook","token":"{{new string('k', 31)}}"}""", did), 400, "InvalidRequest"));
        Assert.Equal("Input/token must be 32 to 256 printable ASCII characters without whitespace",
            await XrpcAssert.ErrorAsync(await Server.PostAsync(Rotate, $$"""{"name":"hook","token":"{{new string('k', 31)}} "}""", did), 400, "InvalidRequest"));
    }

    [Fact]
    public async Task Rotating_or_deleting_an_unknown_name_is_404_NotFound()
    {
        await XrpcAssert.ErrorAsync(await Server.PostAsync(Rotate, """{"name":"ghost"}""", "did:plc:ghost"), 404, "NotFound");
        await XrpcAssert.ErrorAsync(await Server.PostAsync(Delete, """{"name":"ghost"}""", "did:plc:ghost"), 404, "NotFound");
    }

    [Fact]
    public async Task Delete_removes_the_secret_and_the_name_can_be_used_again()
    {
        const string did = "did:plc:deleter";
        await XrpcAssert.OkAsync(await Server.CreateSecretAsync("hook", did));

        var deleted = await Server.PostAsync(Delete, """{"name":"hook"}""", did);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty((await ListAsync(did)).GetProperty("secrets").EnumerateArray());
        await XrpcAssert.ErrorAsync(await Server.PostAsync(Delete, """{"name":"hook"}""", did), 404, "NotFound");
        await XrpcAssert.OkAsync(await Server.CreateSecretAsync("hook", did));
    }

    [Fact]
    public async Task One_did_cannot_list_rotate_or_delete_anothers_secrets()
    {
        var created = await XrpcAssert.OkAsync(await Server.CreateSecretAsync("private", "did:plc:owner"));

        Assert.Empty((await ListAsync("did:plc:intruder")).GetProperty("secrets").EnumerateArray());
        await XrpcAssert.ErrorAsync(await Server.PostAsync(Rotate, """{"name":"private"}""", "did:plc:intruder"), 404, "NotFound");
        await XrpcAssert.ErrorAsync(await Server.PostAsync(Delete, """{"name":"private"}""", "did:plc:intruder"), 404, "NotFound");

        var body = "x"u8.ToArray();
        var signature = await Server.Services.GetRequiredService<WebhookSigner>().SignAsync("did:plc:owner", "private", body);
        Assert.True(WebhookSignature.Verify(created.GetProperty("token").GetString()!, body, signature));
    }

    [Theory]
    [InlineData("GET", List, null)]
    [InlineData("POST", Rotate, """{"name":"x"}""")]
    [InlineData("POST", Delete, """{"name":"x"}""")]
    public async Task Every_method_needs_a_caller(string verb, string path, string? json)
    {
        var request = new HttpRequestMessage(new HttpMethod(verb), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        await XrpcAssert.ErrorAsync(await Server.Client.SendAsync(request), 401, "AuthenticationRequired");
    }

    [Fact]
    public async Task List_is_a_query_so_POST_is_the_wrong_verb()
    {
        var response = await Server.PostAsync(List, "{}", "did:plc:lister");
        Assert.Equal("Incorrect HTTP method (POST) expected GET", await XrpcAssert.ErrorAsync(response, 400, "InvalidRequest"));
    }

    private async Task<System.Text.Json.JsonElement> ListAsync(string did)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, List);
        request.Headers.TryAddWithoutValidation("Authorization", $"DevDid {did}");
        return await XrpcAssert.OkAsync(await Server.Client.SendAsync(request));
    }
}
