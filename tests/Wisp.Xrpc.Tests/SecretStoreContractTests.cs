using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Wisp.Xrpc.Hosting;
using Wisp.Xrpc.Secrets;
using Wisp.Xrpc.Secrets.Storage;

namespace Wisp.Xrpc.Tests;

/// <summary>One contract, run against every store: in memory, SQLite and PostgreSQL.</summary>
public abstract class SecretStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123);

    protected ISecretStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<ISecretStore> CreateStoreAsync();

    [Fact]
    public async Task A_created_secret_is_found_with_its_token_and_time()
    {
        Assert.True(await Store.TryCreateAsync(Secret("did:plc:a", "hook", "wsk_token_one")));

        var found = await Store.FindAsync("did:plc:a", "hook");
        Assert.NotNull(found);
        Assert.Equal("wsk_token_one", found.Token);
        Assert.Equal(Created, found.CreatedAt);
        Assert.Null(found.LastRotatedAt);
    }

    [Fact]
    public async Task A_duplicate_is_refused_and_the_original_is_kept()
    {
        Assert.True(await Store.TryCreateAsync(Secret("did:plc:a", "hook", "wsk_first")));
        Assert.False(await Store.TryCreateAsync(Secret("did:plc:a", "hook", "wsk_second")));

        Assert.Equal("wsk_first", (await Store.FindAsync("did:plc:a", "hook"))!.Token);
    }

    [Fact]
    public async Task Names_are_scoped_by_owner_and_case_sensitive()
    {
        Assert.True(await Store.TryCreateAsync(Secret("did:plc:a", "hook", "wsk_a")));
        Assert.True(await Store.TryCreateAsync(Secret("did:plc:b", "hook", "wsk_b")));
        Assert.True(await Store.TryCreateAsync(Secret("did:plc:a", "Hook", "wsk_A")));

        Assert.Equal("wsk_b", (await Store.FindAsync("did:plc:b", "hook"))!.Token);
        Assert.Equal("wsk_A", (await Store.FindAsync("did:plc:a", "Hook"))!.Token);
    }

    [Fact]
    public async Task Of_1000_concurrent_creates_of_one_name_exactly_one_wins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            Task.Run(async () => (Token: $"wsk_race_{i}", Won: await Store.TryCreateAsync(Secret("did:plc:race", "race", $"wsk_race_{i}"))))));

        var winner = Assert.Single(results, r => r.Won);
        Assert.Equal(winner.Token, (await Store.FindAsync("did:plc:race", "race"))!.Token);
        Assert.Single(await Store.ListAsync("did:plc:race"));
    }

    [Fact]
    public async Task A_list_is_the_owners_secrets_by_name_without_tokens()
    {
        foreach (var name in new[] { "b", "a", "C", "c" })
        {
            await Store.TryCreateAsync(Secret("did:plc:list", name, "wsk_" + name));
        }

        await Store.TryCreateAsync(Secret("did:plc:other", "z", "wsk_z"));

        var listed = await Store.ListAsync("did:plc:list");
        Assert.Equal(["C", "a", "b", "c"], listed.Select(s => s.Name));
        Assert.All(listed, s => Assert.Equal("did:plc:list", s.OwnerDid));
        Assert.Empty(await Store.ListAsync("did:plc:nobody"));
    }

    [Fact]
    public async Task Rotation_replaces_the_token_at_once()
    {
        await Store.TryCreateAsync(Secret("did:plc:a", "hook", "wsk_old"));
        var rotatedAt = Created.AddMinutes(5);

        var rotated = await Store.TryRotateAsync("did:plc:a", "hook", "wsk_new", rotatedAt);

        Assert.NotNull(rotated);
        Assert.Equal(("wsk_new", Created, (DateTimeOffset?)rotatedAt), (rotated.Token, rotated.CreatedAt, rotated.LastRotatedAt));
        var found = await Store.FindAsync("did:plc:a", "hook");
        Assert.Equal("wsk_new", found!.Token);
        Assert.Equal(rotatedAt, found.LastRotatedAt);
        Assert.Null(await Store.TryRotateAsync("did:plc:a", "missing", "wsk_x", rotatedAt));
    }

    [Fact]
    public async Task Deletion_removes_the_secret_once()
    {
        await Store.TryCreateAsync(Secret("did:plc:a", "hook", "wsk_x"));

        Assert.True(await Store.TryDeleteAsync("did:plc:a", "hook"));
        Assert.False(await Store.TryDeleteAsync("did:plc:a", "hook"));
        Assert.Null(await Store.FindAsync("did:plc:a", "hook"));
        Assert.True(await Store.TryCreateAsync(Secret("did:plc:a", "hook", "wsk_again")));
    }

    [Fact]
    public async Task One_owner_cannot_touch_anothers_secret()
    {
        await Store.TryCreateAsync(Secret("did:plc:a", "hook", "wsk_a"));

        Assert.Null(await Store.FindAsync("did:plc:b", "hook"));
        Assert.Null(await Store.TryRotateAsync("did:plc:b", "hook", "wsk_b", Created));
        Assert.False(await Store.TryDeleteAsync("did:plc:b", "hook"));
        Assert.Equal("wsk_a", (await Store.FindAsync("did:plc:a", "hook"))!.Token);
    }

    protected static WebhookSecret Secret(string owner, string name, string token) => new(owner, name, token, Created);
}

public sealed class InMemorySecretStoreContractTests : SecretStoreContractTests
{
    protected override Task<ISecretStore> CreateStoreAsync() => Task.FromResult<ISecretStore>(new InMemorySecretStore());
}

public sealed class SqliteSecretStoreContractTests : SecretStoreContractTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wisp-sqlite-").FullName;
    private SqliteSecretStorage? _storage;

    public override Task DisposeAsync()
    {
        _storage?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    protected override Task<ISecretStore> CreateStoreAsync()
    {
        _storage = new SqliteSecretStorage(_directory, NullLoggerFactory.Instance, new WispSecretStoreOptions());
        return Task.FromResult<ISecretStore>(_storage.Store);
    }
}

public sealed class PostgresSecretStoreContractTests : SecretStoreContractTests
{
    private PostgresDatabase? _database;
    private PostgresSecretStorage? _storage;

    public override async Task DisposeAsync()
    {
        _storage?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task<ISecretStore> CreateStoreAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _storage = new PostgresSecretStorage(_database.ConnectionString, NullLoggerFactory.Instance, new WispSecretStoreOptions());
        return _storage.Store;
    }
}
