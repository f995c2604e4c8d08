using Wisp.Xrpc.DataModel;
using Wisp.Xrpc.ServiceAuth;

namespace Wisp.Xrpc.Repository;

/// <summary>
/// A signed repository commit, version 3 (atproto.com/specs/repository#commit-objects): the account's DID, the root
/// of its MST (<see cref="Data"/>), a revision TID, the previous commit (usually null), and the signature over the
/// DAG-CBOR of the commit without <c>sig</c>.
/// </summary>
public sealed record RepoCommit(string Did, long Version, Cid Data, string Rev, Cid? Prev, ReadOnlyMemory<byte> Signature)
{
    /// <summary>Reads a commit block; throws <see cref="RepositoryFormatException"/> when it is not one.</summary>
    public static RepoCommit Decode(ReadOnlyMemory<byte> block)
    {
        var value = Repositories.DecodeBlock(block, "commit");
        if (value.Kind != DataModelKind.Map
            || value["did"] is not { Kind: DataModelKind.String } did
            || value["version"] is not { Kind: DataModelKind.Integer } version
            || value["data"] is not { Kind: DataModelKind.Link } data
            || value["rev"] is not { Kind: DataModelKind.String } rev
            || value["sig"] is not { Kind: DataModelKind.Bytes } sig
            || value["prev"] is not ({ Kind: DataModelKind.Null } or { Kind: DataModelKind.Link }))
        {
            throw new RepositoryFormatException("Not a commit: it needs did, version, data, rev, prev and sig");
        }

        if (version.IntegerValue != 3)
        {
            throw new RepositoryFormatException($"Commit version {version.IntegerValue}; this reader knows version 3");
        }

        var prev = value["prev"]!;
        return new RepoCommit(did.StringValue, version.IntegerValue, data.LinkValue, rev.StringValue, prev.Kind == DataModelKind.Link ? prev.LinkValue : null, sig.BytesValue);
    }

    /// <summary>The bytes the signature covers: the commit as DAG-CBOR, without <c>sig</c>.</summary>
    public byte[] UnsignedBytes() => DataModelValue.Map([
        new("did", DataModelValue.String(Did)),
        new("version", DataModelValue.Integer(Version)),
        new("data", DataModelValue.Link(Data)),
        new("rev", DataModelValue.String(Rev)),
        new("prev", Prev is { } prev ? DataModelValue.Link(prev) : DataModelValue.Null),
    ]).ToDagCbor();

    /// <summary>Whether the account's signing key signed this commit (ECDSA over SHA-256, low-S, as the reference signs).</summary>
    public bool VerifySignature(AtprotoPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Verify(UnsignedBytes(), Signature.Span);
    }
}
