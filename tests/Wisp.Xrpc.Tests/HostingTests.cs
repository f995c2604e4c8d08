using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wisp.Xrpc.Tests.Lexicons.Place.Wisp.V2.Secret;

namespace Wisp.Xrpc.Tests;

/// <summary>How the package is wired into an app: handlers, failures, conventions, misconfiguration.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task MapXrpcMethods_alone_maps_the_named_methods_and_the_501_fallback_once()
    {
        await using var server = await TestServer.StartAsync(configureApp: app =>
        {
            app.MapXrpcMethods(Wisp.Xrpc.Tests.Lexicons.Place.Wisp.V2.Secret.Create.Endpoint);
            app.MapXrpcMethods(Wisp.Xrpc.Tests.Lexicons.Place.Wisp.V2.Secret.List.Endpoint); // a second call maps no second fallback (that would be ambiguous)
        });

        using var created = await server.CreateSecretAsync("mapped-alone");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var unknown = await server.Client.GetAsync("/xrpc/place.wisp.v2.secret.rotate");
        Assert.Equal(HttpStatusCode.NotImplemented, unknown.StatusCode); // not named: not served
        using var other = await server.Client.GetAsync("/xrpc/com.example.nothing");
        Assert.Equal(HttpStatusCode.NotImplemented, other.StatusCode);
    }

    [Fact]
    public async Task Mapping_a_method_twice_fails_at_start_up_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServer.StartAsync(configureApp: app =>
        {
            app.MapWispXrpc();
            app.MapXrpcMethods(Wisp.Xrpc.Tests.Lexicons.Place.Wisp.V2.Secret.Create.Endpoint);
        }));

        Assert.Contains("'place.wisp.v2.secret.create' is already mapped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_handler_replaces_the_built_in_one()
    {
        await using var server = await TestServer.StartAsync(services => services.AddXrpcHandler<Create.IHandler, FixedCreateHandler>());
        var body = await XrpcAssert.OkAsync(await server.CreateSecretAsync("mine"));

        Assert.Equal("wsk_from_my_handler", body.GetProperty("token").GetString());
        Assert.Equal("did:plc:alice/mine", body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_unexpected_exception_is_500_with_a_generic_body_and_logged_details()
    {
        await using var server = await TestServer.StartAsync(services => services.AddScoped<Create.IHandler, ThrowingCreateHandler>());
        var response = await server.CreateSecretAsync("boom");

        var message = await XrpcAssert.ErrorAsync(response, 500, "InternalServerError");
        Assert.Equal("Internal Server Error", message);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("wsk_leaked", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Database", body, StringComparison.Ordinal);
        Assert.Contains(server.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("place.wisp.v2.secret.create", StringComparison.Ordinal) && l.Contains("Database on fire", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_store_failure_is_500_and_loses_nothing_already_stored()
    {
        var store = new FlakySecretStore();
        await using var server = await TestServer.StartAsync(services => services.AddSingleton<Wisp.Xrpc.Secrets.ISecretStore>(store));
        await XrpcAssert.OkAsync(await server.CreateSecretAsync("kept"));

        store.Fail = true;
        await XrpcAssert.ErrorAsync(await server.CreateSecretAsync("lost"), 500, "InternalServerError");
        store.Fail = false;

        Assert.NotNull(await store.FindAsync("did:plc:alice", "kept"));
        await XrpcAssert.OkAsync(await server.CreateSecretAsync("lost"));
    }

    [Fact]
    public async Task Conventions_on_the_result_apply_to_every_method_but_not_to_the_fallback()
    {
        var marker = new object();
        await using var server = await TestServer.StartAsync(
            TestHandlers.Register,
            app => app.MapWispXrpc().WithMetadata(marker));

        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var methods = endpoints.Where(e => e.Metadata.GetMetadata<XrpcMethod>() is not null).ToList();
        Assert.Contains(methods, e => e.Metadata.GetMetadata<XrpcMethod>()!.Nsid == Create.Id);
        Assert.All(methods, e => Assert.Contains(marker, e.Metadata));
        var fallback = Assert.Single(endpoints, e => e.RoutePattern.RawText == "/xrpc/{**path}");
        Assert.DoesNotContain(marker, fallback.Metadata);
    }

    [Fact]
    public async Task A_single_method_can_get_its_own_conventions()
    {
        var marker = new object();
        await using var server = await TestServer.StartAsync(
            TestHandlers.Register,
            app => app.MapWispXrpc().Method(Create.Id).WithMetadata(marker));

        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var marked = Assert.Single(endpoints, e => e.Metadata.Contains(marker));
        Assert.Equal(Create.Id, marked.Metadata.GetMetadata<XrpcMethod>()!.Nsid);
    }

    [Fact]
    public async Task RequireAuthorization_on_the_result_protects_the_methods()
    {
        await using var server = await TestServer.StartAsync(
            services => services.AddAuthorization(),
            app => app.MapWispXrpc().RequireAuthorization());

        var response = await server.Client.PostAsync("/xrpc/com.example.test.echo", new StringContent("{}"));
        await XrpcAssert.ErrorAsync(response, 401, "AuthenticationRequired");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "DevDid");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Authorization_registered_before_or_after_AddWispXrpc_answers_with_xrpc_bodies(bool before)
    {
        Action<IServiceCollection> authorization = services => services.AddAuthorization(o => o.AddPolicy("admins", p => p.RequireClaim("role", "admin")));
        await using var server = await TestServer.StartAsync(
            before ? null : authorization,
            app => app.MapWispXrpc().RequireAuthorization("admins"),
            configureServicesBeforeXrpc: before ? authorization : null);

        await XrpcAssert.ErrorAsync(await server.Client.PostAsync("/xrpc/com.example.test.echo", new StringContent("{}")), 401, "AuthenticationRequired");
        await XrpcAssert.ErrorAsync(await server.PostAsync("/xrpc/com.example.test.echo", """{"text":"hi"}""", callerDid: "did:plc:notadmin"), 403, "Forbidden");
    }

    [Fact]
    public async Task An_application_result_handler_registered_first_is_kept_for_other_endpoints_and_wrapped_for_xrpc()
    {
        var handler = new CountingResultHandler();
        await using var server = await TestServer.StartAsync(
            services => services.AddAuthorization(),
            app =>
            {
                app.MapWispXrpc().RequireAuthorization();
                app.MapGet("/other", () => "x").RequireAuthorization();
            },
            configureServicesBeforeXrpc: services => services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler>(handler));

        await XrpcAssert.ErrorAsync(await server.Client.PostAsync("/xrpc/com.example.test.echo", new StringContent("{}")), 401, "AuthenticationRequired");
        await server.Client.GetAsync("/other");
        Assert.Equal(2, handler.Calls);
    }

    private sealed class CountingResultHandler : Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler
    {
        private readonly Microsoft.AspNetCore.Authorization.Policy.AuthorizationMiddlewareResultHandler _default = new();

        public int Calls;

        public Task HandleAsync(Microsoft.AspNetCore.Http.RequestDelegate next, Microsoft.AspNetCore.Http.HttpContext context, Microsoft.AspNetCore.Authorization.AuthorizationPolicy policy, Microsoft.AspNetCore.Authorization.Policy.PolicyAuthorizationResult authorizeResult)
        {
            Interlocked.Increment(ref Calls);
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }

    [Fact]
    public async Task An_authorization_failure_is_403_Forbidden_with_an_xrpc_body()
    {
        await using var server = await TestServer.StartAsync(
            services => services.AddAuthorization(o => o.AddPolicy("admins", p => p.RequireClaim("role", "admin"))),
            app => app.MapWispXrpc().RequireAuthorization("admins"));

        var response = await server.PostAsync("/xrpc/com.example.test.echo", """{"text":"hi"}""", callerDid: "did:plc:notadmin");
        await XrpcAssert.ErrorAsync(response, 403, "Forbidden");
    }

    [Fact]
    public async Task A_rate_limiter_rejection_is_429_RateLimitExceeded_with_an_xrpc_body()
    {
        await using var server = await TestServer.StartAsync(
            services =>
            {
                TestHandlers.Register(services);
                services.AddRateLimiter(o => o.AddFixedWindowLimiter("one", w =>
                {
                    w.PermitLimit = 1;
                    w.Window = TimeSpan.FromMinutes(1);
                    w.QueueLimit = 0;
                }));
            },
            app =>
            {
                app.UseRateLimiter();
                app.MapWispXrpc().RequireRateLimiting("one");
            });

        await XrpcAssert.OkAsync(await server.PostAsync("/xrpc/com.example.test.echo", """{"text":"1"}""", callerDid: null));
        var rejected = await server.PostAsync("/xrpc/com.example.test.echo", """{"text":"2"}""", callerDid: null);
        await XrpcAssert.ErrorAsync(rejected, 429, "RateLimitExceeded");
    }

    [Fact]
    public async Task A_compressed_body_is_415_unless_request_decompression_is_on()
    {
        await using var plain = await TestServer.StartAsync(TestHandlers.Register);
        var refused = await plain.Client.SendAsync(GzipEcho());
        Assert.StartsWith("Unsupported Content-Encoding: gzip", await XrpcAssert.ErrorAsync(refused, 415, "InvalidRequest"), StringComparison.Ordinal);

        await using var decompressing = await TestServer.StartAsync(
            services =>
            {
                TestHandlers.Register(services);
                services.AddRequestDecompression();
            },
            app =>
            {
                app.UseRequestDecompression();
                app.MapWispXrpc();
            });
        var body = await XrpcAssert.OkAsync(await decompressing.Client.SendAsync(GzipEcho()));
        Assert.Equal("zipped", body.GetProperty("text").GetString());
    }

    private static HttpRequestMessage GzipEcho()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("""{"text":"zipped"}"""u8);
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return new HttpRequestMessage(HttpMethod.Post, "/xrpc/com.example.test.echo") { Content = content };
    }

    [Fact]
    public async Task Output_that_breaks_the_lexicon_is_a_500_and_a_log_line_in_Development()
    {
        await using var server = await TestServer.StartAsync(services => services.AddXrpcHandler<Lexicons.Com.Example.Test.Echo.IHandler, WrongKindEchoHandler>());

        var response = await server.PostAsync("/xrpc/com.example.test.echo", """{"text":"hi"}""", callerDid: null);

        Assert.Equal("Internal Server Error", await XrpcAssert.ErrorAsync(response, 500, "InternalServerError"));
        Assert.Contains(server.Logs.Lines, l => l.Contains("returned output that breaks its lexicon: Output/kind must be one of (a|b)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Output_validation_can_be_turned_off()
    {
        await using var server = await TestServer.StartAsync(services =>
        {
            services.AddXrpcHandler<Lexicons.Com.Example.Test.Echo.IHandler, WrongKindEchoHandler>();
            services.Configure<Wisp.Xrpc.Hosting.WispXrpcOptions>(o => o.ValidateOutput = false);
        });

        var body = await XrpcAssert.OkAsync(await server.PostAsync("/xrpc/com.example.test.echo", """{"text":"hi"}""", callerDid: null));
        Assert.Equal("c", body.GetProperty("kind").GetString());
    }

    [Fact]
    public void Output_validation_is_off_by_default_outside_Development()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Services.AddWispXrpc();
        using var app = builder.Build();

        Assert.False(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Wisp.Xrpc.Hosting.WispXrpcOptions>>().Value.ValidateOutput);
    }

    private sealed class WrongKindEchoHandler : Lexicons.Com.Example.Test.Echo.IHandler
    {
        public ValueTask<Lexicons.Com.Example.Test.Echo.Output> HandleAsync(Lexicons.Com.Example.Test.Echo.Input input, XrpcCallContext context) =>
            ValueTask.FromResult(new Lexicons.Com.Example.Test.Echo.Output { Text = input.Text, Count = 1, Kind = "c" });
    }

    [Fact]
    public void MapWispXrpc_without_AddWispXrpc_says_what_to_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapWispXrpc());
        Assert.Contains("AddWispXrpc()", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void The_development_did_scheme_is_refused_outside_Development(string environment)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });

        var error = Assert.Throws<InvalidOperationException>(() => builder.Services.AddAuthentication().AddWispDevelopmentDid(builder.Environment));
        Assert.Contains("Development", error.Message, StringComparison.Ordinal);
    }

    private sealed class FixedCreateHandler : Create.IHandler
    {
        public ValueTask<Create.Output> HandleAsync(Create.Input input, XrpcCallContext context) =>
            ValueTask.FromResult(new Create.Output { Name = $"{context.RequireCallerDid()}/{input.Name}", Token = "wsk_from_my_handler", CreatedAt = "2026-01-01T00:00:00.000Z" });
    }

    private sealed class ThrowingCreateHandler : Create.IHandler
    {
        public ValueTask<Create.Output> HandleAsync(Create.Input input, XrpcCallContext context) =>
            throw new InvalidOperationException("Database on fire while storing wsk_leaked");
    }

    private sealed class FlakySecretStore : Wisp.Xrpc.Secrets.ISecretStore
    {
        private readonly Wisp.Xrpc.Secrets.InMemorySecretStore _inner = new();

        public bool Fail { get; set; }

        public ValueTask<bool> TryCreateAsync(Wisp.Xrpc.Secrets.WebhookSecret secret, CancellationToken cancellationToken = default) =>
            Fail ? throw new IOException("disk full") : _inner.TryCreateAsync(secret, cancellationToken);

        public ValueTask<Wisp.Xrpc.Secrets.WebhookSecret?> FindAsync(string ownerDid, string name, CancellationToken cancellationToken = default) =>
            _inner.FindAsync(ownerDid, name, cancellationToken);

        public ValueTask<IReadOnlyList<Wisp.Xrpc.Secrets.WebhookSecretInfo>> ListAsync(string ownerDid, CancellationToken cancellationToken = default) =>
            _inner.ListAsync(ownerDid, cancellationToken);

        public ValueTask<Wisp.Xrpc.Secrets.WebhookSecret?> TryRotateAsync(string ownerDid, string name, string newToken, DateTimeOffset rotatedAt, CancellationToken cancellationToken = default) =>
            _inner.TryRotateAsync(ownerDid, name, newToken, rotatedAt, cancellationToken);

        public ValueTask<bool> TryDeleteAsync(string ownerDid, string name, CancellationToken cancellationToken = default) =>
            _inner.TryDeleteAsync(ownerDid, name, cancellationToken);
    }
}
