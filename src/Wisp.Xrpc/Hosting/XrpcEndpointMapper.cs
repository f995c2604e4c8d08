using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Wisp.Xrpc.Hosting;

/// <summary>
/// Maps generated XRPC methods. Used by the generated <c>MapWispXrpc()</c>; not meant to be called directly.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public sealed class XrpcEndpointMapper
{
    private readonly IEndpointRouteBuilder _endpoints;
    private readonly Dictionary<string, IEndpointConventionBuilder> _methods = new(StringComparer.Ordinal);

    private XrpcEndpointMapper(IEndpointRouteBuilder endpoints) => _endpoints = endpoints;

    /// <summary>Starts mapping; fails early when <c>AddWispXrpc()</c> was not called.</summary>
    public static XrpcEndpointMapper Begin(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<XrpcServicesMarker>() is null)
        {
            throw new InvalidOperationException(
                "Unable to find the required services. Add them by calling 'builder.Services.AddWispXrpc()' before 'app.MapWispXrpc()'.");
        }

        return new XrpcEndpointMapper(endpoints);
    }

    /// <summary>
    /// Maps one method at <c>/xrpc/{nsid}</c> for every HTTP verb: the request delegate answers a wrong verb with
    /// the XRPC error body, where routing alone would answer 405 with an empty body.
    /// </summary>
    public void Map(XrpcMethod method, RequestDelegate requestDelegate)
    {
        ArgumentNullException.ThrowIfNull(method);
        var builder = _endpoints.Map(method.Path, requestDelegate)
            .WithMetadata(method)
            .WithDisplayName($"XRPC {method.HttpMethod} {method.Nsid}")
            .WithName(method.Nsid);
        if (method.Description is { } description)
        {
            builder.WithDescription(description);
        }

        _methods.Add(method.Nsid, builder);
    }

    /// <summary>Maps the fallback for every other <c>/xrpc/</c> path and returns the methods' convention builder.</summary>
    public XrpcEndpointConventionBuilder Complete()
    {
        _endpoints.Map("/xrpc/{**path}", XrpcInvoker.UnknownMethodAsync)
            .WithDisplayName("XRPC unknown method");
        return new XrpcEndpointConventionBuilder(_methods);
    }
}
