using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Xrpc.Benchmarks.Lexicons.Com.Example.Client;
using Wisp.Xrpc.Client;

namespace Wisp.Xrpc.Benchmarks;

/// <summary>
/// One call of <c>com.example.client.getThing</c> to a Kestrel server on loopback in this process: through the
/// generated client (parameters written and checked, output read and validated) against the same request written by
/// hand with HttpClient and System.Text.Json's source-generated reader (no validation). Run with <c>--inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class ClientBenchmarks
{
    private WebApplication _server = null!;
    private XrpcClient _client = null!;
    private HttpClient _http = null!;
    private GetThing.Params _parameters = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (_server, var address) = await ClientBenchmarkServer.StartAsync(0);
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = address };
        _client = new XrpcClient(_http);
        _parameters = new GetThing.Params { Actor = "alice.test", Limit = 10, Tags = ["a", "b"] };
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task<long> HandWritten()
    {
        var output = await _http.GetFromJsonAsync("/xrpc/com.example.client.getThing?actor=alice.test&limit=10&tags=a&tags=b", HandWrittenJson.Default.HandWrittenOutput);
        return output!.Limit;
    }

    [Benchmark]
    public async Task<long> Generated()
    {
        var output = await GetThing.CallAsync(_client, _parameters);
        return output.Limit;
    }
}

/// <summary>
/// The same two calls with the socket taken out (a handler that answers at once with the server's bytes): what each
/// client costs by itself, without the loopback round trip that dominates <see cref="ClientBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class ClientOverheadBenchmarks
{
    private static readonly byte[] Json = Encoding.UTF8.GetBytes("""{"actor":"alice.test","limit":10,"tags":["a","b"],"ids":[],"flags":[],"thing":{"$type":"com.example.client.getThing#thing","name":"widget","color":"red"}}""");
    private HttpClient _http = null!;
    private XrpcClient _client = null!;
    private readonly GetThing.Params _p = new() { Actor = "alice.test", Limit = 10, Tags = ["a", "b"] };

    [GlobalSetup]
    public void Setup()
    {
        _http = new HttpClient(new Canned()) { BaseAddress = new Uri("http://127.0.0.1:5000/") };
        _client = new XrpcClient(_http);
    }

    [Benchmark(Baseline = true)]
    public async Task<long> HandWritten() => (await _http.GetFromJsonAsync("/xrpc/com.example.client.getThing?actor=alice.test&limit=10&tags=a&tags=b", HandWrittenJson.Default.HandWrittenOutput))!.Limit;

    [Benchmark]
    public async Task<long> Generated() => (await GetThing.CallAsync(_client, _p)).Limit;

    private sealed class Canned : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(Json);
            content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            content.Headers.ContentLength = Json.Length;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}

/// <summary>The benchmark's server: getThing answers with a fixed thing, as a feed generator's dependency would.</summary>
public static class ClientBenchmarkServer
{
    public static async Task<(WebApplication App, Uri Address)> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddWispXrpc();
        builder.Services.AddSingleton<GetThing.IHandler, ThingHandler>();
        var app = builder.Build();
        app.MapWispXrpc();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return (app, address);
    }

    private sealed class ThingHandler : GetThing.IHandler
    {
        public ValueTask<GetThing.Output> HandleAsync(GetThing.Params parameters, XrpcCallContext context) =>
            ValueTask.FromResult(new GetThing.Output
            {
                Actor = parameters.Actor,
                Limit = parameters.Limit ?? 50,
                Tags = parameters.Tags ?? [],
                Ids = parameters.Ids ?? [],
                Flags = parameters.Flags ?? [],
                Thing = new GetThing.Thing { Name = "widget", Color = "red" },
            });
    }
}

public sealed class HandWrittenOutput
{
    public required string Actor { get; init; }

    public long Limit { get; init; }

    public bool? IncludeHidden { get; init; }

    public string? Sort { get; init; }

    public string? Since { get; init; }

    public string? Note { get; init; }

    public required List<string> Tags { get; init; }

    public required List<long> Ids { get; init; }

    public required List<bool> Flags { get; init; }

    public required HandWrittenMember Thing { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(HandWrittenThing), "com.example.client.getThing#thing")]
[JsonDerivedType(typeof(HandWrittenGadget), "com.example.client.getThing#gadget")]
public abstract class HandWrittenMember;

public sealed class HandWrittenThing : HandWrittenMember
{
    public required string Name { get; init; }

    public string? Color { get; init; }
}

public sealed class HandWrittenGadget : HandWrittenMember
{
    public long Serial { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HandWrittenOutput))]
public sealed partial class HandWrittenJson : JsonSerializerContext;
