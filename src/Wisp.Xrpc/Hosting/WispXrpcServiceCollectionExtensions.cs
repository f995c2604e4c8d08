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
        services.AddOptions<WispXrpcOptions>()
            .PostConfigure<IHostEnvironment>(static (options, environment) => options.ValidateOutput ??= environment.IsDevelopment())
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WispXrpcOptions>, WispXrpcOptionsValidation>());
        services.AddOptions<WispSecretStoreOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<XrpcServicesMarker>();
        XrpcAuthorizationResultHandler.Register(services);
        services.PostConfigure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(XrpcRateLimiting.AnswerRejectionsAsXrpc);
        services.TryAddEnumerable(ServiceDescriptor.Transient<Microsoft.AspNetCore.Mvc.ApiExplorer.IApiDescriptionProvider, XrpcApiDescriptionProvider>());
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

    /// <summary>
    /// Registers the handler of an XRPC method (scoped: one instance per request), e.g.
    /// <c>services.AddXrpcHandler&lt;GetProfile.IHandler, GetProfileHandler&gt;()</c>. It replaces a built-in handler.
    /// </summary>
    /// <typeparam name="THandler">The method's generated <c>IHandler</c> interface.</typeparam>
    /// <typeparam name="TImplementation">Your implementation.</typeparam>
    public static IServiceCollection AddXrpcHandler<THandler, [System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(this IServiceCollection services)
        where THandler : class
        where TImplementation : class, THandler
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Replace(ServiceDescriptor.Scoped<THandler, TImplementation>());
        return services;
    }
}
