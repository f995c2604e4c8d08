using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Wisp.Xrpc.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers XRPC clients on IHttpClientFactory.</summary>
public static class XrpcClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers the XRPC client <paramref name="name"/>, created by <see cref="IXrpcClientFactory.CreateClient"/>. The
    /// returned builder configures its HTTP pipeline (add retries with <c>AddXrpcResilienceHandler()</c> from
    /// Wisp.Xrpc.Resilience). Options are validated when the client is first created.
    /// </summary>
    public static IHttpClientBuilder AddXrpcClient(this IServiceCollection services, string name, Action<XrpcClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<XrpcClientOptions>(name).Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<XrpcClientOptions>, XrpcClientOptionsValidation>());
        services.TryAddSingleton<IXrpcClientFactory, XrpcClientFactory>();
        services.TryAddSingleton(TimeProvider.System);
        return services.AddHttpClient(name, (provider, http) =>
            http.BaseAddress = provider.GetRequiredService<IOptionsMonitor<XrpcClientOptions>>().Get(name).BaseAddress);
    }

    /// <summary>
    /// Registers <typeparamref name="TClient"/> as a typed XRPC client: a transient service whose constructor takes an
    /// <see cref="XrpcClient"/> (and any other services), named after the type on IHttpClientFactory.
    /// </summary>
    public static IHttpClientBuilder AddXrpcClient<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TClient>(
        this IServiceCollection services, Action<XrpcClientOptions> configure)
        where TClient : class
    {
        var name = typeof(TClient).FullName ?? typeof(TClient).Name;
        var builder = services.AddXrpcClient(name, configure);
        services.AddTransient(provider =>
            ActivatorUtilities.CreateInstance<TClient>(provider, provider.GetRequiredService<IXrpcClientFactory>().CreateClient(name)));
        return builder;
    }

    private sealed class XrpcClientFactory(IHttpClientFactory http, IOptionsMonitor<XrpcClientOptions> options, TimeProvider time) : IXrpcClientFactory
    {
        public XrpcClient CreateClient(string name) => new(http.CreateClient(name), options.Get(name), time);
    }
}
