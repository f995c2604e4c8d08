using System.Collections.Generic;
using System.Collections.Immutable;
using Wisp.Xrpc.Generators.Diagnostics;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Parsing;

/// <summary>
/// Diagnostics for refs to other lexicons, once all are known: a lexicon or definition that is not in the project
/// is an error (add the lexicon file); one that exists but is not generated is a warning, like the feature it uses.
/// </summary>
internal static class UnresolvedRefs
{
    public static IEnumerable<DiagnosticInfo> Find(ImmutableArray<EquatableArray<ExternalRef>> all, LexiconIndex index)
    {
        foreach (var refs in all)
        {
            foreach (var reference in refs)
            {
                var target = index.Find(reference.TargetDocument, reference.TargetDefinition);
                if (target is null)
                {
                    yield return DiagnosticInfo.Create(DiagnosticDescriptors.UnresolvedRef, reference.Location, reference.Text, reference.TargetDocument);
                }
                else if (!target.IsReferenceable || index.IsDropped(reference.TargetDocument, reference.TargetDefinition))
                {
                    yield return DiagnosticInfo.Create(
                        DiagnosticDescriptors.NotSupportedYet,
                        reference.Location,
                        $"The ref to '{reference.Text}', which is not generated,",
                        reference.From);
                }
            }
        }
    }
}
