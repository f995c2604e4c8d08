using Wisp.Xrpc.DataModel;
using Wisp.Xrpc.Repository;
using Wisp.Xrpc.Serialization;
using Wisp.Xrpc.ServiceAuth;

namespace Wisp.Xrpc.Lexicons.Com.Atproto.Sync;

/// <summary>The firehose's <c>#commit</c> read end to end (Sync 1.1).</summary>
public static partial class SubscribeRepos
{
    /// <summary>A <c>#commit</c> event: its <c>blocks</c> are a CAR of the commit and the records it writes.</summary>
    public sealed partial class Commit
    {
        /// <summary>
        /// Reads <see cref="Blocks"/>: every block checked against its CID, the CAR's root the event's <c>commit</c>,
        /// the signed commit decoded and matched with the event (<c>repo</c>, <c>rev</c>), and each create or update's
        /// record found by its CID. With <paramref name="verifyWith"/> (the account's current <c>#atproto</c> key) the
        /// commit's signature is verified too. A mismatch is a <see cref="RepositoryFormatException"/>. An event marked
        /// <c>tooBig</c> carries no records: its operations have none.
        /// </summary>
        public FirehoseCommit ReadBlocks(AtprotoPublicKey? verifyWith = null, CarReaderOptions? options = null)
        {
            var car = CarReader.Parse(Blocks, options);
            if (car.Roots.Count != 1 || car.Roots[0].ToString() != CommitValue.Cid)
            {
                throw new RepositoryFormatException($"The blocks of commit {CommitValue.Cid} have another root");
            }

            var blocks = new Dictionary<Cid, ReadOnlyMemory<byte>>(car.Blocks.Count);
            foreach (var block in car.Blocks)
            {
                blocks[block.Cid] = block.Data;
            }

            if (!blocks.TryGetValue(car.Roots[0], out var commitBlock))
            {
                throw new RepositoryFormatException($"The blocks do not hold commit {CommitValue.Cid}");
            }

            var signed = RepoCommit.Decode(commitBlock);
            if (signed.Did != Repo || signed.Rev != Rev)
            {
                throw new RepositoryFormatException($"Commit {CommitValue.Cid} is of {signed.Did} at {signed.Rev}, the event says {Repo} at {Rev}");
            }

            if (verifyWith is not null && !signed.VerifySignature(verifyWith))
            {
                throw new RepositoryFormatException($"The signature of commit {CommitValue.Cid} is not {Repo}'s");
            }

            var operations = new List<FirehoseOperation>(Ops.Count);
            foreach (var op in Ops)
            {
                var slash = op.Path.IndexOf('/');
                if (slash <= 0 || slash == op.Path.Length - 1 || op.Path.IndexOf('/', slash + 1) >= 0)
                {
                    throw new RepositoryFormatException($"The operation path {op.Path} is not collection/rkey");
                }

                Cid? cid = op.Cid is { Cid: { } text } ? Cid.Parse(text) : null;
                ReadOnlyMemory<byte>? record = null;
                if (cid is { } recordCid && op.Action is "create" or "update" && TooBig != true)
                {
                    record = blocks.TryGetValue(recordCid, out var data)
                        ? data
                        : throw new RepositoryFormatException($"The blocks do not hold {op.Path}'s record {recordCid}");
                }

                operations.Add(new FirehoseOperation(op.Action, op.Path[..slash], op.Path[(slash + 1)..], cid, record));
            }

            return new FirehoseCommit(signed, operations);
        }
    }
}

/// <summary>A <c>#commit</c> event read: the signed commit and its operations.</summary>
/// <param name="Commit">The commit, as the account signed it.</param>
/// <param name="Operations">Its writes, in the event's order.</param>
public sealed record FirehoseCommit(RepoCommit Commit, IReadOnlyList<FirehoseOperation> Operations);

/// <summary>One write of a commit.</summary>
/// <param name="Action"><c>create</c>, <c>update</c> or <c>delete</c>.</param>
/// <param name="Collection">The record's collection (an NSID).</param>
/// <param name="RecordKey">The record's key.</param>
/// <param name="Cid">The new record's CID (none for a delete).</param>
/// <param name="RecordBlock">
/// The new record's DAG-CBOR, checked against <paramref name="Cid"/> (none for a delete, or a <c>tooBig</c> event). It
/// is decoded only when asked for: <see cref="ReadRecord{T}"/> reads it straight into its type.
/// </param>
public sealed record FirehoseOperation(string Action, string Collection, string RecordKey, Cid? Cid, ReadOnlyMemory<byte>? RecordBlock)
{
    /// <summary>The new record as a data-model value (decoded on each call), or null when there is none.</summary>
    public DataModelValue? Record => RecordBlock is { } block ? DagCbor.Decode(block) : null;

    /// <summary>
    /// The record as its lexicon's type, read from its block and validated (<c>op.ReadRecord&lt;Post.Main&gt;()</c> where
    /// <see cref="Collection"/> is <c>app.bsky.feed.post</c>); throws <see cref="Validation.LexiconValidationException"/>
    /// when it breaks the lexicon, <see cref="DagCborException"/> when it is not DAG-CBOR,
    /// <see cref="InvalidOperationException"/> when there is no record.
    /// </summary>
    public T ReadRecord<T>()
        where T : ILexiconObject<T> =>
        LexiconCbor.ReadDagCbor<T>(RecordBlock ?? throw new InvalidOperationException($"The {Action} of {Collection}/{RecordKey} carries no record"), Collection + "/" + RecordKey);
}
