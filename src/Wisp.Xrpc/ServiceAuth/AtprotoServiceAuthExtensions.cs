using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Wisp.Xrpc.ServiceAuth;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers atproto inter-service authentication.</summary>
public static class AtprotoServiceAuthExtensions
{
    /// <summary>
    /// Adds the <see cref="AtprotoServiceAuthDefaults.AuthenticationScheme"/> scheme: Bearer service JWTs (ES256K,
    /// ES256) verified against the issuer's DID document, bound to the called XRPC method (<c>lxm</c>).
    /// <see cref="AtprotoServiceAuthOptions.ServiceDid"/> is required and checked at start-up.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configure">Sets the options; <c>ServiceDid</c> is required.</param>
    /// <param name="configureResolver">Sets the DID resolver's options (PLC directory, cache, timeouts, private addresses).</param>
    public static AuthenticationBuilder AddAtprotoServiceAuth(
        this AuthenticationBuilder builder,
        Action<AtprotoServiceAuthOptions> configure,
        Action<DidResolverOptions>? configureResolver = null) =>
        builder.AddAtprotoServiceAuth(AtprotoServiceAuthDefaults.AuthenticationScheme, AtprotoServiceAuthDefaults.DisplayName, configure, configureResolver);

    /// <summary>Adds the scheme under the name <paramref name="authenticationScheme"/> (several services, several DIDs).</summary>
    public static AuthenticationBuilder AddAtprotoServiceAuth(this AuthenticationBuilder builder, string authenticationScheme, Action<AtprotoServiceAuthOptions> configure) =>
        builder.AddAtprotoServiceAuth(authenticationScheme, AtprotoServiceAuthDefaults.DisplayName, configure, configureResolver: null);

    /// <summary>Adds the scheme under the name <paramref name="authenticationScheme"/>, shown as <paramref name="displayName"/>.</summary>
    public static AuthenticationBuilder AddAtprotoServiceAuth(
        this AuthenticationBuilder builder,
        string authenticationScheme,
        string? displayName,
        Action<AtprotoServiceAuthOptions> configure,
        Action<DidResolverOptions>? configureResolver = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        if (configureResolver is not null)
        {
            services.Configure(configureResolver);
        }

        services.AddOptions<DidResolverOptions>()
            .PostConfigure<IServiceProvider>(static (options, sp) => options.AllowPrivateAddresses ??= sp.GetService<IHostEnvironment>()?.IsDevelopment() == true)
            .ValidateOnStart();
        services.AddOptions<AtprotoServiceAuthOptions>(authenticationScheme).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<AtprotoServiceAuthOptions>, Wisp.Xrpc.Hosting.WispXrpcOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<DidResolverOptions>, Wisp.Xrpc.Hosting.WispXrpcOptionsValidation>());
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
        return builder.AddScheme<AtprotoServiceAuthOptions, AtprotoServiceAuthHandler>(authenticationScheme, displayName, configure);
    }
}
