using Wisp.Xrpc.DataModel;
using Wisp.Xrpc.ServiceAuth;

namespace Wisp.Xrpc.Repository;

/// <summary>A record of a repository: where it is (<c>collection/rkey</c>), its CID, its value and its block.</summary>
/// <param name="Collection">The collection (an NSID).</param>
/// <param name="RecordKey">The record key.</param>
/// <param name="Cid">The record's CID, which its block was checked against.</param>
/// <param name="Value">The record as a data-model value.</param>
/// <param name="Block">The record's DAG-CBOR.</param>
public sealed record RepositoryRecord(string Collection, string RecordKey, Cid Cid, DataModelValue Value, ReadOnlyMemory<byte> Block)
{
    /// <summary>
    /// The record as its lexicon's type, read from its block and validated (<c>record.Read&lt;Post.Main&gt;()</c>);
    /// throws <see cref="Validation.LexiconValidationException"/> when it breaks the lexicon.
    /// </summary>
    public T Read<T>()
        where T : Serialization.ILexiconObject<T> => LexiconCbor.ReadDagCbor<T>(Block, Collection + "/" + RecordKey);
}

/// <summary>
/// A repository export (<c>com.atproto.sync.getRepo</c>: a CAR whose root is the commit), read into memory: the
/// commit, and every record through the MST. Each block was checked against its CID while reading.
/// </summary>
public sealed class RepositoryExport
{
    private readonly Dictionary<Cid, ReadOnlyMemory<byte>> _blocks;

    private RepositoryExport(Cid commitCid, RepoCommit commit, Dictionary<Cid, ReadOnlyMemory<byte>> blocks)
    {
        CommitCid = commitCid;
        Commit = commit;
        _blocks = blocks;
    }

    /// <summary>The root: the commit's CID.</summary>
    public Cid CommitCid { get; }

    /// <summary>The commit.</summary>
    public RepoCommit Commit { get; }

    /// <summary>Reads a CAR export.</summary>
    public static async Task<RepositoryExport> ReadAsync(Stream car, CarReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        var reader = await CarReader.OpenAsync(car, options, cancellationToken);
        var blocks = await Repositories.ReadBlocksAsync(reader, cancellationToken);
        var root = Repositories.SingleRoot(reader);
        return new RepositoryExport(root, RepoCommit.Decode(Repositories.Block(blocks, root, "commit")), blocks);
    }

    /// <summary>Every record, in key order (collection, then record key), or those of one collection.</summary>
    public IEnumerable<RepositoryRecord> ListRecords(string? collection = null)
    {
        foreach (var (key, cid) in MerkleSearchTree.Walk(Commit.Data, Lookup))
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                throw new RepositoryFormatException($"The MST key '{key}' is not collection/rkey");
            }

            var keyCollection = key[..slash];
            if (collection is null || keyCollection == collection)
            {
                yield return Repositories.Record(keyCollection, key[(slash + 1)..], cid, Repositories.Block(_blocks, cid, "record"));
            }
        }
    }

    /// <summary>One record, or null when the repository has none at that path.</summary>
    public RepositoryRecord? GetRecord(string collection, string recordKey) =>
        MerkleSearchTree.Find(Commit.Data, collection + "/" + recordKey, Lookup) is { } cid
            ? Repositories.Record(collection, recordKey, cid, Repositories.Block(_blocks, cid, "record"))
            : null;

    private ReadOnlyMemory<byte>? Lookup(Cid cid) => _blocks.TryGetValue(cid, out var block) ? block : null;
}

/// <summary>
/// Checks a record proof (<c>com.atproto.sync.getRecord</c>: a CAR with the signed commit, the MST nodes on the
/// record's path, and the record): the commit is the account's and signed by its key, and the path in the MST leads
/// to the record (or proves there is none).
/// </summary>
public static class RecordProof
{
    /// <summary>The proven record, or null when the proof shows the path is empty; throws when it proves nothing.</summary>
    public static async Task<RepositoryRecord?> VerifyAsync(Stream car, string did, AtprotoPublicKey signingKey, string collection, string recordKey, CancellationToken cancellationToken = default)
    {
        var reader = await CarReader.OpenAsync(car, cancellationToken: cancellationToken);
        var blocks = await Repositories.ReadBlocksAsync(reader, cancellationToken);
        var commit = RepoCommit.Decode(Repositories.Block(blocks, Repositories.SingleRoot(reader), "commit"));
        if (commit.Did != did)
        {
            throw new RepositoryFormatException($"The commit is {commit.Did}'s, not {did}'s");
        }

        if (!commit.VerifySignature(signingKey))
        {
            throw new RepositoryFormatException("The commit's signature is not the account's");
        }

        var cid = MerkleSearchTree.Find(commit.Data, collection + "/" + recordKey, c => blocks.TryGetValue(c, out var b) ? b : null);
        return cid is { } found
            ? Repositories.Record(collection, recordKey, found, Repositories.Block(blocks, found, "record"))
            : null;
    }
}

internal static class Repositories
{
    public static async Task<Dictionary<Cid, ReadOnlyMemory<byte>>> ReadBlocksAsync(CarReader reader, CancellationToken cancellationToken)
    {
        var blocks = new Dictionary<Cid, ReadOnlyMemory<byte>>();
        await foreach (var block in reader.ReadBlocksAsync(cancellationToken))
        {
            blocks[block.Cid] = block.Data;
        }

        return blocks;
    }

    public static Cid SingleRoot(CarReader reader) =>
        reader.Roots.Count == 1 ? reader.Roots[0] : throw new RepositoryFormatException($"A repository CAR has one root, the commit; this one has {reader.Roots.Count}");

    public static ReadOnlyMemory<byte> Block(Dictionary<Cid, ReadOnlyMemory<byte>> blocks, Cid cid, string what) =>
        blocks.TryGetValue(cid, out var block) ? block : throw new RepositoryFormatException($"The {what} {cid} is not in the CAR file");

    public static RepositoryRecord Record(string collection, string recordKey, Cid cid, ReadOnlyMemory<byte> block) =>
        new(collection, recordKey, cid, DecodeBlock(block, "record"), block);

    public static DataModelValue DecodeBlock(ReadOnlyMemory<byte> block, string what)
    {
        try
        {
            return DagCbor.Decode(block);
        }
        catch (DagCborException e)
        {
            throw new RepositoryFormatException($"The {what} is not valid DAG-CBOR: {e.Message}", e);
        }
    }
}
