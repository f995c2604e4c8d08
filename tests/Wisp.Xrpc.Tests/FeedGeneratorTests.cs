using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Wisp.Xrpc.ServiceAuth;

namespace Wisp.Xrpc.Tests;

/// <summary>
/// The feed-generator example (example-feed-generator/), run as its own process the way a user runs it: the two
/// methods it serves from the prebuilt atproto lexicons, service auth against DID documents on loopback, and 501 for
/// every other method of those lexicons.
/// </summary>
public sealed class FeedGeneratorTests(FeedGeneratorTests.Fixture fixture) : IClassFixture<FeedGeneratorTests.Fixture>
{
    private const string Skeleton = "/xrpc/app.bsky.feed.getFeedSkeleton";
    private const string Lxm = "app.bsky.feed.getFeedSkeleton";

    [Fact]
    public async Task DescribeFeedGenerator_answers_from_configuration_without_authentication()
    {
        using var response = await fixture.Client.GetAsync("/xrpc/app.bsky.feed.describeFeedGenerator");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Fixture.ServiceDid, body.RootElement.GetProperty("did").GetString());
        var uris = body.RootElement.GetProperty("feeds").EnumerateArray().Select(f => f.GetProperty("uri").GetString()).ToList();
        Assert.Equal([Fixture.FeedUri, $"at://{Fixture.Publisher}/app.bsky.feed.generator/wisp-news"], uris);
    }

    [Fact]
    public async Task GetFeedSkeleton_pages_the_feed_for_an_authenticated_viewer_and_leaves_out_their_own_posts()
    {
        var viewer = fixture.Auth.PlcK256;
        var first = await SkeletonAsync(viewer, "&limit=2");
        Assert.Equal(["at://did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/app.bsky.feed.post/1", "at://did:plc:bbbbbbbbbbbbbbbbbbbbbbbb/app.bsky.feed.post/2"], Posts(first));
        Assert.Equal("2", first.RootElement.GetProperty("cursor").GetString());

        // Position 2 is the viewer's own post: left out. The last page has no cursor.
        var second = await SkeletonAsync(viewer, "&limit=2&cursor=2");
        Assert.Equal(["at://did:plc:cccccccccccccccccccccccc/app.bsky.feed.post/4"], Posts(second));
        Assert.False(second.RootElement.TryGetProperty("cursor", out _));

        // Another viewer sees that post.
        var other = await SkeletonAsync(fixture.Auth.PlcP256, "&limit=2&cursor=2");
        Assert.Equal(2, Posts(other).Count);
    }

    /// <summary>The error names are the reference server's (@atproto/xrpc-server's auth verifier).</summary>
    [Theory]
    [InlineData("none", "AuthenticationRequired")]
    [InlineData("wrong-audience", "BadJwtAudience")]
    [InlineData("wrong-method", "BadJwtLexiconMethod")]
    [InlineData("expired", "JwtExpired")]
    [InlineData("forged", "BadJwtSignature")]
    public async Task GetFeedSkeleton_refuses_a_caller_without_a_valid_service_token(string what, string error)
    {
        var viewer = fixture.Auth.PlcK256;
        using var other = new TestAccount(viewer.Did, viewer.Curve);
        var token = what switch
        {
            "none" => null,
            "wrong-audience" => viewer.Token(aud: "did:web:someone-else.example.com", lxm: Lxm),
            "wrong-method" => viewer.Token(aud: Fixture.ServiceDid, lxm: "app.bsky.feed.describeFeedGenerator"),
            "expired" => viewer.Token(aud: Fixture.ServiceDid, lxm: Lxm, exp: DateTimeOffset.UtcNow.AddMinutes(-5), iat: DateTimeOffset.UtcNow.AddMinutes(-6)),
            _ => viewer.Token(aud: Fixture.ServiceDid, lxm: Lxm, signWith: other.Key),
        };

        using var response = await SendAsync(token, $"?feed={Uri.EscapeDataString(Fixture.FeedUri)}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(error, await ErrorAsync(response));
    }

    /// <summary><c>{feed}</c> stands for the served feed's URI.</summary>
    [Theory]
    [InlineData("?feed=at%3A%2F%2Fdid%3Aplc%3Anobody%2Fapp.bsky.feed.generator%2Fnope", "UnknownFeed")]
    [InlineData("", "InvalidRequest")] // feed is required
    [InlineData("?feed={feed}&limit=0", "InvalidRequest")]
    [InlineData("?feed={feed}&limit=101", "InvalidRequest")]
    [InlineData("?feed={feed}&cursor=x", "InvalidRequest")]
    public async Task GetFeedSkeleton_answers_bad_parameters_with_the_lexicon_s_errors(string query, string error)
    {
        var path = query.Replace("{feed}", Uri.EscapeDataString(Fixture.FeedUri), StringComparison.Ordinal);

        using var response = await SendAsync(fixture.Auth.PlcP256.Token(aud: Fixture.ServiceDid, lxm: Lxm), path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await ErrorAsync(response));
    }

    [Theory]
    [InlineData("GET", "/xrpc/app.bsky.feed.getTimeline")]
    [InlineData("GET", "/xrpc/com.atproto.repo.getRecord?repo=did:plc:x&collection=app.bsky.feed.post&rkey=1")]
    [InlineData("POST", "/xrpc/com.atproto.repo.createRecord")]
    [InlineData("GET", "/xrpc/com.example.notALexicon")]
    public async Task Every_other_method_of_the_prebuilt_lexicons_answers_501(string verb, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(verb), path);
        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal("MethodNotImplemented", await ErrorAsync(response));
    }

    private async Task<JsonDocument> SkeletonAsync(TestAccount viewer, string query)
    {
        using var response = await SendAsync(viewer.Token(aud: Fixture.ServiceDid, lxm: Lxm), $"?feed={Uri.EscapeDataString(Fixture.FeedUri)}{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text);
    }

    private Task<HttpResponseMessage> SendAsync(string? token, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Skeleton + query);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return fixture.Client.SendAsync(request);
    }

    private static List<string?> Posts(JsonDocument body) =>
        body.RootElement.GetProperty("feed").EnumerateArray().Select(p => p.GetProperty("post").GetString()).ToList();

    private static async Task<string?> ErrorAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetString();
    }

    /// <summary>The DID documents on loopback, and the feed generator as a child process that resolves DIDs through them.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public const string ServiceDid = "did:web:feeds.example.com";
        public const string Publisher = "did:plc:publisherpublisherpublish";
        public const string FeedUri = $"at://{Publisher}/app.bsky.feed.generator/test";

        private Process? _app;

        public ServiceAuthFixture Auth { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Auth.InitializeAsync();
            var root = Path.Combine(AppContext.BaseDirectory, "feed-generator");
            var dll = Path.Combine(root, "Wisp.Xrpc.FeedGenerator.Example.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: the test project copies the feed generator's build output there");
            var port = ChildProcesses.FreePort();
            var info = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { dll, "--contentRoot", root, "--urls", $"http://127.0.0.1:{port}" },
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // DID documents on loopback are allowed in Development only
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            info.Environment["FeedGenerator__ServiceDid"] = ServiceDid;
            info.Environment["FeedGenerator__PublisherDid"] = Publisher;
            info.Environment["FeedGenerator__PlcDirectory"] = Auth.IdentityAddress;
            string[] posts =
            [
                "at://did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/app.bsky.feed.post/1",
                "at://did:plc:bbbbbbbbbbbbbbbbbbbbbbbb/app.bsky.feed.post/2",
                $"at://{Auth.PlcK256.Did}/app.bsky.feed.post/3",
                "at://did:plc:cccccccccccccccccccccccc/app.bsky.feed.post/4",
            ];
            for (var i = 0; i < posts.Length; i++)
            {
                info.Environment[$"FeedGenerator__Feeds__test__Posts__{i}"] = posts[i];
            }

            var output = new System.Text.StringBuilder();
            _app = Process.Start(info)!;
            _app.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            _app.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            _app.BeginOutputReadLine();
            _app.BeginErrorReadLine();
            Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ChildProcesses.WaitUntilListeningAsync(Client, _app, () => { lock (output) { return output.ToString(); } });
        }

        public async Task DisposeAsync()
        {
            if (_app is not null)
            {
                _app.Kill(entireProcessTree: true);
                await _app.WaitForExitAsync();
                _app.Dispose();
            }

            Client?.Dispose();
            await Auth.DisposeAsync();
        }
    }
}
