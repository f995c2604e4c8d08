using Microsoft.Extensions.DependencyInjection.Extensions;
using Wisp.Xrpc.Hosting;
using Wisp.Xrpc.Secrets;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the services the generated XRPC endpoints use.</summary>
public static class WispXrpcServiceCollectionExtensions
{
    /// <summary>
    /// Adds the XRPC runtime: options, the webhook secret service and, unless one is registered already,
    /// the in-memory <see cref="ISecretStore"/> (secrets are lost on restart; register a durable store for production).
    /// Then call <c>app.MapWispXrpc()</c>.
    /// </summary>
    public static IServiceCollection AddWispXrpc(this IServiceCollection services, Action<WispXrpcOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<WispXrpcOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<XrpcServicesMarker>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISecretStore, InMemorySecretStore>();
        services.TryAddSingleton<ISecretTokenGenerator, SecretTokenGenerator>();
        services.TryAddScoped<WebhookSecretService>();
        return services;
    }
}
