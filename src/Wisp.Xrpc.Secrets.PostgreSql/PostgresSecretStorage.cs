using Microsoft.Extensions.Logging;
using Npgsql;

namespace Wisp.Xrpc.Secrets.Storage;

/// <summary>The PostgreSQL store, its data source and its key ring, disposed with the app.</summary>
internal sealed class PostgresSecretStorage : IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SecretKeyRing _keyRing;

    public PostgresSecretStorage(string connectionString, ILoggerFactory loggerFactory, WispSecretStoreOptions options)
    {
        _dataSource = new NpgsqlDataSourceBuilder(connectionString).UseLoggerFactory(loggerFactory).Build();
        _keyRing = SecretKeyRing.InRepository(new PostgresXmlRepository(_dataSource), loggerFactory, options.ConfigureKeyRing);
        Store = new PostgresSecretStore(_dataSource, _keyRing.Protector);
    }

    public PostgresSecretStore Store { get; }

    public void Dispose()
    {
        _keyRing.Dispose();
        _dataSource.Dispose();
    }
}
