namespace Wisp.Xrpc;

/// <summary>
/// A <c>cid-link</c>: a link to content by its CID, written in JSON as <c>{"$link": "bafy…"}</c>
/// (atproto.com/specs/data-model). The CID is kept as the string that was read.
/// </summary>
/// <param name="Cid">The CID, in its string form.</param>
public readonly record struct CidLink(string Cid)
{
    /// <inheritdoc />
    public override string ToString() => Cid;
}
