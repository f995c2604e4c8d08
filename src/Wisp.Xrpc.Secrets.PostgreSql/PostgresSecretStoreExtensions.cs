using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wisp.Xrpc.Hosting;
using Wisp.Xrpc.Secrets;
using Wisp.Xrpc.Secrets.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Selects the PostgreSQL secret store: <c>services.AddWispXrpc().UsePostgresSecretStore(connectionString)</c>.</summary>
public static class PostgresSecretStoreExtensions
{
    /// <summary>
    /// Keeps secrets in PostgreSQL, for several app instances sharing them; the key ring is kept in the same
    /// database, so every instance decrypts what another wrote. Tables are created on first use.
    /// </summary>
    /// <param name="builder">What <c>AddWispXrpc()</c> returned.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Key ring setup (the SQLite paths are ignored).</param>
    public static WispXrpcBuilder UsePostgresSecretStore(this WispXrpcBuilder builder, string connectionString, Action<WispSecretStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        builder.Services.TryAddSingleton(sp => new PostgresSecretStorage(
            connectionString,
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<IOptions<WispSecretStoreOptions>>().Value));
        builder.Services.Replace(ServiceDescriptor.Singleton<ISecretStore>(static sp => sp.GetRequiredService<PostgresSecretStorage>().Store));
        return builder;
    }
}
