namespace Wisp.Xrpc;

/// <summary>The kind of an XRPC method, from its lexicon.</summary>
public enum XrpcMethodKind
{
    /// <summary>A <c>query</c>: HTTP GET, no input body.</summary>
    Query,

    /// <summary>A <c>procedure</c>: HTTP POST.</summary>
    Procedure,

    /// <summary>A <c>subscription</c>: an event stream, HTTP GET upgraded to a WebSocket.</summary>
    Subscription,
}

/// <summary>
/// What the runtime knows of one XRPC method: generated from its lexicon, and attached to its endpoint as
/// metadata (so middleware and authentication handlers can see which method is being called).
/// </summary>
/// <param name="Nsid">The method's NSID, e.g. <c>place.wisp.v2.secret.create</c>.</param>
/// <param name="Kind">Query, procedure or event stream.</param>
/// <param name="InputEncoding">The input encoding the lexicon declares, or null when the method takes no input.</param>
/// <param name="OutputEncoding">The output encoding the lexicon declares, or null when the method returns no body.</param>
/// <param name="RequiresAuthentication">
/// True when the lexicon declares the <c>AuthenticationRequired</c> error: the caller's identity is then checked
/// before the request body is read, and a request without one is answered 401.
/// </param>
/// <param name="Description">The lexicon's description of the method.</param>
/// <param name="InputType">The generated input type (<see cref="XrpcBlob"/> for a raw body), or null.</param>
/// <param name="OutputType">The generated output type (<see cref="XrpcBlob"/> for a raw body), or null.</param>
/// <param name="Parameters">The query-string parameters, for API descriptions (OpenAPI).</param>
/// <param name="Errors">The error names the lexicon declares.</param>
public sealed record XrpcMethod(
    string Nsid,
    XrpcMethodKind Kind,
    string? InputEncoding,
    string? OutputEncoding,
    bool RequiresAuthentication,
    string? Description = null,
    Type? InputType = null,
    Type? OutputType = null,
    IReadOnlyList<XrpcParameter>? Parameters = null,
    IReadOnlyList<string>? Errors = null)
{
    /// <summary>The HTTP method the XRPC spec assigns to this kind: GET for queries and event streams, POST for procedures.</summary>
    public string HttpMethod => Kind == XrpcMethodKind.Procedure ? "POST" : "GET";

    /// <summary>The route of the method: <c>/xrpc/{nsid}</c>.</summary>
    public string Path => "/xrpc/" + Nsid;
}

/// <summary>A query-string parameter of an XRPC method, as its lexicon declares it.</summary>
/// <param name="Name">The name in the query string.</param>
/// <param name="Type">Its CLR type (<c>string</c>, <c>long</c>, <c>bool</c>, or a list of those).</param>
/// <param name="IsRequired">The lexicon requires it.</param>
/// <param name="Description">The lexicon's description.</param>
public sealed record XrpcParameter(string Name, Type Type, bool IsRequired, string? Description = null);

/// <summary>The body of every XRPC error response, for API descriptions: <c>{"error": "...", "message": "..."}</c>.</summary>
/// <param name="Error">The error name.</param>
/// <param name="Message">A human-readable message.</param>
public sealed record XrpcErrorBody(string Error, string? Message);
