namespace Wisp.Xrpc;

/// <summary>The error names of the XRPC spec and of the reference server (@atproto/xrpc-server).</summary>
public static class XrpcErrorNames
{
    /// <summary>400: the request is malformed or fails lexicon validation.</summary>
    public const string InvalidRequest = "InvalidRequest";

    /// <summary>401: no (valid) caller identity.</summary>
    public const string AuthenticationRequired = "AuthenticationRequired";

    /// <summary>403: the caller may not do this.</summary>
    public const string Forbidden = "Forbidden";

    /// <summary>404: the XRPC path names no method (reserved by the spec).</summary>
    public const string NotFound = "NotFound";

    /// <summary>413: the request body is larger than the server accepts.</summary>
    public const string PayloadTooLarge = "PayloadTooLarge";

    /// <summary>429: too many requests.</summary>
    public const string RateLimitExceeded = "RateLimitExceeded";

    /// <summary>500: an unexpected failure; details are only in the server log.</summary>
    public const string InternalServerError = "InternalServerError";

    /// <summary>501: the server does not implement this method.</summary>
    public const string MethodNotImplemented = "MethodNotImplemented";

    /// <summary>503: a dependency the method needs is unavailable.</summary>
    public const string ServiceUnavailable = "ServiceUnavailable";
}
