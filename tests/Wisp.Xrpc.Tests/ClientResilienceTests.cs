using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Xrpc.Client;
using Wisp.Xrpc.Resilience;
using Wisp.Xrpc.Tests.Lexicons.Com.Example.Client;
using Xunit;

namespace Wisp.Xrpc.Tests;

/// <summary>Retries through IHttpClientFactory and Microsoft.Extensions.Http.Resilience: what is sent again, and what never is.</summary>
public sealed class ClientResilienceTests
{
    private const string Thing = """{"actor":"alice.test","limit":50,"tags":[],"ids":[],"flags":[],"thing":{"$type":"com.example.client.getThing#gadget","serial":1}}""";

    [Fact]
    public async Task A_query_is_retried_on_429_after_Retry_After_and_on_a_bad_gateway()
    {
        var answers = new Queue<Func<HttpResponseMessage>>([
            () => Status(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero)),
            () => Status(HttpStatusCode.BadGateway),
            () => Json(Thing),
        ]);
        var (client, wire) = Client(_ => answers.Dequeue()());
        Assert.Equal("alice.test", (await GetThing.CallAsync(client, new() { Actor = "alice.test" })).Actor);
        Assert.Equal(3, wire.Calls);
    }

    [Fact]
    public async Task A_procedure_is_retried_on_429_and_503_with_the_same_body()
    {
        var answers = new Queue<Func<HttpResponseMessage>>([
            () => Status(HttpStatusCode.ServiceUnavailable, r => r.Headers.TryAddWithoutValidation("ratelimit-reset", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString())),
            () => Status(HttpStatusCode.TooManyRequests),
            () => Json("""{"name":"box","count":3,"stored":true}"""),
        ]);
        var (client, wire) = Client(_ => answers.Dequeue()());
        await PutThing.CallAsync(client, new(), new() { Name = "box", Count = 3 });
        Assert.Equal(3, wire.Calls);
        Assert.All(wire.Requests, r => Assert.Equal("""{"name":"box","count":3}""", r.Body));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task A_procedure_that_may_have_run_is_never_retried(HttpStatusCode status)
    {
        var (client, wire) = Client(_ => Status(status));
        var error = await Assert.ThrowsAsync<XrpcException>(() => PutThing.CallAsync(client, new(), new() { Name = "box", Count = 3 }));
        Assert.Equal((int)status, error.StatusCode);
        Assert.Equal(1, wire.Calls);
    }

    [Fact]
    public async Task A_procedure_is_retried_when_the_connection_was_never_made_and_not_when_it_broke()
    {
        var attempts = 0;
        var (client, wire) = Client(_ => ++attempts == 1 ? throw new HttpRequestException(HttpRequestError.ConnectionError, "refused") : Json("""{"name":"box","count":3,"stored":true}"""));
        await PutThing.CallAsync(client, new(), new() { Name = "box", Count = 3 });
        Assert.Equal(2, wire.Calls);

        var (broken, brokenWire) = Client(_ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "reset"));
        await Assert.ThrowsAsync<HttpRequestException>(() => PutThing.CallAsync(broken, new(), new() { Name = "box", Count = 3 }));
        Assert.Equal(1, brokenWire.Calls);

        var (query, queryWire) = Client(_ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "reset"));
        await Assert.ThrowsAsync<HttpRequestException>(() => GetThing.CallAsync(query, new() { Actor = "alice.test" }));
        Assert.Equal(4, queryWire.Calls);
    }

    [Fact]
    public async Task A_wait_longer_than_allowed_is_not_waited_for_and_a_500_query_is_not_retried()
    {
        var (client, wire) = Client(_ => Status(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1))));
        var error = await Assert.ThrowsAsync<XrpcException>(() => GetThing.CallAsync(client, new() { Actor = "alice.test" }));
        Assert.Equal("RateLimitExceeded", error.Error);
        Assert.Equal(TimeSpan.FromHours(1), error.ResponseHeaders!.RetryAfter!.Delta);
        Assert.Equal(1, wire.Calls);

        var (failing, failingWire) = Client(_ => Status(HttpStatusCode.InternalServerError));
        await Assert.ThrowsAsync<XrpcException>(() => GetThing.CallAsync(failing, new() { Actor = "alice.test" }));
        Assert.Equal(1, failingWire.Calls);
    }

    [Fact]
    public async Task A_raw_body_that_cannot_rewind_is_never_sent_twice()
    {
        var (client, wire) = Client(_ => Status(HttpStatusCode.TooManyRequests));
        await using var blob = new XrpcBlob("image/png", new ClientContractTests.ForwardOnlyStream(new byte[100]));
        await Assert.ThrowsAsync<XrpcException>(() => UploadBlob.CallAsync(client, blob));
        Assert.Equal(1, wire.Calls);

        // A seekable one is rewound and sent whole again.
        var answers = new Queue<Func<HttpResponseMessage>>([() => Status(HttpStatusCode.TooManyRequests), () => Json("""{"size":5,"sha256":"x","mimeType":"image/png"}""")]);
        var (again, againWire) = Client(_ => answers.Dequeue()());
        await using var seekable = new XrpcBlob("image/png", new MemoryStream(Encoding.ASCII.GetBytes("hello")));
        await UploadBlob.CallAsync(again, seekable);
        Assert.Equal(["hello", "hello"], againWire.Requests.Select(r => r.Body));
    }

    [Fact]
    public void The_wait_comes_from_Retry_After_or_ratelimit_reset()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);
        Assert.Equal(TimeSpan.FromSeconds(7), XrpcRetryPolicy.RetryAfter(Status(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(7))), now));
        Assert.Equal(TimeSpan.FromSeconds(30), XrpcRetryPolicy.RetryAfter(Status(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new(now.AddSeconds(30))), now));
        Assert.Equal(TimeSpan.FromSeconds(12), XrpcRetryPolicy.RetryAfter(Status(HttpStatusCode.TooManyRequests, r => r.Headers.TryAddWithoutValidation("ratelimit-reset", "1750000012")), now));
        Assert.Equal(TimeSpan.FromSeconds(5), XrpcRetryPolicy.RetryAfter(Status(HttpStatusCode.TooManyRequests, r => r.Headers.TryAddWithoutValidation("ratelimit-reset", "5")), now));
        Assert.Equal(TimeSpan.Zero, XrpcRetryPolicy.RetryAfter(Status(HttpStatusCode.TooManyRequests, r => r.Headers.TryAddWithoutValidation("ratelimit-reset", "1749999000")), now));
        Assert.Null(XrpcRetryPolicy.RetryAfter(Status(HttpStatusCode.TooManyRequests, r => r.Headers.TryAddWithoutValidation("ratelimit-reset", "soon")), now));
    }

    private static (XrpcClient Client, RecordingHandler Wire) Client(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        var wire = new RecordingHandler(respond);
        var services = new ServiceCollection();
        services.AddXrpcClient("service", o => o.BaseAddress = new Uri("https://service.example.com"))
            .ConfigurePrimaryHttpMessageHandler(() => wire)
            .AddXrpcResilienceHandler(o =>
            {
                o.BaseDelay = TimeSpan.FromMilliseconds(1);
                o.MaxDelay = TimeSpan.FromMilliseconds(5);
            });
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IXrpcClientFactory>().CreateClient("service"), wire);
    }

    private static HttpResponseMessage Status(HttpStatusCode status, Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("""{"error":"Nope"}""", Encoding.UTF8, "application/json") };
        if (status == HttpStatusCode.TooManyRequests)
        {
            response.Content = new StringContent("""{"error":"RateLimitExceeded"}""", Encoding.UTF8, "application/json");
        }

        configure?.Invoke(response);
        return response;
    }

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
