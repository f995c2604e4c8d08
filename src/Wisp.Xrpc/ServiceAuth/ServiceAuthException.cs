namespace Wisp.Xrpc.ServiceAuth;

/// <summary>
/// A service token was refused. <see cref="Error"/> is the reference server's error name (<c>BadJwt</c>,
/// <c>JwtExpired</c>, <c>BadJwtAudience</c>, <c>BadJwtLexiconMethod</c>, <c>BadJwtSignature</c>); the message is
/// safe to send to the client (it never holds key material or internal detail).
/// </summary>
public sealed class ServiceAuthException(string error, string message) : Exception(message)
{
    /// <summary>The XRPC error name sent with the 401.</summary>
    public string Error { get; } = error;

    internal const string BadJwt = "BadJwt";
    internal const string JwtExpired = "JwtExpired";
    internal const string BadJwtAudience = "BadJwtAudience";
    internal const string BadJwtLexiconMethod = "BadJwtLexiconMethod";
    internal const string BadJwtSignature = "BadJwtSignature";
}
