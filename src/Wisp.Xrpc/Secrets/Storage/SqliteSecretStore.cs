using Microsoft.Data.Sqlite;
using Wisp.Xrpc.Storage;

namespace Wisp.Xrpc.Secrets.Storage;

/// <summary>
/// The default durable store: one SQLite file (WAL, synchronous=FULL, so a create that answered 200 survives a
/// crash), tokens encrypted by <see cref="SecretProtector"/>. Uniqueness of (owner DID, name) is the table's
/// primary key; a duplicate is detected by the insert itself, never by a read before the write.
/// </summary>
public sealed class SqliteSecretStore : ISecretStore, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly SecretProtector _protector;

    // SQLite has one writer at a time; queueing writers here is far cheaper than SQLITE_BUSY sleep-and-retry.
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Creates the store; the file and its schema are created on first use.</summary>
    /// <param name="databasePath">The SQLite file.</param>
    /// <param name="protector">Encrypts and decrypts tokens.</param>
    public SqliteSecretStore(string databasePath, SecretProtector protector)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        _protector = protector;
        _database = new SqliteDatabase(databasePath, "PRAGMA foreign_keys = ON;", InitializeAsync, createFolder: false);
        DatabasePath = _database.Path;
    }

    /// <summary>The SQLite file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public async ValueTask<bool> TryCreateAsync(WebhookSecret secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO webhook_secrets (owner_did, name, protected_token, created_at, last_rotated_at)
            VALUES ($owner, $name, $token, $created, NULL)
            ON CONFLICT (owner_did, name) DO NOTHING
            """;
        command.Parameters.AddWithValue("$owner", secret.OwnerDid);
        command.Parameters.AddWithValue("$name", secret.Name);
        command.Parameters.AddWithValue("$token", _protector.Protect(secret.OwnerDid, secret.Name, secret.Token));
        command.Parameters.AddWithValue("$created", secret.CreatedAt.ToUnixTimeMilliseconds());
        return await Write(() => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<WebhookSecret?> FindAsync(string ownerDid, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT protected_token, created_at, last_rotated_at FROM webhook_secrets WHERE owner_did = $owner AND name = $name";
        command.Parameters.AddWithValue("$owner", ownerDid);
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await Execute(() => command.ExecuteReaderAsync(cancellationToken));
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new WebhookSecret(
            ownerDid,
            name,
            _protector.Unprotect(ownerDid, name, (byte[])reader[0]),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
            reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<WebhookSecretInfo>> ListAsync(string ownerDid, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // A listing never shows tokens, so none is decrypted: a list keeps working for metadata alone.
        command.CommandText = "SELECT name, created_at, last_rotated_at FROM webhook_secrets WHERE owner_did = $owner ORDER BY name COLLATE BINARY";
        command.Parameters.AddWithValue("$owner", ownerDid);
        await using var reader = await Execute(() => command.ExecuteReaderAsync(cancellationToken));
        var secrets = new List<WebhookSecretInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            secrets.Add(new WebhookSecretInfo(
                ownerDid,
                reader.GetString(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return secrets;
    }

    /// <inheritdoc />
    public async ValueTask<WebhookSecret?> TryRotateAsync(string ownerDid, string name, string newToken, DateTimeOffset rotatedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE webhook_secrets SET protected_token = $token, last_rotated_at = $rotated
            WHERE owner_did = $owner AND name = $name
            RETURNING created_at
            """;
        command.Parameters.AddWithValue("$owner", ownerDid);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$token", _protector.Protect(ownerDid, name, newToken));
        command.Parameters.AddWithValue("$rotated", rotatedAt.ToUnixTimeMilliseconds());
        var createdAt = await Write(() => command.ExecuteScalarAsync(cancellationToken), cancellationToken);
        return createdAt is long created
            ? new WebhookSecret(ownerDid, name, newToken, DateTimeOffset.FromUnixTimeMilliseconds(created), rotatedAt)
            : null;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryDeleteAsync(string ownerDid, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM webhook_secrets WHERE owner_did = $owner AND name = $name";
        command.Parameters.AddWithValue("$owner", ownerDid);
        command.Parameters.AddWithValue("$name", name);
        return await Write(() => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken) == 1;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _database.Dispose();
        _writer.Dispose();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _database.OpenAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            throw new SecretStoreUnavailableException($"The SQLite secret store at {DatabasePath} cannot be opened: {e.Message}", e);
        }
    }

    private async Task InitializeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using (var schema = connection.CreateCommand())
        {
            schema.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS webhook_secrets (
                    owner_did TEXT NOT NULL,
                    name TEXT NOT NULL,
                    protected_token BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    last_rotated_at INTEGER NULL,
                    PRIMARY KEY (owner_did, name)
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS secret_store_meta (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    canary BLOB NOT NULL
                );
                INSERT INTO secret_store_meta (id, canary) VALUES (1, $canary) ON CONFLICT (id) DO NOTHING;
                """;
            schema.Parameters.AddWithValue("$canary", _protector.NewCanary());
            await schema.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var canary = connection.CreateCommand())
        {
            canary.CommandText = "SELECT canary FROM secret_store_meta WHERE id = 1";
            _protector.VerifyCanary((byte[])(await canary.ExecuteScalarAsync(cancellationToken))!);
        }
    }

    private async Task<T> Write<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return await Execute(operation);
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task<T> Execute<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (SqliteException e)
        {
            throw new SecretStoreUnavailableException($"The SQLite secret store at {DatabasePath} failed: {e.Message}", e);
        }
    }
}
