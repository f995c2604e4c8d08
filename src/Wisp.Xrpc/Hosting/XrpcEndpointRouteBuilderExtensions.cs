using Wisp.Xrpc.Hosting;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps XRPC methods of referenced lexicon libraries (such as <c>Wisp.Xrpc.Lexicons.Atproto</c>).</summary>
public static class XrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the given methods of a referenced lexicon library at <c>/xrpc/{nsid}</c>, each served by its registered
    /// <c>IHandler</c> (501 MethodNotImplemented without one), and answers every other <c>/xrpc/</c> path with 501
    /// when <c>MapWispXrpc()</c> has not already. Nothing of a referenced library is served unless it is named here:
    /// <code>app.MapXrpcMethods(GetFeedSkeleton.Endpoint, DescribeFeedGenerator.Endpoint);</code>
    /// Conventions added to the result (<c>RequireAuthorization()</c>, <c>RequireRateLimiting()</c>…) apply to these methods.
    /// </summary>
    /// <param name="endpoints">The application's route builder.</param>
    /// <param name="methods">The generated <c>Endpoint</c> of each method to serve.</param>
    public static XrpcEndpointConventionBuilder MapXrpcMethods(this IEndpointRouteBuilder endpoints, params XrpcEndpoint[] methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var mapper = XrpcEndpointMapper.Begin(endpoints);
        foreach (var method in methods)
        {
            mapper.Map(method);
        }

        return mapper.Complete();
    }
}
