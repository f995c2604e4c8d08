using System.Collections.Immutable;
using System.Linq;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Binding;

/// <summary>
/// Names the request delegates of every method in the one endpoint class: after the lexicon's C# namespace and
/// class (<c>PlaceWispV2SecretListAsync</c>), told apart by <see cref="NameScope"/> when two flatten alike
/// (<c>com.ab.c-d.e</c> and <c>com.ab-c.d.e</c>).
/// </summary>
internal static class EndpointBinder
{
    public static EquatableArray<BoundEndpoint> Bind(ImmutableArray<EndpointSpec> endpoints)
    {
        var ordered = endpoints.OrderBy(e => e.Nsid, System.StringComparer.Ordinal).ToList();
        var names = NameScope.Assign(
            ordered.Select(e => (e.Nsid, e.FlatName + "Async")),
            ["MapWispXrpc", .. NameScope.ObjectMembers],
            "Endpoint");
        return ordered.Select(e => new BoundEndpoint(e, names[e.Nsid])).ToEquatableArray();
    }
}
