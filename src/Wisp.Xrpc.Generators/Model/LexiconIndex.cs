using System.Collections.Generic;
using System.Linq;

namespace Wisp.Xrpc.Generators.Model;

/// <summary>
/// What other lexicons need to know about one definition: its lexicon type name (<paramref name="Kind"/>), its C#
/// name if it is an object or record, its type if it is a named value type (a string, an array, …) that refs use
/// inline. Methods and tokens are listed too, but cannot be referenced as types.
/// </summary>
internal sealed record DefinitionSummary(string Name, string? TypeName, LexiconType? Primitive, string Kind = "")
{
    public bool IsReferenceable => TypeName is not null || Primitive is not null;
}

/// <summary>A dependency of one definition on another (in this lexicon or another one).</summary>
internal sealed record Dependency(string From, string TargetDocument, string TargetDefinition);

/// <summary>One lexicon as the others see it. Holds no descriptions or positions, so it changes only when shapes do.</summary>
internal sealed record DocumentSummary(string Id, EquatableArray<DefinitionSummary> Definitions, EquatableArray<Dependency> Dependencies);

/// <summary>
/// Every lexicon of the project and the definitions that cannot be generated because something they reference
/// (directly or through others) is missing or not generated. Built from all documents with one Collect.
/// </summary>
internal sealed record LexiconIndex(EquatableArray<DocumentSummary> Documents, EquatableArray<string> Dropped)
{
    private Dictionary<string, DocumentSummary>? _byId;
    private HashSet<string>? _dropped;

    // The lookups below are caches: equality is the documents and the dropped set only, or an index whose cache
    // happened to be filled would never equal a fresh one and the pipeline would re-emit every lexicon.
    public bool Equals(LexiconIndex? other) =>
        other is not null && Documents.Equals(other.Documents) && Dropped.Equals(other.Dropped);

    public override int GetHashCode() => unchecked((Documents.GetHashCode() * 31) + Dropped.GetHashCode());

    public DocumentSummary? Find(string id)
    {
        _byId ??= Documents.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First());
        return _byId.TryGetValue(id, out var document) ? document : null;
    }

    public DefinitionSummary? Find(string id, string definition) =>
        Find(id)?.Definitions.FirstOrDefault(d => d.Name == definition);

    public bool IsDropped(string id, string definition)
    {
        _dropped ??= new HashSet<string>(Dropped);
        return _dropped.Contains(id + "#" + definition);
    }

    /// <summary>Computes the dropped definitions to a fixed point across all documents.</summary>
    public static LexiconIndex Build(IEnumerable<DocumentSummary> summaries)
    {
        var documents = summaries.OrderBy(d => d.Id, System.StringComparer.Ordinal).ToList();
        var alive = new HashSet<string>();
        var referenceable = new HashSet<string>();
        foreach (var document in documents)
        {
            foreach (var definition in document.Definitions)
            {
                alive.Add(document.Id + "#" + definition.Name);
                if (definition.IsReferenceable)
                {
                    referenceable.Add(document.Id + "#" + definition.Name);
                }
            }
        }

        var dropped = new SortedSet<string>(System.StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var document in documents)
            {
                foreach (var dependency in document.Dependencies)
                {
                    var from = document.Id + "#" + dependency.From;
                    var target = dependency.TargetDocument + "#" + dependency.TargetDefinition;
                    if (alive.Contains(from) && !(alive.Contains(target) && referenceable.Contains(target)))
                    {
                        alive.Remove(from);
                        dropped.Add(from);
                        changed = true;
                    }
                }
            }
        }
        while (changed);

        return new LexiconIndex(documents.ToEquatableArray(), dropped.ToEquatableArray());
    }
}
