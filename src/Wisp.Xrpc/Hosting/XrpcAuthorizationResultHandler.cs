using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Wisp.Xrpc.Hosting;

/// <summary>
/// Makes <c>RequireAuthorization()</c> on XRPC methods answer like XRPC: a challenge becomes 401
/// <c>AuthenticationRequired</c> and a forbid 403 <c>Forbidden</c>, each with the JSON error body, where the
/// framework alone would send an empty body. The scheme's challenge still runs first, so its
/// <c>WWW-Authenticate</c> header (or its own XRPC body, as the service-auth scheme writes) is kept.
/// Endpoints that are not XRPC methods keep the default behaviour.
/// </summary>
internal sealed class XrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<XrpcMethod>() is null || authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        // Let the schemes set their headers (WWW-Authenticate) or write their own XRPC body.
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if (context.Response.HasStarted)
        {
            return;
        }

        var (status, error, message) = authorizeResult.Challenged
            ? (StatusCodes.Status401Unauthorized, XrpcErrorNames.AuthenticationRequired, "Authentication Required")
            : (StatusCodes.Status403Forbidden, XrpcErrorNames.Forbidden, "Forbidden");
        if (status == StatusCodes.Status401Unauthorized && context.Response.Headers.WWWAuthenticate.Count == 0)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        context.Response.Headers.Location = default;
        await XrpcResponses.WriteErrorAsync(context, status, error, message);
    }
}
