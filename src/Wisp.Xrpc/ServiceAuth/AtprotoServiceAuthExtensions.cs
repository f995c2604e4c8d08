using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Wisp.Xrpc.ServiceAuth;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers atproto inter-service authentication.</summary>
public static class AtprotoServiceAuthExtensions
{
    /// <summary>
    /// Adds the <c>AtprotoServiceAuth</c> scheme: Bearer service JWTs (ES256K, ES256) verified against the issuer's
    /// DID document, bound to the called XRPC method (<c>lxm</c>). Set <see cref="AtprotoServiceAuthOptions.ServiceDid"/>.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configure">Sets the options; <c>ServiceDid</c> is required.</param>
    /// <param name="configureResolver">Sets the DID resolver's options (PLC directory, cache, timeouts).</param>
    public static AuthenticationBuilder AddAtprotoServiceAuth(
        this AuthenticationBuilder builder,
        Action<AtprotoServiceAuthOptions> configure,
        Action<DidResolverOptions>? configureResolver = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        if (configureResolver is not null)
        {
            services.Configure(configureResolver);
        }

        services.AddOptions<DidResolverOptions>().PostConfigure<IServiceProvider>(static (options, sp) =>
            options.AllowPrivateAddresses ??= sp.GetService<Microsoft.Extensions.Hosting.IHostEnvironment>()?.IsDevelopment() == true);
        services.AddMemoryCache();
        services.AddHttpClient(DidResolver.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(static sp => DidResolver.CreateHandler(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DidResolverOptions>>().Value));
        services.TryAddSingleton<IDidResolver>(static sp => new DidResolver(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DidResolverOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DidResolver>>()));
        services.TryAddSingleton<ServiceAuthReplayCache>();
        services.AddOptions<Wisp.Xrpc.Hosting.WispXrpcOptions>();
        return builder.AddScheme<AtprotoServiceAuthOptions, AtprotoServiceAuthHandler>(AtprotoServiceAuthHandler.SchemeName, displayName: "atproto service auth", configure);
    }
}
