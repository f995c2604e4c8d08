using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Wisp.Xrpc.Storage;

namespace Wisp.Xrpc.EventLog;

/// <summary>
/// The embedded event store: one SQLite file (WAL, synchronous=FULL: an event whose append returned survives a crash
/// or kill -9), sequence numbers assigned inside the writing transaction so they are gapless and in commit order.
/// Followers in this process read new events from memory (<see cref="EventTail"/>); another process writing the same
/// file is seen within <see cref="PollInterval"/>. For several instances, use the PostgreSQL store.
/// </summary>
public sealed class SqliteEventStore : IXrpcEventStore, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ConcurrentDictionary<string, EventTail> _tails = new(StringComparer.Ordinal);
    private readonly int _tailCapacity;

    /// <summary>Creates the store; the file and its table are created on first use.</summary>
    /// <param name="databasePath">The SQLite file.</param>
    /// <param name="tailCapacity">How many of the newest events per stream followers read from memory.</param>
    public SqliteEventStore(string databasePath, int tailCapacity = 4096)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        ArgumentOutOfRangeException.ThrowIfLessThan(tailCapacity, 16);
        _tailCapacity = tailCapacity;
        _database = new SqliteDatabase(databasePath, string.Empty, InitializeAsync, createFolder: true);
        DatabasePath = _database.Path;
    }

    /// <summary>The SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>How often a follower looks for events another process appended (1 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public async ValueTask<long> AppendAsync(string stream, Func<long, byte[]> frame, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(frame);
        await using var connection = await OpenAsync(cancellationToken);
        await _writer.WaitAsync(cancellationToken);
        XrpcStoredEvent stored;
        try
        {
            // BEGIN IMMEDIATE takes the write lock first, so the number read is still the newest at commit (another process included).
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
            await using var next = connection.CreateCommand();
            next.Transaction = transaction;
            next.CommandText = "SELECT COALESCE(MAX(seq), 0) + 1 FROM xrpc_events WHERE stream = $stream";
            next.Parameters.AddWithValue("$stream", stream);
            var seq = (long)(await next.ExecuteScalarAsync(cancellationToken))!;

            var bytes = frame(seq);
            var time = DateTimeOffset.UtcNow;
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO xrpc_events (stream, seq, time, frame) VALUES ($stream, $seq, $time, $frame)";
            insert.Parameters.AddWithValue("$stream", stream);
            insert.Parameters.AddWithValue("$seq", seq);
            insert.Parameters.AddWithValue("$time", time.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$frame", bytes);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            stored = new XrpcStoredEvent(seq, bytes, DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()));
        }
        finally
        {
            _writer.Release();
        }

        Tail(stream).Add(stored);
        return stored.Seq;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<XrpcStoredEvent> ReadAsync(string stream, long after, bool follow, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        return EventFollower.ReadAsync((last, token) => PageAsync(stream, last, 512, token), follow ? Tail(stream) : null, after, follow, PollInterval, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<(long? Oldest, long? Newest)> RangeAsync(string stream, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(seq), MAX(seq) FROM xrpc_events WHERE stream = $stream";
        command.Parameters.AddWithValue("$stream", stream);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    /// <inheritdoc />
    public async ValueTask<long> PruneAsync(string stream, TimeSpan? maxAge, long? maxCount, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM xrpc_events WHERE stream = $stream AND (time < $before
              OR seq <= (SELECT COALESCE(MAX(seq), 0) FROM xrpc_events WHERE stream = $stream) - $keep)
            """;
        command.Parameters.AddWithValue("$stream", stream);
        command.Parameters.AddWithValue("$before", maxAge is { } age ? DateTimeOffset.UtcNow.Subtract(age).ToUnixTimeMilliseconds() : long.MinValue);
        command.Parameters.AddWithValue("$keep", maxCount ?? long.MaxValue);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _database.Dispose();
    }

    private EventTail Tail(string stream) => _tails.GetOrAdd(stream, static (_, capacity) => new EventTail(capacity), _tailCapacity);

    private async Task<List<XrpcStoredEvent>> PageAsync(string stream, long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, time, frame FROM xrpc_events WHERE stream = $stream AND seq > $after ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$stream", stream);
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var page = new List<XrpcStoredEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new XrpcStoredEvent(reader.GetInt64(0), (byte[])reader.GetValue(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
        }

        return page;
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _database.OpenAsync(cancellationToken);

    private static async Task InitializeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS xrpc_events (
                stream TEXT NOT NULL,
                seq INTEGER NOT NULL,
                time INTEGER NOT NULL,
                frame BLOB NOT NULL,
                PRIMARY KEY (stream, seq)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS xrpc_events_time ON xrpc_events (stream, time);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
