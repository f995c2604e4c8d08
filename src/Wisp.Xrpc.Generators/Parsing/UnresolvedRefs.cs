using System.Collections.Generic;
using System.Collections.Immutable;
using Wisp.Xrpc.Generators.Diagnostics;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Parsing;

/// <summary>
/// Diagnostics for refs to other lexicons, once all are known: a lexicon or definition that is not in the project
/// is an error (add the lexicon file), so is a ref to a token or a union member that is not an object or record;
/// one that exists but is not generated is a warning, like the feature it uses.
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
                else if (reference.InUnion && target.Kind is not ("object" or "record" or ""))
                {
                    yield return DiagnosticInfo.Create(DiagnosticDescriptors.UnionMemberNotObject, reference.Location, reference.Text, target.Kind);
                }
                else if (target.Kind == "token")
                {
                    yield return DiagnosticInfo.Create(DiagnosticDescriptors.RefToToken, reference.Location, reference.Text);
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
