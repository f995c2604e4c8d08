using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wisp.Xrpc.Hosting;

namespace Wisp.Xrpc.ServiceAuth;

/// <summary>
/// The atproto service-auth scheme: <c>Authorization: Bearer &lt;service JWT&gt;</c>, verified by
/// <see cref="ServiceJwtVerifier"/>; the issuer's DID becomes the caller DID claim the XRPC handlers use.
/// A refused token is answered 401 with the reference's error name in an XRPC body and <c>WWW-Authenticate</c>.
/// </summary>
public sealed class AtprotoServiceAuthHandler(
    IOptionsMonitor<AtprotoServiceAuthOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDidResolver resolver,
    ServiceAuthReplayCache replayCache,
    IOptions<WispXrpcOptions> xrpcOptions)
    : AuthenticationHandler<AtprotoServiceAuthOptions>(options, logger, encoder)
{
    /// <summary>The default scheme name (<see cref="AtprotoServiceAuthDefaults.AuthenticationScheme"/>).</summary>
    public const string SchemeName = AtprotoServiceAuthDefaults.AuthenticationScheme;

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }


        var lexiconMethod = Context.GetEndpoint()?.Metadata.GetMetadata<XrpcMethod>()?.Nsid;
        var verifier = new ServiceJwtVerifier(resolver, Options, TimeProvider, replayCache.Cache);
        try
        {
            var jwt = await verifier.VerifyAsync(header[7..].Trim(), lexiconMethod, Context.RequestAborted);
            var claims = new List<Claim> { new(xrpcOptions.Value.CallerDidClaimType, jwt.IssuerDid), new("aud", jwt.Audience) };
            if (jwt.LexiconMethod is not null)
            {
                claims.Add(new Claim("lxm", jwt.LexiconMethod));
            }

            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
            return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
        }
        catch (ServiceAuthException e)
        {
            return AuthenticateResult.Fail(e);
        }
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var (error, message) = result.Failure is ServiceAuthException refused
            ? (refused.Error, refused.Message)
            : (XrpcErrorNames.AuthenticationRequired, "Authentication Required");
        Response.Headers.WWWAuthenticate = $"Bearer error=\"{(error == XrpcErrorNames.AuthenticationRequired ? "invalid_request" : "invalid_token")}\"";
        await XrpcResponses.WriteErrorAsync(Context, StatusCodes.Status401Unauthorized, error, message);
    }
}

/// <summary>The bounded cache of seen <c>jti</c> values, shared by every request.</summary>
public sealed class ServiceAuthReplayCache(IOptionsMonitor<AtprotoServiceAuthOptions> options) : IDisposable
{
    /// <summary>The cache (null when replay protection is off).</summary>
    public MemoryCache? Cache { get; } = options.Get(AtprotoServiceAuthHandler.SchemeName).RejectReplayedJti
        ? new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Get(AtprotoServiceAuthHandler.SchemeName).ReplayCacheSize })
        : null;

    /// <inheritdoc />
    public void Dispose() => Cache?.Dispose();
}
