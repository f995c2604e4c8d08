using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Wisp.Xrpc.ServiceAuth;
using Xunit;

namespace Wisp.Xrpc.Tests;

/// <summary>
/// The reference implementation's client (@atproto/xrpc, tests/reference/client.mjs) calling this project's server, and
/// this project's service-auth tokens checked by the reference's verifier (@atproto/xrpc-server's verifyJwt).
/// </summary>
public sealed class ReferenceClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_reference_client_calls_every_kind_of_method_on_this_server()
    {
        var output = await ReferencePeers.RunAsync("client.mjs", [fixture.Server.Client.BaseAddress!.ToString().TrimEnd('/')]);
        using var results = JsonDocument.Parse(output);
        var cases = results.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());

        var all = Ok(cases, "getThing.all");
        Assert.Equal("alice.test", all.GetProperty("actor").GetString());
        Assert.Equal(7, all.GetProperty("limit").GetInt64());
        Assert.True(all.GetProperty("includeHidden").GetBoolean());
        Assert.Equal("top", all.GetProperty("sort").GetString());
        Assert.Equal("2024-01-02T03:04:05.000Z", all.GetProperty("since").GetString());
        Assert.Equal("a b&c=d/é", all.GetProperty("note").GetString());
        Assert.Equal(["x", "y z"], all.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([1L, -2L, 3L], all.GetProperty("ids").EnumerateArray().Select(t => t.GetInt64()));
        Assert.Equal([true, false], all.GetProperty("flags").EnumerateArray().Select(t => t.GetBoolean()));
        Assert.Equal("com.example.client.getThing#thing", all.GetProperty("thing").GetProperty("$type").GetString());

        Assert.Equal(50, Ok(cases, "getThing.defaults").GetProperty("limit").GetInt64());
        Assert.Equal(7, Ok(cases, "getThing.gadget").GetProperty("thing").GetProperty("serial").GetInt64());
        Failed(cases, "getThing.notFound", 400, "ThingNotFound", "no thing for missing.test");
        Failed(cases, "getThing.hidden", 400, "ThingHidden");

        var put = Ok(cases, "putThing");
        Assert.False(put.GetProperty("stored").GetBoolean());
        Assert.Equal(3, put.GetProperty("count").GetInt64());
        Failed(cases, "putThing.swap", 400, "InvalidSwap", "swap failed");

        var upload = Ok(cases, "uploadBlob");
        var sent = new byte[1048576];
        for (var i = 0; i < sent.Length; i++)
        {
            sent[i] = (byte)(i * 11 % 256);
        }

        Assert.Equal(sent.Length, upload.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(sent)), upload.GetProperty("sha256").GetString());
        Assert.Equal("image/png", upload.GetProperty("mimeType").GetString());

        var download = Ok(cases, "getBlob");
        var expected = new byte[100000];
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = ClientTestHandlers.BlobByte(i);
        }

        Assert.Equal(expected.Length, download.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), download.GetProperty("sha256").GetString());
        Assert.StartsWith("application/octet-stream", download.GetProperty("contentType").GetString());
        Failed(cases, "getBlob.notFound", 400, "BlobNotFound");

        Assert.True(cases["touch"].GetProperty("ok").GetBoolean(), cases["touch"].ToString());
        var unknown = cases["unknownMethod"];
        Assert.Equal(501, unknown.GetProperty("status").GetInt32());
        Assert.Equal("MethodNotImplemented", unknown.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Tokens_this_project_mints_pass_the_reference_verifier_and_wrong_ones_fail_it()
    {
        using var k256 = AtprotoSigningKey.Generate(AtprotoCurve.Secp256k1);
        using var p256 = AtprotoSigningKey.Generate(AtprotoCurve.P256);
        using var other = AtprotoSigningKey.Generate(AtprotoCurve.Secp256k1);
        const string audience = "did:web:wisp.test#wisp_service";
        var requests = new List<(string Token, string Aud, string? Lxm, string DidKey, bool Ok)>();
        foreach (var key in new[] { k256, p256 })
        {
            var issuer = new ServiceJwtIssuer("did:plc:issuerissuerissuerissuer", key);

            // Many tokens per key, each signed anew. (The reference accepts high-S signatures too, allowMalleableSig; that
            // every signature is low-S is checked in ClientTests, with the curve order.)
            for (var i = 0; i < 20; i++)
            {
                requests.Add((issuer.CreateToken(audience, "com.example.client.whoami"), audience, "com.example.client.whoami", key.DidKey, true));
            }

            requests.Add((issuer.CreateToken(audience, "com.example.client.whoami"), audience, "com.example.client.putThing", key.DidKey, false));
            requests.Add((issuer.CreateToken(audience, "com.example.client.whoami"), "did:web:elsewhere.test", "com.example.client.whoami", key.DidKey, false));
            requests.Add((issuer.CreateToken(audience, "com.example.client.whoami"), audience, "com.example.client.whoami", other.DidKey, false));
        }

        var input = new StringBuilder();
        foreach (var r in requests)
        {
            input.AppendLine(JsonSerializer.Serialize(new Dictionary<string, string?> { ["token"] = r.Token, ["aud"] = r.Aud, ["lxm"] = r.Lxm, ["didKey"] = r.DidKey }));
        }

        var lines = (await ReferencePeers.RunAsync("verify-jwt.mjs", [], input.ToString())).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(requests.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var result = JsonDocument.Parse(lines[i]);
            Assert.True(requests[i].Ok == result.RootElement.GetProperty("ok").GetBoolean(), $"token {i}: {lines[i]}");
            if (requests[i].Ok)
            {
                Assert.Equal("did:plc:issuerissuerissuerissuer", result.RootElement.GetProperty("payload").GetProperty("iss").GetString());
            }
        }
    }

    [Fact]
    public async Task A_key_the_reference_exports_is_read_as_the_same_key_and_its_token_verifies_here()
    {
        using var minted = JsonDocument.Parse(await ReferencePeers.RunAsync("mint-jwt.mjs", []));
        var root = minted.RootElement;
        using var key = AtprotoSigningKey.Parse(root.GetProperty("privateKeyHex").GetString()!, AtprotoCurve.Secp256k1);
        Assert.Equal(root.GetProperty("didKey").GetString(), key.DidKey);

        // The reference's token, checked with the public key read from its did:key.
        var parts = root.GetProperty("token").GetString()!.Split('.');
        using var publicKey = AtprotoKeys.FromMultibase(root.GetProperty("didKey").GetString()!["did:key:".Length..]);
        Assert.True(publicKey.Verify(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), System.Buffers.Text.Base64Url.DecodeFromChars(parts[2])));
    }

    private static JsonElement Ok(Dictionary<string, JsonElement> cases, string name)
    {
        var result = cases[name];
        Assert.True(result.GetProperty("ok").GetBoolean(), $"{name}: {result}");
        return result.GetProperty("data");
    }

    private static void Failed(Dictionary<string, JsonElement> cases, string name, int status, string error, string? message = null)
    {
        var result = cases[name];
        Assert.False(result.GetProperty("ok").GetBoolean(), $"{name}: {result}");
        Assert.Equal(status, result.GetProperty("status").GetInt32());
        Assert.Equal(error, result.GetProperty("error").GetString());
        if (message is not null)
        {
            Assert.Equal(message, result.GetProperty("message").GetString());
        }
    }
}
