using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Parsing;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Binding;

/// <summary>
/// Places the binder's notes (<see cref="BindingNote"/>): at the name of the definition they are about, or at the
/// lexicon's id. Positions live only here, so moving text re-reports but never re-binds or re-emits.
/// </summary>
internal static class BindingNotes
{
    public static IEnumerable<DiagnosticInfo> Locate(
        ImmutableArray<(string Nsid, EquatableArray<BindingNote> Notes)> notes,
        ImmutableArray<(string Id, LocationInfo? IdLocation, EquatableArray<NamedLocation> Definitions)> positions)
    {
        var byId = new Dictionary<string, (LocationInfo? IdLocation, EquatableArray<NamedLocation> Definitions)>();
        foreach (var position in positions)
        {
            if (!byId.ContainsKey(position.Id))
            {
                byId[position.Id] = (position.IdLocation, position.Definitions);
            }
        }

        foreach (var (nsid, documentNotes) in notes)
        {
            if (!byId.TryGetValue(nsid, out var position) || position.IdLocation is not { } idLocation)
            {
                continue;
            }

            foreach (var note in documentNotes)
            {
                var location = note.Definition is null ? idLocation : position.Definitions.FirstOrDefault(d => d.Name == note.Definition)?.Location ?? idLocation;
                yield return new DiagnosticInfo(note.DescriptorId, location, note.Args);
            }
        }
    }
}
