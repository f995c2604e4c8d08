namespace Wisp.Xrpc;

/// <summary>
/// A <c>blob</c>: a reference to binary data stored beside a record, written in JSON as
/// <c>{"$type": "blob", "ref": {"$link": "bafk…"}, "mimeType": "image/png", "size": 1234}</c>.
/// </summary>
/// <remarks>
/// The legacy form <c>{"cid": "…", "mimeType": "…"}</c> found in old records is read, with <see cref="Size"/> -1
/// as @atproto/lexicon's <c>BlobRef</c> does; it is written in the current form, never the legacy one.
/// </remarks>
/// <param name="Ref">The CID of the blob's bytes.</param>
/// <param name="MimeType">The blob's MIME type.</param>
/// <param name="Size">The blob's length in bytes; -1 when read from the legacy form, which has none.</param>
public sealed record BlobRef(CidLink Ref, string MimeType, long Size)
{
    /// <summary>True when the blob was read from the legacy <c>{"cid","mimeType"}</c> form.</summary>
    public bool IsLegacy => Size < 0;
}
