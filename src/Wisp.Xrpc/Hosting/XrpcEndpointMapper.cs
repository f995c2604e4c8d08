using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Wisp.Xrpc.Hosting;

/// <summary>
/// Maps XRPC methods. Used by the generated <c>MapWispXrpc()</c> and by <c>MapXrpcMethods()</c>; not meant to be
/// called directly.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public sealed class XrpcEndpointMapper
{
    // What is mapped on each route builder: the methods (a second mapping of one would make routing ambiguous at the
    // first request) and whether the 501 fallback is there (it must be mapped once, by whichever call comes first).
    private static readonly ConditionalWeakTable<IEndpointRouteBuilder, Mapped> MappedOn = new();

    private readonly IEndpointRouteBuilder _endpoints;
    private readonly Mapped _mapped;
    private readonly Dictionary<string, IEndpointConventionBuilder> _methods = new(StringComparer.Ordinal);

    private XrpcEndpointMapper(IEndpointRouteBuilder endpoints)
    {
        _endpoints = endpoints;
        _mapped = MappedOn.GetValue(endpoints, static _ => new Mapped());
    }

    /// <summary>Starts mapping; fails early when <c>AddWispXrpc()</c> was not called.</summary>
    public static XrpcEndpointMapper Begin(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<XrpcServicesMarker>() is null)
        {
            throw new InvalidOperationException(
                "Unable to find the required services. Add them by calling 'builder.Services.AddWispXrpc()' before mapping XRPC methods.");
        }

        return new XrpcEndpointMapper(endpoints);
    }

    /// <summary>Maps one method (see <see cref="Map(XrpcMethod, RequestDelegate)"/>).</summary>
    public void Map(XrpcEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Map(endpoint.Method, endpoint.RequestDelegate);
    }

    /// <summary>
    /// Maps one method at <c>/xrpc/{nsid}</c> for every HTTP verb: the request delegate answers a wrong verb with
    /// the XRPC error body, where routing alone would answer 405 with an empty body.
    /// </summary>
    public void Map(XrpcMethod method, RequestDelegate requestDelegate)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(requestDelegate);
        lock (_mapped)
        {
            if (!_mapped.Methods.Add(method.Nsid))
            {
                throw new InvalidOperationException(
                    $"The XRPC method '{method.Nsid}' is already mapped. MapWispXrpc() maps the methods of the project's own lexicons; map a referenced library's methods once, with MapXrpcMethods(...).");
            }
        }

        if (method.Kind == XrpcMethodKind.Subscription)
        {
            // An event stream accepts WebSockets whether or not the app added the middleware (as SignalR's hubs do).
            var pipeline = _endpoints.CreateApplicationBuilder();
            pipeline.UseWebSockets();
            pipeline.Run(requestDelegate);
            requestDelegate = pipeline.Build();
        }

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

    /// <summary>Maps the fallback for every other <c>/xrpc/</c> path (once per route builder) and returns the methods' convention builder.</summary>
    public XrpcEndpointConventionBuilder Complete()
    {
        bool first;
        lock (_mapped)
        {
            first = !_mapped.Fallback;
            _mapped.Fallback = true;
        }

        if (first)
        {
            _endpoints.Map("/xrpc/{**path}", XrpcInvoker.UnknownMethodAsync)
                .WithDisplayName("XRPC unknown method");
        }

        return new XrpcEndpointConventionBuilder(_methods);
    }

    private sealed class Mapped
    {
        public HashSet<string> Methods { get; } = new(StringComparer.Ordinal);

        public bool Fallback { get; set; }
    }
}
