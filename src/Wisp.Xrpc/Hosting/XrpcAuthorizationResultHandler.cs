using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Wisp.Xrpc.Hosting;

/// <summary>
/// Makes <c>RequireAuthorization()</c> on XRPC methods answer like XRPC: a challenge becomes 401
/// <c>AuthenticationRequired</c> and a forbid 403 <c>Forbidden</c>, each with the JSON error body, where the
/// framework alone would send an empty body. The scheme's challenge still runs first, so its
/// <c>WWW-Authenticate</c> header (or its own XRPC body, as the service-auth scheme writes) is kept.
/// Endpoints that are not XRPC methods keep the behaviour of the handler it wraps: the one registered before
/// <c>AddWispXrpc()</c> (the application's own, or the framework's from <c>AddAuthorization()</c>), else the framework's.
/// </summary>
internal sealed class XrpcAuthorizationResultHandler(IAuthorizationMiddlewareResultHandler inner) : IAuthorizationMiddlewareResultHandler
{
    private readonly IAuthorizationMiddlewareResultHandler _default = inner;

    /// <summary>
    /// Registers this handler around whatever handler is registered now; one registered later with TryAdd (as
    /// <c>AddAuthorization()</c> does) leaves it in place. Registering twice wraps once.
    /// </summary>
    public static void Register(IServiceCollection services)
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler));
        if (existing?.ImplementationFactory?.Target is Wrapper)
        {
            return;
        }

        services.RemoveAll<IAuthorizationMiddlewareResultHandler>();
        var wrapper = new Wrapper(existing);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(wrapper.Create);
    }

    /// <summary>Builds the inner handler from its registration, then this one around it.</summary>
    private sealed class Wrapper(ServiceDescriptor? inner)
    {
        public IAuthorizationMiddlewareResultHandler Create(IServiceProvider services) => new XrpcAuthorizationResultHandler(inner switch
        {
            null => new AuthorizationMiddlewareResultHandler(),
            { ImplementationInstance: IAuthorizationMiddlewareResultHandler instance } => instance,
            { ImplementationFactory: { } factory } => (IAuthorizationMiddlewareResultHandler)factory(services),
            { ImplementationType: { } type } => (IAuthorizationMiddlewareResultHandler)ActivatorUtilities.CreateInstance(services, type),
            _ => new AuthorizationMiddlewareResultHandler(),
        });
    }

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
