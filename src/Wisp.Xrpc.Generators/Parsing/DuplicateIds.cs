using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Wisp.Xrpc.Generators.Diagnostics;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Parsing;

/// <summary>
/// Two files with one lexicon id (the domain part compared ignoring case, as the NSID spec says): the first by
/// ordinal path wins, every other one gets WXRPC009 and is not emitted (emitting both would give duplicate types).
/// </summary>
internal static class DuplicateIds
{
    public static IEnumerable<DiagnosticInfo> Find(ImmutableArray<LexiconIdentity> all)
    {
        foreach (var group in Groups(all))
        {
            var winner = group[0];
            foreach (var loser in group.Skip(1))
            {
                if (loser.Location is { } location)
                {
                    yield return DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateId, location, loser.Id, winner.FilePath);
                }
            }
        }
    }

    public static EquatableArray<string> ShadowedFiles(ImmutableArray<LexiconIdentity> all) =>
        Groups(all).SelectMany(group => group.Skip(1).Select(identity => identity.FilePath)).ToEquatableArray();

    private static IEnumerable<List<LexiconIdentity>> Groups(ImmutableArray<LexiconIdentity> all) =>
        all.GroupBy(identity => LexiconIndex.NormalizedId(identity.Id), System.StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => group.OrderBy(identity => identity.FilePath, System.StringComparer.Ordinal).ToList());
}

/// <summary>Where one file declares its lexicon id, for the duplicate-id check.</summary>
internal sealed record LexiconIdentity(string Id, string FilePath, LocationInfo? Location);
