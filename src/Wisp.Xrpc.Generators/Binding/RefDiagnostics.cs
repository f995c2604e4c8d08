using System.Collections.Generic;
using System.Collections.Immutable;
using Wisp.Xrpc.Generators.Diagnostics;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Parsing;

namespace Wisp.Xrpc.Generators.Binding;

/// <summary>
/// Diagnostics for refs, once every lexicon is known, at the ref: one that names nothing is an error (add the lexicon
/// file), so is one that names a token, or a union member or body schema that is not an object or record; one that
/// names something not generated is a warning, like the feature that dropped it. Every definition the index drops
/// has one of these at the ref that dropped it, or the parser's diagnostic for the definition itself.
/// </summary>
internal static class RefDiagnostics
{
    public static IEnumerable<DiagnosticInfo> Find(ImmutableArray<(string DocumentId, EquatableArray<RefSite> Sites)> all, LexiconIndex index)
    {
        foreach (var (documentId, sites) in all)
        {
            foreach (var site in sites)
            {
                var from = $"{documentId}#{site.From}";
                var target = index.Find(site.TargetDocument, site.TargetDefinition);
                if (target is null)
                {
                    yield return DiagnosticInfo.Create(DiagnosticDescriptors.UnresolvedRef, site.Location, site.Text, site.TargetDocument);
                }
                else if (target.Kind == "token")
                {
                    yield return DiagnosticInfo.Create(DiagnosticDescriptors.RefToToken, site.Location, site.Text);
                }
                else if (target.Kind.Length == 0)
                {
                    yield return DiagnosticInfo.Create(DiagnosticDescriptors.NotSupportedYet, site.Location, $"The ref to '{site.Text}', which is not generated,", from);
                }
                else if (site.Usage is RefUsage.UnionMember or RefUsage.BodySchema && !LexiconKinds.CanUse(site.Usage, target.Kind))
                {
                    yield return DiagnosticInfo.Create(DiagnosticDescriptors.UnionMemberNotObject, site.Location, site.Text, target.Kind);
                }
                else if (site.Usage == RefUsage.ArrayItem && target.Kind == "array")
                {
                    yield return DiagnosticInfo.Create(DiagnosticDescriptors.NotSupportedYet, site.Location, $"An array of arrays (items '{site.Text}' are an array)", from);
                }
                else if (!LexiconKinds.CanUse(site.Usage, target.Kind))
                {
                    yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidType, site.Location, $"Ref '{site.Text}' names a {target.Kind}, which cannot be used as a value");
                }
                else if (!target.IsGenerated)
                {
                    yield return DiagnosticInfo.Create(DiagnosticDescriptors.NotSupportedYet, site.Location, $"The ref to '{site.Text}', which is not generated,", from);
                }
            }
        }
    }
}
