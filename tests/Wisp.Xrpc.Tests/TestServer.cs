using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Xrpc.Authentication;

namespace Wisp.Xrpc.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a free port, serving the generated XRPC endpoints, with every log
/// line captured so tests can check what was (and was not) logged.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    public const string Procedure = "/xrpc/place.wisp.v2.secret.create";

    private readonly WebApplication _app;
    private readonly string? _ownedContentRoot;

    private TestServer(WebApplication app, CapturingLoggerProvider logs, string? ownedContentRoot)
    {
        _app = app;
        _ownedContentRoot = ownedContentRoot;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a server. Its content root is a new temporary folder (removed on dispose) unless one is given,
    /// so the default SQLite store and its key ring belong to this server alone.
    /// </summary>
    public static async Task<TestServer> StartAsync(
        Action<IServiceCollection>? configureServices = null,
        Action<WebApplication>? configureApp = null,
        string? contentRoot = null,
        Action<Wisp.Xrpc.Hosting.WispXrpcBuilder>? configureXrpc = null,
        Action<IServiceCollection>? configureServicesBeforeXrpc = null)
    {
        var ownedContentRoot = contentRoot is null ? Directory.CreateTempSubdirectory("wisp-test-").FullName : null;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = contentRoot ?? ownedContentRoot,
        });
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        configureServicesBeforeXrpc?.Invoke(builder.Services);
        var xrpc = builder.Services.AddWispXrpc();
        configureXrpc?.Invoke(xrpc);
        builder.Services.AddAuthentication(DevelopmentDidAuthenticationHandler.SchemeName).AddWispDevelopmentDid(builder.Environment);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        if (configureApp is null)
        {
            app.MapWispXrpc();
        }
        else
        {
            configureApp(app);
        }

        await app.StartAsync();
        return new TestServer(app, logs, ownedContentRoot);
    }

    /// <summary>POSTs raw JSON as the given caller (null: anonymous).</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string? json, string? callerDid = "did:plc:alice", string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType.Length == 0 ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        if (callerDid is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"DevDid {callerDid}");
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> CreateSecretAsync(string name, string? callerDid = "did:plc:alice") =>
        PostAsync(Procedure, JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = name }), callerDid);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownedContentRoot is not null)
        {
            Directory.Delete(_ownedContentRoot, recursive: true);
        }
    }
}

/// <summary>Keeps every formatted log line, with its exception.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public string All => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : "\n" + exception)}");
    }
}

/// <summary>Reads XRPC responses.</summary>
public static class XrpcAssert
{
    /// <summary>Asserts the status and an XRPC error body; returns the message.</summary>
    public static async Task<string?> ErrorAsync(HttpResponseMessage response, int status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(error, json.RootElement.GetProperty("error").GetString());
        return json.RootElement.TryGetProperty("message", out var message) ? message.GetString() : null;
    }

    /// <summary>Asserts 200 with a JSON body; returns it.</summary>
    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
