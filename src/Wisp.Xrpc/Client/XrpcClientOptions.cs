namespace Wisp.Xrpc.Client;

/// <summary>How an <see cref="XrpcClient"/> calls a service.</summary>
public sealed class XrpcClientOptions
{
    /// <summary>
    /// The service's origin (<c>https://api.bsky.app</c>); methods are called at <c>/xrpc/{nsid}</c> under it. When
    /// null, the <see cref="HttpClient.BaseAddress"/> of the client's <see cref="HttpClient"/> is used.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>How strictly responses are checked: <see cref="XrpcValidation.Strict"/> unless set.</summary>
    public XrpcValidation Validation { get; set; } = XrpcValidation.Strict;

    /// <summary>The largest JSON response read, in bytes (32 MiB unless set); a larger one is an <c>InvalidResponse</c> error. Raw bodies are streamed and not limited.</summary>
    public long MaxJsonResponseSize { get; set; } = 32 * 1024 * 1024;

    /// <summary>Service auth for every call (a call may name another audience); none unless set.</summary>
    public XrpcServiceAuthOptions? ServiceAuth { get; set; }

    /// <summary>
    /// The <c>atproto-proxy</c> header of every call: a service DID and fragment (<c>did:web:api.bsky.app#bsky_appview</c>)
    /// a PDS forwards the call to. A call may set its own.
    /// </summary>
    public string? AtprotoProxy { get; set; }

    /// <summary>The <c>atproto-accept-labelers</c> of every call; a call may set its own.</summary>
    public IList<XrpcLabeler> AcceptLabelers { get; } = new List<XrpcLabeler>();
}

/// <summary>A labeler named in <c>atproto-accept-labelers</c>: its DID, and whether its <c>!takedown</c>-style labels redact content.</summary>
/// <param name="Did">The labeler's DID.</param>
/// <param name="Redact">Sent as <c>;redact</c>.</param>
public sealed record XrpcLabeler(string Did, bool Redact = false);
