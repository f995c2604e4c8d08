using Npgsql;

namespace Wisp.Xrpc.Secrets.Storage;

/// <summary>
/// A store on PostgreSQL, for several app instances sharing secrets. Same contract as the SQLite store:
/// (owner DID, name) is the primary key and a duplicate is detected by the insert itself. Pair it with the
/// key ring kept in the same database (<see cref="PostgresXmlRepository"/>) so every instance decrypts what
/// another wrote.
/// </summary>
public sealed class PostgresSecretStore : ISecretStore
{
    // Any constant will do: it serializes schema creation between instances starting together.
    private const long SchemaLockKey = 0x57495350_58525043;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SecretProtector _protector;
    private readonly SemaphoreSlim _initialization = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Creates the store; its tables are created on first use.</summary>
    public PostgresSecretStore(NpgsqlDataSource dataSource, SecretProtector protector)
    {
        _dataSource = dataSource;
        _protector = protector;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryCreateAsync(WebhookSecret secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return await RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO wisp_webhook_secrets (owner_did, name, protected_token, created_at)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (owner_did, name) DO NOTHING
                """,
                connection);
            command.Parameters.AddWithValue(secret.OwnerDid);
            command.Parameters.AddWithValue(secret.Name);
            command.Parameters.AddWithValue(_protector.Protect(secret.OwnerDid, secret.Name, secret.Token));
            command.Parameters.AddWithValue(secret.CreatedAt.UtcDateTime);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<WebhookSecret?> FindAsync(string ownerDid, string name, CancellationToken cancellationToken = default) =>
        await RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT protected_token, created_at, last_rotated_at FROM wisp_webhook_secrets WHERE owner_did = $1 AND name = $2", connection);
            command.Parameters.AddWithValue(ownerDid);
            command.Parameters.AddWithValue(name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new WebhookSecret(
                ownerDid,
                name,
                _protector.Unprotect(ownerDid, name, reader.GetFieldValue<byte[]>(0)),
                Utc(reader.GetDateTime(1)),
                reader.IsDBNull(2) ? null : Utc(reader.GetDateTime(2)));
        }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<WebhookSecretInfo>> ListAsync(string ownerDid, CancellationToken cancellationToken = default) =>
        await RunAsync<IReadOnlyList<WebhookSecretInfo>>(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT name, created_at, last_rotated_at FROM wisp_webhook_secrets WHERE owner_did = $1 ORDER BY name COLLATE \"C\"", connection);
            command.Parameters.AddWithValue(ownerDid);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var secrets = new List<WebhookSecretInfo>();
            while (await reader.ReadAsync(cancellationToken))
            {
                secrets.Add(new WebhookSecretInfo(ownerDid, reader.GetString(0), Utc(reader.GetDateTime(1)), reader.IsDBNull(2) ? null : Utc(reader.GetDateTime(2))));
            }

            return secrets;
        }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<WebhookSecret?> TryRotateAsync(string ownerDid, string name, string newToken, DateTimeOffset rotatedAt, CancellationToken cancellationToken = default) =>
        await RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                """
                UPDATE wisp_webhook_secrets SET protected_token = $3, last_rotated_at = $4
                WHERE owner_did = $1 AND name = $2
                RETURNING created_at
                """,
                connection);
            command.Parameters.AddWithValue(ownerDid);
            command.Parameters.AddWithValue(name);
            command.Parameters.AddWithValue(_protector.Protect(ownerDid, name, newToken));
            command.Parameters.AddWithValue(rotatedAt.UtcDateTime);
            var createdAt = await command.ExecuteScalarAsync(cancellationToken);
            return createdAt is DateTime created ? new WebhookSecret(ownerDid, name, newToken, Utc(created), rotatedAt) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> TryDeleteAsync(string ownerDid, string name, CancellationToken cancellationToken = default) =>
        await RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM wisp_webhook_secrets WHERE owner_did = $1 AND name = $2", connection);
            command.Parameters.AddWithValue(ownerDid);
            command.Parameters.AddWithValue(name);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    /// <summary>Creates the tables (store and key ring) if they are missing; safe to call from several instances at once.</summary>
    public static async Task CreateSchemaAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({SchemaLockKey});
            CREATE TABLE IF NOT EXISTS wisp_webhook_secrets (
                owner_did text NOT NULL,
                name text NOT NULL,
                protected_token bytea NOT NULL,
                created_at timestamptz NOT NULL,
                last_rotated_at timestamptz NULL,
                PRIMARY KEY (owner_did, name)
            );
            CREATE TABLE IF NOT EXISTS wisp_secret_store_meta (
                id integer PRIMARY KEY CHECK (id = 1),
                canary bytea NOT NULL
            );
            CREATE TABLE IF NOT EXISTS wisp_data_protection_keys (
                friendly_name text PRIMARY KEY,
                xml text NOT NULL
            );
            """,
            connection,
            transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            if (!_initialized)
            {
                await InitializeAsync(cancellationToken);
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await operation(connection);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SecretStoreUnavailableException($"The PostgreSQL secret store failed: {e.Message}", e);
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initialization.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            await CreateSchemaAsync(_dataSource, cancellationToken);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using (var insert = new NpgsqlCommand("INSERT INTO wisp_secret_store_meta (id, canary) VALUES (1, $1) ON CONFLICT (id) DO NOTHING", connection))
            {
                insert.Parameters.AddWithValue(_protector.NewCanary());
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var select = new NpgsqlCommand("SELECT canary FROM wisp_secret_store_meta WHERE id = 1", connection))
            {
                _protector.VerifyCanary((byte[])(await select.ExecuteScalarAsync(cancellationToken))!);
            }

            _initialized = true;
        }
        finally
        {
            _initialization.Release();
        }
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
