using System.Collections.Generic;
using System.Linq;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// What emitting one lexicon needs to know beyond its own text: the C# names of the definitions its refs name
/// (here or in other lexicons, through the <see cref="LexiconIndex"/>), their <c>$type</c> strings, and the union
/// interfaces those types must implement, declared in partial parts at the end of this lexicon's file.
/// </summary>
internal sealed class DocumentScope(string rootNamespace, string documentId, IReadOnlyDictionary<string, string> localNames, LexiconIndex index)
{
    private readonly SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> _memberships = new(System.StringComparer.Ordinal);

    /// <summary>The lexicon's class, fully qualified: <c>global::Root.App.Bsky.Feed.Post</c>.</summary>
    public string ClassName { get; } = $"global::{CSharpNames.Namespace(rootNamespace, documentId)}.{CSharpNames.DocumentClass(documentId)}";

    /// <summary>The C# type a ref names: nested in this lexicon's class, or fully qualified in another's.</summary>
    public string TypeName(LexiconRef reference) => reference.Document is null || reference.Document == documentId
        ? localNames[reference.Definition]
        : CrossLexiconRefs.QualifiedTypeName(rootNamespace, reference.Document, reference.Definition, index);

    /// <summary>The <c>$type</c> a union member is written with: <c>nsid</c> for <c>main</c>, else <c>nsid#name</c>.</summary>
    public string TypeId(LexiconRef reference)
    {
        var document = reference.Document ?? documentId;
        return reference.Definition == "main" ? document : document + "#" + reference.Definition;
    }

    /// <summary>Records that the type <paramref name="member"/> names implements the union interface <paramref name="unionInterface"/>.</summary>
    public void AddUnionMember(LexiconRef member, string unionInterface)
    {
        var document = member.Document ?? documentId;
        var container = $"{CSharpNames.Namespace(rootNamespace, document)}|{CSharpNames.DocumentClass(document)}";
        var nested = document == documentId ? localNames[member.Definition] : index.Find(document, member.Definition)!.TypeName!;
        if (!_memberships.TryGetValue(container, out var types))
        {
            _memberships[container] = types = new SortedDictionary<string, SortedSet<string>>(System.StringComparer.Ordinal);
        }

        if (!types.TryGetValue(nested, out var interfaces))
        {
            types[nested] = interfaces = new SortedSet<string>(System.StringComparer.Ordinal);
        }

        interfaces.Add(unionInterface);
    }

    /// <summary>Emits, after the lexicon's own namespace, the partial parts that make union members implement their unions.</summary>
    public void EmitUnionMemberships(SourceWriter w)
    {
        foreach (var container in _memberships)
        {
            var parts = container.Key.Split('|');
            w.Line();
            w.OpenBlock($"namespace {parts[0]}");
            w.OpenBlock($"public static partial class {parts[1]}");
            var first = true;
            foreach (var type in container.Value)
            {
                if (!first)
                {
                    w.Line();
                }

                first = false;
                w.Line($"public sealed partial class {type.Key} : {string.Join(", ", type.Value)};");
            }

            w.CloseBlock();
            w.CloseBlock();
        }
    }

    /// <summary>The refs of a union without repeats: <c>nsid</c> and <c>nsid#main</c> name one member.</summary>
    public IReadOnlyList<LexiconRef> DistinctMembers(LexiconUnion union) =>
        union.Refs.GroupBy(TypeId).Select(g => g.First()).ToList();
}
