namespace Wisp.Xrpc;

/// <summary>The kind of an XRPC method, from its lexicon.</summary>
public enum XrpcMethodKind
{
    /// <summary>A <c>query</c>: HTTP GET, no input body.</summary>
    Query,

    /// <summary>A <c>procedure</c>: HTTP POST.</summary>
    Procedure,
}

/// <summary>
/// What the runtime knows of one XRPC method: generated from its lexicon, and attached to its endpoint as
/// metadata (so middleware and authentication handlers can see which method is being called).
/// </summary>
/// <param name="Nsid">The method's NSID, e.g. <c>place.wisp.v2.secret.create</c>.</param>
/// <param name="Kind">Query or procedure.</param>
/// <param name="InputEncoding">The input encoding the lexicon declares, or null when the method takes no input.</param>
/// <param name="OutputEncoding">The output encoding the lexicon declares, or null when the method returns no body.</param>
/// <param name="RequiresAuthentication">
/// True when the lexicon declares the <c>AuthenticationRequired</c> error: the caller's identity is then checked
/// before the request body is read, and a request without one is answered 401.
/// </param>
public sealed record XrpcMethod(
    string Nsid,
    XrpcMethodKind Kind,
    string? InputEncoding,
    string? OutputEncoding,
    bool RequiresAuthentication)
{
    /// <summary>The HTTP method the XRPC spec assigns to this kind: GET for queries, POST for procedures.</summary>
    public string HttpMethod => Kind == XrpcMethodKind.Query ? "GET" : "POST";

    /// <summary>The route of the method: <c>/xrpc/{nsid}</c>.</summary>
    public string Path => "/xrpc/" + Nsid;
}
