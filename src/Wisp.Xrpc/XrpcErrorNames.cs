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

    /// <summary>404: what the request names does not exist (and the XRPC path naming no method, in the spec).</summary>
    public const string NotFound = "NotFound";

    /// <summary>409: the thing to create exists already (wisp.place's secret family).</summary>
    public const string AlreadyExists = "AlreadyExists";

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

    /// <summary>A client's error: the service answered, but not as the method's lexicon says (given status 502).</summary>
    public const string InvalidResponse = "InvalidResponse";

    /// <summary>
    /// The error name a client gives an error answer whose body names none, by status, as @atproto/xrpc does
    /// (its <c>ResponseType</c> names).
    /// </summary>
    public static string OfStatus(int status) => status switch
    {
        400 => InvalidRequest,
        401 => AuthenticationRequired,
        403 => Forbidden,
        404 => "XRPCNotSupported",
        406 => "NotAcceptable",
        413 => PayloadTooLarge,
        415 => "UnsupportedMediaType",
        429 => RateLimitExceeded,
        500 => InternalServerError,
        501 => MethodNotImplemented,
        502 => "UpstreamFailure",
        503 => "NotEnoughResources",
        504 => "UpstreamTimeout",
        _ => "Unknown",
    };

    /// <summary>
    /// The HTTP status of an error, by name: the one table generated <c>Errors</c> factories and the built-in handlers
    /// share. The spec's and the reference server's names keep their status, <see cref="NotFound"/> and
    /// <see cref="AlreadyExists"/> are 404 and 409 as wisp.place answers them, and every other error a lexicon
    /// declares is 400, as @atproto/xrpc-server sends it.
    /// </summary>
    public static int StatusOf(string error) => error switch
    {
        AuthenticationRequired => 401,
        Forbidden => 403,
        NotFound => 404,
        AlreadyExists => 409,
        PayloadTooLarge => 413,
        RateLimitExceeded => 429,
        InternalServerError => 500,
        MethodNotImplemented => 501,
        ServiceUnavailable => 503,
        _ => 400,
    };
}
