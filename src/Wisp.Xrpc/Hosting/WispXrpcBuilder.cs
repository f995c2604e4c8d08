using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wisp.Xrpc.Secrets;
using Wisp.Xrpc.Secrets.Storage;

namespace Wisp.Xrpc.Hosting;

/// <summary>Returned by <c>AddWispXrpc()</c>: chooses the secret store.</summary>
public sealed class WispXrpcBuilder
{
    internal WispXrpcBuilder(IServiceCollection services) => Services = services;

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Keeps secrets in a SQLite file, encrypted, with the key ring in a folder beside it. This is the default;
    /// call it to change the paths or the key ring setup.
    /// </summary>
    public WispXrpcBuilder UseSqliteSecretStore(Action<WispSecretStoreOptions>? configure = null)
    {
        if (configure is not null)
        {
            Services.Configure(configure);
        }

        Services.Replace(ServiceDescriptor.Singleton<ISecretStore>(static sp => sp.GetRequiredService<SqliteSecretStorage>().Store));
        return this;
    }

    /// <summary>
    /// Adds a durable event log for the stream <paramref name="codec"/> belongs to (its lexicon class's
    /// <c>MessageCodec</c>), as a singleton <see cref="EventLog.XrpcEventLog{TMessage}"/> a handler appends to and
    /// serves from. Events are kept in the registered <see cref="EventLog.IXrpcEventStore"/>: unless the app registers
    /// one (Wisp.Xrpc.EventLog.PostgreSql, or <see cref="UseSqliteEventStore"/>), a SQLite file at
    /// <c>App_Data/wisp-events.db</c> under the content root.
    /// </summary>
    public WispXrpcBuilder AddEventLog<TMessage>(Subscriptions.XrpcMessageCodec<TMessage> codec, Action<EventLog.XrpcEventLogOptions>? configure = null)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(codec);
        var options = new EventLog.XrpcEventLogOptions();
        configure?.Invoke(options);
        Services.TryAddSingleton<EventLog.IXrpcEventStore>(static sp =>
            new EventLog.SqliteEventStore(Path.Combine(sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().ContentRootPath, "App_Data", "wisp-events.db")));
        Services.AddSingleton(sp => new EventLog.XrpcEventLog<TMessage>(sp.GetRequiredService<EventLog.IXrpcEventStore>(), codec, options));
        return this;
    }

    /// <summary>Keeps event logs in the SQLite file <paramref name="databasePath"/> (relative paths are under the content root).</summary>
    public WispXrpcBuilder UseSqliteEventStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        Services.Replace(ServiceDescriptor.Singleton<EventLog.IXrpcEventStore>(sp =>
            new EventLog.SqliteEventStore(Path.Combine(sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().ContentRootPath, databasePath))));
        return this;
    }

    /// <summary>Keeps secrets in process memory only: lost on restart. For tests and local experiments.</summary>
    public WispXrpcBuilder UseInMemorySecretStore()
    {
        Services.Replace(ServiceDescriptor.Singleton<ISecretStore, InMemorySecretStore>());
        return this;
    }
}

/// <summary>The SQLite store with its key ring, disposed with the app.</summary>
internal sealed class SqliteSecretStorage : IDisposable
{
    private readonly SecretKeyRing _keyRing;

    public SqliteSecretStorage(string contentRoot, ILoggerFactory loggerFactory, WispSecretStoreOptions options)
    {
        var data = Path.Combine(contentRoot, "App_Data");
        var databasePath = options.SqlitePath ?? Path.Combine(data, "wisp-secrets.db");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _keyRing = SecretKeyRing.InDirectory(options.KeyRingPath ?? Path.Combine(data, "wisp-keys"), loggerFactory, options.ConfigureKeyRing);
        Store = new SqliteSecretStore(databasePath, _keyRing.Protector);
    }

    public SqliteSecretStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        _keyRing.Dispose();
    }
}
