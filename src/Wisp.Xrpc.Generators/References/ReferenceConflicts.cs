using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Wisp.Xrpc.Generators.Diagnostics;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Parsing;

namespace Wisp.Xrpc.Generators.References;

/// <summary>
/// One lexicon id compiled twice: by this project and a referenced assembly, or by two referenced assemblies. Either
/// way it compiles (the project's own file wins here, as the nearest definition does in C#; between references the
/// first assembly in ordinal name order does) but the two C# types are distinct, so WXRPC102 says which is used.
/// </summary>
internal static class ReferenceConflicts
{
    public static IEnumerable<DiagnosticInfo> Find(ImmutableArray<LexiconIdentity> own, ImmutableArray<ReferencedAssembly> references)
    {
        var ownIds = new HashSet<string>(own.Select(i => LexiconIndex.NormalizedId(i.Id)), System.StringComparer.Ordinal);
        var first = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var assembly in references.OrderBy(a => a.Name, System.StringComparer.Ordinal))
        {
            foreach (var lexicon in assembly.Lexicons)
            {
                var id = LexiconIndex.NormalizedId(lexicon.Id);
                if (ownIds.Contains(id))
                {
                    foreach (var identity in own.Where(i => LexiconIndex.NormalizedId(i.Id) == id && i.Location is not null))
                    {
                        yield return DiagnosticInfo.Create(
                            DiagnosticDescriptors.LexiconAlsoReferenced,
                            identity.Location!,
                            identity.Id,
                            assembly.Name,
                            $"this project's file is compiled and used here, and its C# types are distinct from {assembly.Name}'s; remove the file to use the referenced types");
                    }
                }
                else if (first.TryGetValue(id, out var winner))
                {
                    yield return DiagnosticInfo.Create(
                        DiagnosticDescriptors.LexiconAlsoReferenced,
                        LocationInfo.None,
                        lexicon.Id,
                        assembly.Name,
                        $"the types of {winner} (the first assembly in ordinal name order) are used here, and the two assemblies' types are distinct");
                }
                else
                {
                    first[id] = assembly.Name;
                }
            }
        }
    }
}
