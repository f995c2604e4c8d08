using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Parsing;

namespace Wisp.Xrpc.Generators.Binding;

/// <summary>
/// Builds the <see cref="LexiconIndex"/>: the one place where lexicon classes are named, definitions are named,
/// and definitions that cannot be generated are dropped (a ref to something missing, skipped, or of a kind the ref
/// cannot use, directly or through other definitions).
/// </summary>
internal static class IndexBuilder
{
    /// <summary>Members every lexicon class may have; a lexicon or definition named so is renamed, whatever the lexicon holds, so names stay stable.</summary>
    private static readonly string[] LexiconClassMembers =
        ["Id", "Method", "Endpoint", "CallAsync", "Connect", "MessageCodec", "IHandler", "Errors", "DefaultHandler", "RecordKey", "Scope", "IMessage", "Params", "Input", "Output"];

    /// <summary>Members every generated object has; a definition class named so would hold a member named like itself (CS0542).</summary>
    private static readonly string[] ObjectClassMembers = ["ReadFrom", "WriteTo", "LexiconPropertyNames", "ExtensionData"];

    /// <summary>What other lexicons see of <paramref name="document"/>: shapes without descriptions, and its refs.</summary>
    public static DocumentSummary Summarize(LexiconDocument document)
    {
        var definitions = new List<DefinitionSummary>();
        var dependencies = new List<Dependency>();
        foreach (var definition in document.Definitions)
        {
            var kind = LexiconKinds.Of(definition.Type);
            definitions.Add(new DefinitionSummary(definition.Name, kind, LexiconKinds.IsValueType(kind) ? WithoutDescriptions(definition.Type) : null));
            foreach (var (reference, usage) in LexiconKinds.Refs(definition.Type, RefUsage.Value))
            {
                dependencies.Add(new Dependency(definition.Name, reference.Document, reference.Definition, usage));
            }
        }

        definitions.AddRange(document.SkippedDefinitions.Select(name => new DefinitionSummary(name, string.Empty, null)));
        return new DocumentSummary(document.Id, definitions.ToEquatableArray(), dependencies.Distinct().ToEquatableArray());
    }

    /// <summary>
    /// The index of the project's lexicons and of those its references compiled. A referenced lexicon keeps the names
    /// and drops its own assembly decided; the project's own lexicon of the same id wins (WXRPC102 says so), and
    /// between two references the first assembly in ordinal name order does.
    /// </summary>
    public static LexiconIndex Build(ImmutableArray<DocumentSummary> summaries, ImmutableArray<ReferencedAssembly> references = default, System.Threading.CancellationToken cancellationToken = default)
    {
        var documents = summaries.OrderBy(d => d.Id, System.StringComparer.Ordinal).ToList();
        var ids = new Dictionary<string, string>();
        foreach (var document in documents)
        {
            ids[LexiconIndex.NormalizedId(document.Id)] = document.Id;
        }

        var referenced = new Dictionary<string, ReferencedLexicon>();
        foreach (var assembly in (references.IsDefault ? ImmutableArray<ReferencedAssembly>.Empty : references).OrderBy(a => a.Name, System.StringComparer.Ordinal))
        {
            foreach (var lexicon in assembly.Lexicons)
            {
                var id = LexiconIndex.NormalizedId(lexicon.Id);
                if (!ids.ContainsKey(id))
                {
                    ids[id] = lexicon.Id;
                    referenced[id] = lexicon;
                }
            }
        }

        var generated = Generated(documents, referenced.Values, ids);
        var shapes = ReferencedShapes(documents, referenced, cancellationToken);
        var classes = ClassNames(documents);
        var result = new List<IndexedDocument>(documents.Count + referenced.Count);
        foreach (var document in documents)
        {
            var (ns, className, hintName, renames) = classes[document.Id];
            var typeNames = DefinitionTypeNames(document, className, renames);
            var definitions = document.Definitions.Select(d => new IndexedDefinition(
                d.Name,
                d.Kind,
                d.Shape,
                typeNames.TryGetValue(d.Name, out var typeName) ? typeName : null,
                generated.Contains(Key(document.Id, d.Name))));
            result.Add(new IndexedDocument(document.Id, ns, className, hintName, definitions.ToEquatableArray(), renames.ToEquatableArray()));
        }

        foreach (var lexicon in referenced.Values)
        {
            var definitions = lexicon.Definitions.Select(d => new IndexedDefinition(
                d.Name,
                d.Kind,
                shapes.TryGetValue(Key(lexicon.Id, d.Name), out var shape) ? shape : null,
                d.TypeName,
                d.IsGenerated));
            result.Add(new IndexedDocument(lexicon.Id, lexicon.Namespace, lexicon.ClassName, string.Empty, definitions.ToEquatableArray(), EquatableArray<Rename>.Empty, lexicon.Assembly));
        }

        return new LexiconIndex(result.OrderBy(d => d.Id, System.StringComparer.Ordinal).ToEquatableArray());
    }

    /// <summary>
    /// The shapes of the referenced lexicons' named value types this project uses in place (a string with its
    /// constraints, an array, …), directly or through other such types. Only those lexicons are parsed: a project
    /// that refs a few definitions of a 402-lexicon library parses a few, one that only maps its methods none.
    /// </summary>
    private static Dictionary<string, LexiconType> ReferencedShapes(List<DocumentSummary> documents, Dictionary<string, ReferencedLexicon> referenced, System.Threading.CancellationToken cancellationToken)
    {
        var shapes = new Dictionary<string, LexiconType>();
        var pending = new Queue<ReferencedLexicon>();
        var queued = new HashSet<string>();
        void Use(string document, string definition)
        {
            var id = LexiconIndex.NormalizedId(document);
            if (referenced.TryGetValue(id, out var lexicon)
                && lexicon.Definitions.Any(d => d.Name == definition && LexiconKinds.IsValueType(d.Kind))
                && queued.Add(id))
            {
                pending.Enqueue(lexicon);
            }
        }

        foreach (var dependency in documents.SelectMany(d => d.Dependencies))
        {
            Use(dependency.TargetDocument, dependency.TargetDefinition);
        }

        while (pending.Count > 0)
        {
            var lexicon = pending.Dequeue();
            if (LexiconParser.Parse(lexicon.Assembly + "/" + lexicon.Id + ".json", SourceText.From(lexicon.Json), cancellationToken).Document is not { } document)
            {
                continue;
            }

            var summary = Summarize(document);
            foreach (var definition in summary.Definitions.Where(d => d.Shape is not null))
            {
                shapes[Key(lexicon.Id, definition.Name)] = definition.Shape!;
            }

            foreach (var dependency in summary.Dependencies.Where(d => summary.Definitions.Any(x => x.Name == d.From && x.Shape is not null)))
            {
                Use(dependency.TargetDocument, dependency.TargetDefinition);
            }
        }

        return shapes;
    }

    /// <summary>
    /// The definitions that can be generated: every definition that parsed, less those with a ref to something
    /// missing, skipped or of the wrong kind, and then (through a worklist over the reverse refs, linear in the refs)
    /// less those with a ref to a dropped one.
    /// </summary>
    /// <remarks>A referenced lexicon's definitions are alive exactly when its assembly generated them.</remarks>
    private static HashSet<string> Generated(List<DocumentSummary> documents, IEnumerable<ReferencedLexicon> referenced, Dictionary<string, string> ids)
    {
        var kinds = new Dictionary<string, string>();
        foreach (var document in documents)
        {
            foreach (var definition in document.Definitions)
            {
                kinds[Key(document.Id, definition.Name)] = definition.Kind;
            }
        }

        var alive = new HashSet<string>(kinds.Where(k => k.Value.Length > 0).Select(k => k.Key));
        foreach (var lexicon in referenced)
        {
            foreach (var definition in lexicon.Definitions)
            {
                var key = Key(lexicon.Id, definition.Name);
                kinds[key] = definition.Kind;
                if (definition.IsGenerated)
                {
                    alive.Add(key);
                }
            }
        }

        var referrers = new Dictionary<string, List<string>>();
        var dropped = new Queue<string>();

        foreach (var document in documents)
        {
            foreach (var dependency in document.Dependencies)
            {
                var from = Key(document.Id, dependency.From);
                var target = ids.TryGetValue(LexiconIndex.NormalizedId(dependency.TargetDocument), out var targetDocument)
                    ? Key(targetDocument, dependency.TargetDefinition)
                    : null;
                if (target is null || !kinds.TryGetValue(target, out var kind) || !LexiconKinds.CanUse(dependency.Usage, kind))
                {
                    if (alive.Remove(from))
                    {
                        dropped.Enqueue(from);
                    }

                    continue;
                }

                if (!referrers.TryGetValue(target, out var list))
                {
                    referrers[target] = list = [];
                }

                list.Add(from);
            }
        }

        // Skipped definitions, and those of referenced lexicons their assembly did not generate.
        foreach (var key in kinds.Keys.Where(k => !alive.Contains(k)))
        {
            dropped.Enqueue(key);
        }

        while (dropped.Count > 0)
        {
            if (referrers.TryGetValue(dropped.Dequeue(), out var list))
            {
                foreach (var from in list)
                {
                    if (alive.Remove(from))
                    {
                        dropped.Enqueue(from);
                    }
                }
            }
        }

        return alive;
    }

    /// <summary>
    /// Each lexicon's namespace, class and file name. A class gets <c>Lexicon</c> appended when its name is also a
    /// namespace (<c>com.example.repo</c> beside <c>com.example.repo.issue</c>) or a member it must hold
    /// (<c>com.example.id</c>); lexicons that still want one name are told apart by <see cref="NameScope"/>.
    /// </summary>
    private static Dictionary<string, (string Namespace, string Class, string HintName, List<Rename> Renames)> ClassNames(List<DocumentSummary> documents)
    {
        var namespaces = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var ns = CSharpNames.RelativeNamespace(document.Id);
            for (var dot = ns.IndexOf('.'); dot >= 0; dot = ns.IndexOf('.', dot + 1))
            {
                namespaces.Add(ns.Substring(0, dot));
            }

            namespaces.Add(ns);
        }

        var result = new Dictionary<string, (string, string, string, List<Rename>)>();
        foreach (var group in documents.GroupBy(d => CSharpNames.RelativeNamespace(d.Id), System.StringComparer.Ordinal))
        {
            // One scope per namespace: its lexicons' classes, and the namespaces nested in it.
            var childNamespaces = new HashSet<string>(
                namespaces.Where(n => n.StartsWith(group.Key + ".", System.StringComparison.Ordinal) && n.IndexOf('.', group.Key.Length + 1) < 0)
                    .Select(n => n.Substring(group.Key.Length + 1)),
                System.StringComparer.Ordinal);
            var reserved = new HashSet<string>(LexiconClassMembers.Concat(childNamespaces), System.StringComparer.Ordinal);
            var renamed = new List<(string Key, string Wanted, string Chosen, string Why)>();
            var names = NameScope.Assign(group.Select(d => (d.Id, CSharpNames.DocumentClass(d.Id))), reserved, "Lexicon", renamed);
            foreach (var document in group)
            {
                var renames = renamed.Where(r => r.Key == document.Id)
                    .Select(r => new Rename(null, $"The lexicon {document.Id}", "class", r.Wanted, r.Chosen,
                        childNamespaces.Contains(r.Wanted) ? $"is the namespace of other lexicons ({group.Key}.{r.Wanted}.*)"
                        : LexiconClassMembers.Contains(r.Wanted) ? "is a member every lexicon class may have"
                        : r.Why))
                    .ToList();
                result[document.Id] = (group.Key, names[document.Id], document.Id, renames);
            }
        }

        // Roslyn compares generated file names ignoring case (com.example.Foo and com.example.foo would clash).
        foreach (var group in documents.GroupBy(d => d.Id.ToLowerInvariant()).Where(g => g.Count() > 1))
        {
            foreach (var document in group.OrderBy(d => d.Id, System.StringComparer.Ordinal).Skip(1))
            {
                var entry = result[document.Id];
                result[document.Id] = (entry.Item1, entry.Item2, document.Id + "." + CSharpNames.Hash(document.Id), entry.Item4);
            }
        }

        return result;
    }

    /// <summary>The nested C# names of a lexicon's definitions that have one, in one scope with the class's own members.</summary>
    private static Dictionary<string, string> DefinitionTypeNames(DocumentSummary document, string className, List<Rename> renames)
    {
        var reserved = new HashSet<string>(LexiconClassMembers.Concat(ObjectClassMembers).Concat(NameScope.ObjectMembers), System.StringComparer.Ordinal) { className };
        var named = document.Definitions.Where(d => LexiconKinds.HasTypeName(d.Kind, d.Shape));
        var renamed = new List<(string Key, string Wanted, string Chosen, string Why)>();
        var names = NameScope.Assign(named.Select(d => (d.Name, d.Name == "main" ? "Main" : CSharpNames.Pascal(d.Name))), reserved, "Def", renamed);
        renames.AddRange(renamed.Select(r => new Rename(r.Key, $"The definition {document.Id}#{r.Key}", "type", r.Wanted, r.Chosen, r.Wanted == className ? "is the name of the lexicon's class" : r.Why)));
        return names;
    }

    private static string Key(string document, string definition) => document + "#" + definition;

    /// <summary>A value type with every description removed (the index must not change when only a description does).</summary>
    private static LexiconType WithoutDescriptions(LexiconType type) => type switch
    {
        LexiconArray a => a with { Description = null, Items = WithoutDescriptions(a.Items) },
        LexiconObject o => o with { Description = null, Properties = o.Properties.Select(p => p with { Type = WithoutDescriptions(p.Type) }).ToEquatableArray() },
        LexiconString s => s with { Description = null },
        LexiconInteger i => i with { Description = null },
        LexiconBoolean b => b with { Description = null },
        LexiconBlob b => b with { Description = null },
        LexiconBytes b => b with { Description = null },
        LexiconCidLink c => c with { Description = null },
        LexiconUnknown u => u with { Description = null },
        LexiconRef r => r with { Description = null },
        LexiconUnion u => u with { Description = null },
        _ => type,
    };
}
