using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wisp.Xrpc.Hosting;
using Wisp.Xrpc.Secrets;
using Wisp.Xrpc.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the services the generated XRPC endpoints use.</summary>
public static class WispXrpcServiceCollectionExtensions
{
    /// <summary>
    /// Adds the XRPC runtime: options, the webhook secret service, the webhook signer and, unless an
    /// <see cref="ISecretStore"/> is registered already, the durable default store: SQLite under the content root,
    /// tokens encrypted with the secrets' own Data Protection key ring. Then call <c>app.MapWispXrpc()</c>.
    /// </summary>
    /// <returns>A builder to choose another store (<c>UsePostgresSecretStore</c>, <c>UseInMemorySecretStore</c>).</returns>
    public static WispXrpcBuilder AddWispXrpc(this IServiceCollection services, Action<WispXrpcOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<WispXrpcOptions>();
        services.AddOptions<WispSecretStoreOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<XrpcServicesMarker>();
        services.TryAddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, XrpcAuthorizationResultHandler>();
        services.PostConfigure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(XrpcRateLimiting.AnswerRejectionsAsXrpc);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new SqliteSecretStorage(
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<IOptions<WispSecretStoreOptions>>().Value));
        services.TryAddSingleton<ISecretStore>(static sp => sp.GetRequiredService<SqliteSecretStorage>().Store);
        services.TryAddSingleton<ISecretTokenGenerator, SecretTokenGenerator>();
        services.TryAddScoped<WebhookSecretService>();
        services.TryAddSingleton<WebhookSigner>();
        return new WispXrpcBuilder(services);
    }
}
