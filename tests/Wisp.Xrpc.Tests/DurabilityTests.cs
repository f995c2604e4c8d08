using System.Net;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Xrpc.Secrets;
using Wisp.Xrpc.Webhooks;

namespace Wisp.Xrpc.Tests;

/// <summary>Secrets survive restarts and key rotation, stay encrypted at rest, and fail closed with wrong keys.</summary>
public sealed class DurabilityTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"event":"site.deployed"}""");

    [Fact]
    public async Task Sqlite_1000_concurrent_creates_of_one_name_give_one_200_and_999_409()
    {
        await using var server = await TestServer.StartAsync();
        await AssertOneWinnerAsync(server);
    }

    [Fact]
    public async Task Postgres_1000_concurrent_creates_of_one_name_give_one_200_and_999_409()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var server = await TestServer.StartAsync(configureXrpc: x => x.UsePostgresSecretStore(database.ConnectionString));
        await AssertOneWinnerAsync(server);
        Assert.Single(await database.QueryAsync("SELECT 1 FROM wisp_webhook_secrets WHERE owner_did = 'did:plc:race'"));
    }

    [Fact]
    public async Task Sqlite_tokens_decrypt_after_key_rotation_and_restart()
    {
        var root = Directory.CreateTempSubdirectory("wisp-rotation-").FullName;
        try
        {
            string before;
            await using (var first = await TestServer.StartAsync(contentRoot: root))
            {
                before = await CreateAsync(first, "before-rotation");
            }

            var keys = Path.Combine(root, "App_Data", "wisp-keys");
            RotateKeys(keys);
            Assert.Equal(2, Directory.GetFiles(keys, "key-*.xml").Length);

            await using var second = await TestServer.StartAsync(contentRoot: root);
            var after = await CreateAsync(second, "after-rotation");
            await AssertSignsWithAsync(second, "before-rotation", before);
            await AssertSignsWithAsync(second, "after-rotation", after);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Sqlite_with_the_wrong_keys_fails_closed_with_503_and_overwrites_nothing()
    {
        var root = Directory.CreateTempSubdirectory("wisp-wrongkey-").FullName;
        var keys = Path.Combine(root, "App_Data", "wisp-keys");
        var keptKeys = Path.Combine(root, "kept-keys");
        try
        {
            string token;
            await using (var first = await TestServer.StartAsync(contentRoot: root))
            {
                token = await CreateAsync(first, "precious");
            }

            Directory.Move(keys, keptKeys);
            await using (var wrong = await TestServer.StartAsync(contentRoot: root))
            {
                await XrpcAssert.ErrorAsync(await wrong.CreateSecretAsync("new-one", "did:plc:durable"), 503, "ServiceUnavailable");
                await XrpcAssert.ErrorAsync(await wrong.PostAsync("/xrpc/place.wisp.v2.secret.rotate", """{"name":"precious"}""", "did:plc:durable"), 503, "ServiceUnavailable");
                await XrpcAssert.ErrorAsync(await wrong.PostAsync("/xrpc/place.wisp.v2.secret.delete", """{"name":"precious"}""", "did:plc:durable"), 503, "ServiceUnavailable");
                Assert.Contains(wrong.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("key ring cannot decrypt", StringComparison.Ordinal));
                Assert.DoesNotContain(token, wrong.Logs.All, StringComparison.Ordinal);
            }

            Directory.Delete(keys, recursive: true);
            Directory.Move(keptKeys, keys);
            await using var right = await TestServer.StartAsync(contentRoot: root);
            await AssertSignsWithAsync(right, "precious", token);
            var listed = await right.Client.SendAsync(Get("/xrpc/place.wisp.v2.secret.list", "did:plc:durable"));
            Assert.Equal(["precious"], (await XrpcAssert.OkAsync(listed)).GetProperty("secrets").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task No_token_is_in_the_sqlite_files_in_plaintext()
    {
        var root = Directory.CreateTempSubdirectory("wisp-scan-").FullName;
        try
        {
            var tokens = new List<string>();
            await using (var server = await TestServer.StartAsync(contentRoot: root))
            {
                for (var i = 0; i < 20; i++)
                {
                    tokens.Add(await CreateAsync(server, $"scan-{i}"));
                }

                var rotated = await XrpcAssert.OkAsync(await server.PostAsync("/xrpc/place.wisp.v2.secret.rotate", """{"name":"scan-0"}""", "did:plc:durable"));
                tokens.Add(rotated.GetProperty("token").GetString()!);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var files = Directory.GetFiles(Path.Combine(root, "App_Data"), "wisp-secrets.db*");
            Assert.NotEmpty(files);
            var bytes = files.SelectMany(File.ReadAllBytes).ToArray();
            Assert.Contains("scan-7"u8.ToArray(), Windows(bytes, "scan-7".Length));
            foreach (var token in tokens)
            {
                Assert.DoesNotContain(Encoding.UTF8.GetBytes(token), Windows(bytes, token.Length));
                Assert.DoesNotContain(Encoding.UTF8.GetBytes(token[4..]), Windows(bytes, token.Length - 4));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task No_token_is_in_the_postgres_table_in_plaintext()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var server = await TestServer.StartAsync(configureXrpc: x => x.UsePostgresSecretStore(database.ConnectionString));
        var tokens = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            tokens.Add(await CreateAsync(server, $"scan-{i}"));
        }

        var rows = await database.QueryAsync("SELECT owner_did, name, encode(protected_token, 'escape'), created_at::text FROM wisp_webhook_secrets");
        var dump = string.Join('\n', rows.Select(r => string.Join('|', r)));
        Assert.Contains("scan-3", dump, StringComparison.Ordinal);
        Assert.All(tokens, t => Assert.DoesNotContain(t[4..], dump, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_instances_on_one_postgres_database_decrypt_what_the_other_wrote()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var a = await TestServer.StartAsync(configureXrpc: x => x.UsePostgresSecretStore(database.ConnectionString));
        await using var b = await TestServer.StartAsync(configureXrpc: x => x.UsePostgresSecretStore(database.ConnectionString));

        var fromA = await CreateAsync(a, "shared");
        await AssertSignsWithAsync(b, "shared", fromA);

        var rotatedOnB = await XrpcAssert.OkAsync(await b.PostAsync("/xrpc/place.wisp.v2.secret.rotate", """{"name":"shared"}""", "did:plc:durable"));
        await AssertSignsWithAsync(a, "shared", rotatedOnB.GetProperty("token").GetString()!);
        Assert.Single(await database.QueryAsync("SELECT 1 FROM wisp_data_protection_keys"));
    }

    internal static async Task<string> CreateAsync(TestServer server, string name)
    {
        var body = await XrpcAssert.OkAsync(await server.CreateSecretAsync(name, "did:plc:durable"));
        return body.GetProperty("token").GetString()!;
    }

    private static async Task AssertOneWinnerAsync(TestServer server)
    {
        using var client = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var responses = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, TestServer.Procedure) { Content = new StringContent("""{"name":"race"}""", Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", "DevDid did:plc:race");
            return client.SendAsync(request);
        }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(999, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var listed = await client.SendAsync(Get("/xrpc/place.wisp.v2.secret.list", "did:plc:race"));
        Assert.Single((await XrpcAssert.OkAsync(listed)).GetProperty("secrets").EnumerateArray());
    }

    private static async Task AssertSignsWithAsync(TestServer server, string name, string expectedToken)
    {
        var signature = await server.Services.GetRequiredService<WebhookSigner>().SignAsync("did:plc:durable", name, Payload);
        Assert.True(WebhookSignature.Verify(expectedToken, Payload, signature), $"{name} does not sign with the token it was given");
    }

    /// <summary>Adds a new default key to the secrets key ring, as a scheduled rotation does.</summary>
    private static void RotateKeys(string keyDirectory)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName(SecretProtector.ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(keyDirectory));
        using var provider = services.BuildServiceProvider();
        var now = DateTimeOffset.UtcNow;
        provider.GetRequiredService<IKeyManager>().CreateNewKey(activationDate: now.AddSeconds(-1), expirationDate: now.AddDays(90));
    }

    private static HttpRequestMessage Get(string path, string did)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"DevDid {did}");
        return request;
    }

    private static IEnumerable<byte[]> Windows(byte[] bytes, int length)
    {
        for (var i = 0; i + length <= bytes.Length; i++)
        {
            yield return bytes[i..(i + length)];
        }
    }
}
