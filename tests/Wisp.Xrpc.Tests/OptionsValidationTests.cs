using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wisp.Xrpc.Hosting;
using Wisp.Xrpc.ServiceAuth;

namespace Wisp.Xrpc.Tests;

/// <summary>Wrong settings stop the app at start-up with a message naming them, not at the first request.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("json")]
    [InlineData("raw")]
    [InlineData("claim")]
    [InlineData("serviceDid")]
    [InlineData("serviceDidNewline")]
    [InlineData("tokenAge")]
    [InlineData("resolverTimeout")]
    [InlineData("documentSize")]
    public async Task An_invalid_option_fails_start_up(string which)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await TestServer.StartAsync(services =>
            {
                services.Configure<WispXrpcOptions>(o =>
                {
                    if (which == "json") o.MaxJsonRequestBodySize = -1;
                    if (which == "raw") o.MaxRawRequestBodySize = 0;
                    if (which == "claim") o.CallerDidClaimType = " ";
                });
                services.AddAuthentication().AddAtprotoServiceAuth(
                    o =>
                    {
                        o.ServiceDid = which switch { "serviceDid" => "", "serviceDidNewline" => "did:web:x.example.com\n", _ => "did:web:x.example.com" };
                        if (which == "tokenAge") o.MaxTokenAge = TimeSpan.Zero;
                    },
                    r =>
                    {
                        if (which == "resolverTimeout") r.Timeout = TimeSpan.FromSeconds(-1);
                        if (which == "documentSize") r.MaxDocumentSize = 0;
                    });
            });
        });
        Assert.NotEmpty(error.Failures);
    }

    [Fact]
    public async Task Valid_options_start_and_service_auth_registers_like_AddJwtBearer()
    {
        await using var server = await TestServer.StartAsync(services => services.AddAuthentication()
            .AddAtprotoServiceAuth(o => o.ServiceDid = "did:web:hooks.example.com")
            .AddAtprotoServiceAuth("Labeler", o => o.ServiceDid = "did:web:labeler.example.com"));

        var schemes = server.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.NotNull(await schemes.GetSchemeAsync(AtprotoServiceAuthDefaults.AuthenticationScheme));
        Assert.NotNull(await schemes.GetSchemeAsync("Labeler"));
        var options = server.Services.GetRequiredService<IOptionsMonitor<AtprotoServiceAuthOptions>>();
        Assert.Equal("did:web:labeler.example.com", options.Get("Labeler").ServiceDid);
    }
}
