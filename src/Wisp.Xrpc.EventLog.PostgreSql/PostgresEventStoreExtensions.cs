using Microsoft.Extensions.DependencyInjection.Extensions;
using Wisp.Xrpc.EventLog;
using Wisp.Xrpc.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Selects the PostgreSQL event store: <c>services.AddWispXrpc().UsePostgresEventStore(connectionString).AddEventLog(...)</c>.</summary>
public static class PostgresEventStoreExtensions
{
    /// <summary>Keeps event logs in PostgreSQL, so several app instances append to and serve the same streams. The table is created on first use.</summary>
    public static WispXrpcBuilder UsePostgresEventStore(this WispXrpcBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        builder.Services.Replace(ServiceDescriptor.Singleton<IXrpcEventStore>(_ => new PostgresEventStore(connectionString)));
        return builder;
    }
}
