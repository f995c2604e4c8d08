using Microsoft.Data.Sqlite;

namespace Wisp.Xrpc.Storage;

/// <summary>
/// One SQLite file as the embedded stores use it: pooled connections, each opened with <c>synchronous = FULL</c> (a
/// commit is on disk before the caller hears of it) and any pragmas of the store's own; the file's folder created and
/// the store's schema set up (WAL and tables) once, by the first connection. Both embedded stores (secrets, event
/// logs) open their files through it.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly Func<SqliteConnection, CancellationToken, Task> _initialize;
    private readonly SemaphoreSlim _initialization = new(1, 1);
    private readonly bool _createFolder;
    private volatile bool _initialized;

    /// <param name="path">The file.</param>
    /// <param name="pragmas">More per-connection pragmas (<c>PRAGMA foreign_keys = ON;</c>), or empty.</param>
    /// <param name="initialize">Sets up the schema, on the first connection only.</param>
    /// <param name="createFolder">Create the file's folder when it is missing (else the owner has).</param>
    public SqliteDatabase(string path, string pragmas, Func<SqliteConnection, CancellationToken, Task> initialize, bool createFolder)
    {
        _createFolder = createFolder;
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _pragmas = "PRAGMA synchronous = FULL; " + pragmas;
        _initialize = initialize;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The file, as a full path.</summary>
    public string Path { get; }

    /// <summary>An open connection; the caller disposes it.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_createFolder && !_initialized)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = _pragmas;
                await pragmas.ExecuteNonQueryAsync(cancellationToken);
            }

            if (!_initialized)
            {
                await InitializeAsync(connection, cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose() => _initialization.Dispose();

    private async Task InitializeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _initialization.WaitAsync(cancellationToken);
        try
        {
            if (!_initialized)
            {
                await _initialize(connection, cancellationToken);
                _initialized = true;
            }
        }
        finally
        {
            _initialization.Release();
        }
    }
}
