namespace Wisp.Xrpc;

/// <summary>
/// An XRPC error response: an HTTP status and the body <c>{"error": "...", "message": "..."}</c>
/// (atproto.com/specs/xrpc). Throw it from a handler to answer with that error; an <see cref="Client.XrpcClient"/>
/// throws it when a service answers with one.
/// </summary>
/// <remarks>The message is sent to the client as is: never put secrets or internal details in it.</remarks>
public class XrpcException : Exception
{
    /// <summary>Creates an XRPC error.</summary>
    /// <param name="statusCode">The HTTP status code (400 for errors a lexicon declares, unless it says otherwise).</param>
    /// <param name="error">The error name, e.g. <c>InvalidRequest</c> or an error the lexicon declares.</param>
    /// <param name="message">A human-readable message for the client, or null.</param>
    public XrpcException(int statusCode, string error, string? message = null)
        : this(statusCode, error, message, null)
    {
    }

    /// <summary>Creates an XRPC error with its cause, and (for an error a client received) the response's headers.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="error">The error name.</param>
    /// <param name="message">A human-readable message, or null.</param>
    /// <param name="innerException">What caused it, or null.</param>
    /// <param name="headers">The headers of the error response a client received (<c>Retry-After</c>, <c>ratelimit-*</c>), or null.</param>
    public XrpcException(int statusCode, string error, string? message, Exception? innerException, System.Net.Http.Headers.HttpResponseHeaders? headers = null)
        : base(message ?? error, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        StatusCode = statusCode;
        Error = error;
        ErrorMessage = message;
        ResponseHeaders = headers;
    }

    /// <summary>The HTTP status code of the response.</summary>
    public int StatusCode { get; }

    /// <summary>The XRPC error name written as <c>error</c>.</summary>
    public string Error { get; }

    /// <summary>The message written as <c>message</c>, or null to leave it out.</summary>
    public string? ErrorMessage { get; }

    /// <summary>For an error an <see cref="Client.XrpcClient"/> received: the response's headers; null otherwise.</summary>
    public System.Net.Http.Headers.HttpResponseHeaders? ResponseHeaders { get; }

    /// <summary>Whether this is the error named <paramref name="error"/> (the lexicon's <c>Errors.Is…</c> helpers call this).</summary>
    public bool Is(string error) => string.Equals(Error, error, StringComparison.Ordinal);

    /// <summary>The error <paramref name="error"/> with the status <see cref="XrpcErrorNames.StatusOf"/> gives it (what generated <c>Errors</c> factories throw).</summary>
    public static XrpcException Declared(string error, string? message = null) => new(XrpcErrorNames.StatusOf(error), error, message);

    /// <summary>400 <c>InvalidRequest</c>.</summary>
    public static XrpcException InvalidRequest(string message) => new(400, XrpcErrorNames.InvalidRequest, message);

    /// <summary>401 <c>AuthenticationRequired</c>.</summary>
    public static XrpcException AuthenticationRequired(string message = "Authentication Required") =>
        new(401, XrpcErrorNames.AuthenticationRequired, message);
}
