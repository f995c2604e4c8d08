namespace Wisp.Xrpc.Client;

/// <summary>What one call adds to, or changes in, the client's options.</summary>
public sealed class XrpcCallOptions
{
    /// <summary>The <c>atproto-proxy</c> header for this call (replaces the client's).</summary>
    public string? AtprotoProxy { get; init; }

    /// <summary>The <c>atproto-accept-labelers</c> for this call (replaces the client's when not null).</summary>
    public IReadOnlyList<XrpcLabeler>? AcceptLabelers { get; init; }

    /// <summary>The service-auth audience for this call (replaces <see cref="XrpcServiceAuthOptions.Audience"/>).</summary>
    public string? ServiceAuthAudience { get; init; }

    /// <summary>An <c>Authorization</c> value for this call (<c>Bearer …</c>, e.g. a session's access token); no service token is minted then.</summary>
    public string? Authorization { get; init; }

    /// <summary>How strictly this call's response is checked (replaces the client's when set).</summary>
    public XrpcValidation? Validation { get; init; }

    /// <summary>Other request headers for this call.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
