using Microsoft.AspNetCore.Builder;

namespace Wisp.Xrpc.Hosting;

/// <summary>
/// What <c>MapWispXrpc()</c> returns: conventions added here (<c>RequireAuthorization()</c>,
/// <c>RequireRateLimiting()</c>, <c>WithTags()</c>, ...) apply to every generated XRPC method.
/// The fallback that answers unknown methods with 501 is left out, so it stays reachable as the spec wants.
/// </summary>
public sealed class XrpcEndpointConventionBuilder : IEndpointConventionBuilder
{
    private readonly IReadOnlyDictionary<string, IEndpointConventionBuilder> _methods;

    internal XrpcEndpointConventionBuilder(IReadOnlyDictionary<string, IEndpointConventionBuilder> methods) => _methods = methods;

    /// <summary>The NSIDs of the mapped methods.</summary>
    public IEnumerable<string> Methods => _methods.Keys;

    /// <summary>The builder of one method, to add conventions to it alone.</summary>
    /// <param name="nsid">The method's NSID.</param>
    public IEndpointConventionBuilder Method(string nsid) =>
        _methods.TryGetValue(nsid, out var builder)
            ? builder
            : throw new ArgumentException($"No XRPC method '{nsid}' is mapped.", nameof(nsid));

    /// <inheritdoc />
    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in _methods.Values)
        {
            builder.Add(convention);
        }
    }

    /// <inheritdoc />
    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var builder in _methods.Values)
        {
            builder.Finally(finallyConvention);
        }
    }
}
