using System.Collections.Concurrent;
using Npgsql;

namespace Wisp.Xrpc.EventLog;

/// <summary>
/// Event logs in PostgreSQL, shared by several app instances. An append takes a transaction-scoped advisory lock on its
/// stream, so sequence numbers are assigned one at a time and commit in their order (a reader never sees 6 before 5);
/// it commits with <c>NOTIFY</c>. Each instance LISTENs on one connection and reads new events once into memory for all
/// its followers; a follower that hears nothing looks in the table every <see cref="PollInterval"/>.
/// </summary>
public sealed class PostgresEventStore : IXrpcEventStore, IAsyncDisposable
{
    private const string Channel = "wisp_xrpc_events";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _listenConnectionString;
    private readonly ConcurrentDictionary<string, Lazy<Task<EventTail>>> _tails = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _initialization = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _tailCapacity;
    private Task? _listening;
    private volatile bool _initialized;

    /// <summary>Creates the store over <paramref name="connectionString"/>; the table is created on first use.</summary>
    public PostgresEventStore(string connectionString, int tailCapacity = 4096)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(tailCapacity, 16);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _listenConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 }.ToString();
        _tailCapacity = tailCapacity;
    }

    /// <summary>How often a follower looks in the table when no notification arrives (1 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public async ValueTask<long> AppendAsync(string stream, Func<long, byte[]> frame, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(frame);
        await InitializeAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockStream = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 7477))", connection, transaction))
        {
            lockStream.Parameters.AddWithValue(stream);
            await lockStream.ExecuteNonQueryAsync(cancellationToken);
        }

        long seq;
        await using (var next = new NpgsqlCommand("SELECT COALESCE(MAX(seq), 0) + 1 FROM wisp_xrpc_events WHERE stream = $1", connection, transaction))
        {
            next.Parameters.AddWithValue(stream);
            seq = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
        }

        var bytes = frame(seq);
        await using (var insert = new NpgsqlCommand("INSERT INTO wisp_xrpc_events (stream, seq, time, frame) VALUES ($1, $2, $3, $4)", connection, transaction))
        {
            insert.Parameters.AddWithValue(stream);
            insert.Parameters.AddWithValue(seq);
            insert.Parameters.AddWithValue(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue(bytes);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // Delivered at commit, to every instance listening (this one included).
        await using (var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection, transaction))
        {
            notify.Parameters.AddWithValue(Channel);
            notify.Parameters.AddWithValue(stream);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return seq;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<XrpcStoredEvent> ReadAsync(string stream, long after, bool follow, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        await InitializeAsync(cancellationToken);
        var tail = follow ? await TailAsync(stream, cancellationToken) : null;
        await foreach (var stored in EventFollower.ReadAsync((last, token) => PageAsync(stream, last, 512, token), tail, after, follow, PollInterval, cancellationToken))
        {
            yield return stored;
        }
    }

    /// <inheritdoc />
    public async ValueTask<(long? Oldest, long? Newest)> RangeAsync(string stream, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT MIN(seq), MAX(seq) FROM wisp_xrpc_events WHERE stream = $1");
        command.Parameters.AddWithValue(stream);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    /// <inheritdoc />
    public async ValueTask<long> PruneAsync(string stream, TimeSpan? maxAge, long? maxCount, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("""
            DELETE FROM wisp_xrpc_events WHERE stream = $1 AND (time < $2
              OR seq <= (SELECT COALESCE(MAX(seq), 0) FROM wisp_xrpc_events WHERE stream = $1) - $3)
            """);
        command.Parameters.AddWithValue(stream);
        command.Parameters.AddWithValue(maxAge is { } age ? DateTimeOffset.UtcNow.Subtract(age).ToUnixTimeMilliseconds() : long.MinValue);
        command.Parameters.AddWithValue(maxCount ?? long.MaxValue);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_listening is not null)
        {
            try
            {
                await _listening;
            }
            catch (OperationCanceledException)
            {
            }
        }

        await _dataSource.DisposeAsync();
        _stopping.Dispose();
        _initialization.Dispose();
    }

    /// <summary>The stream's tail, started at its newest event, fed by the listener (started with the first follower).</summary>
    private Task<EventTail> TailAsync(string stream, CancellationToken cancellationToken)
    {
        lock (_tails)
        {
            _listening ??= Task.Run(() => ListenAsync(_stopping.Token));
        }

        return _tails.GetOrAdd(stream, s => new Lazy<Task<EventTail>>(async () =>
        {
            var (_, newest) = await RangeAsync(s, CancellationToken.None);
            return new EventTail(_tailCapacity, newest ?? 0);
        })).Value.WaitAsync(cancellationToken);
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_listenConnectionString);
                await connection.OpenAsync(stopping);
                var changed = new ConcurrentQueue<string>();
                connection.Notification += (_, e) => changed.Enqueue(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                // Events appended while this instance was not listening: catch every tail up once.
                await CatchUpAsync(_tails.Keys, stopping);
                delay = TimeSpan.FromMilliseconds(100);
                while (!stopping.IsCancellationRequested)
                {
                    await connection.WaitAsync(stopping);
                    var streams = new HashSet<string>(StringComparer.Ordinal);
                    while (changed.TryDequeue(out var stream))
                    {
                        streams.Add(stream);
                    }

                    await CatchUpAsync(streams, stopping);
                }
            }
            catch (Exception e) when (e is NpgsqlException or System.IO.IOException or TimeoutException && !stopping.IsCancellationRequested)
            {
                // The database went away: listen again after a while (followers poll meanwhile).
                await Task.Delay(delay, stopping);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    /// <summary>Reads into each tail the events after its newest, once for all of this instance's followers.</summary>
    private async Task CatchUpAsync(IEnumerable<string> streams, CancellationToken cancellationToken)
    {
        foreach (var stream in streams)
        {
            if (!_tails.TryGetValue(stream, out var lazy) || !lazy.Value.IsCompletedSuccessfully)
            {
                continue;
            }

            var tail = lazy.Value.Result;
            List<XrpcStoredEvent> page;
            do
            {
                page = await PageAsync(stream, tail.Newest, 512, cancellationToken);
                foreach (var stored in page)
                {
                    tail.Add(stored);
                }
            }
            while (page.Count == 512);
        }
    }

    private async Task<List<XrpcStoredEvent>> PageAsync(string stream, long after, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT seq, time, frame FROM wisp_xrpc_events WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3");
        command.Parameters.AddWithValue(stream);
        command.Parameters.AddWithValue(after);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var page = new List<XrpcStoredEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new XrpcStoredEvent(reader.GetInt64(0), (byte[])reader.GetValue(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
        }

        return page;
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initialization.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            // Two instances starting at once: the advisory lock makes CREATE IF NOT EXISTS race-free.
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("""
                SELECT pg_advisory_xact_lock(7477001);
                CREATE TABLE IF NOT EXISTS wisp_xrpc_events (
                    stream text NOT NULL,
                    seq bigint NOT NULL,
                    time bigint NOT NULL,
                    frame bytea NOT NULL,
                    PRIMARY KEY (stream, seq)
                );
                CREATE INDEX IF NOT EXISTS wisp_xrpc_events_time ON wisp_xrpc_events (stream, time);
                """, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _initialized = true;
        }
        finally
        {
            _initialization.Release();
        }
    }
}
