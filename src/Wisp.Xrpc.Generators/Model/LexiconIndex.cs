using System.Collections.Generic;
using System.Linq;
using Wisp.Xrpc.Generators.Parsing;

namespace Wisp.Xrpc.Generators.Model;

/// <summary>
/// What other lexicons need to know about one definition: its lexicon type (<paramref name="Kind"/>, empty when the
/// parser skipped it) and, for a named value type (a string, an array, …) that refs use in place, its shape.
/// Shapes hold no descriptions, so editing a description changes no other lexicon's output.
/// </summary>
internal sealed record DefinitionSummary(string Name, string Kind, LexiconType? Shape);

/// <summary>A ref of definition <paramref name="From"/> to another definition (in this lexicon or another one).</summary>
internal sealed record Dependency(string From, string TargetDocument, string TargetDefinition, RefUsage Usage);

/// <summary>One lexicon as the others see it. Holds no descriptions or positions, so it changes only when shapes do.</summary>
internal sealed record DocumentSummary(string Id, EquatableArray<DefinitionSummary> Definitions, EquatableArray<Dependency> Dependencies);

/// <summary>A definition as the binder sees it: its summary, its C# type name if it has one, and whether it is generated.</summary>
/// <param name="TypeName">The nested C# name (objects, records, tokens, strings with known values), else null.</param>
/// <param name="IsGenerated">False when the definition, or something it refers to, cannot be generated.</param>
internal sealed record IndexedDefinition(string Name, string Kind, LexiconType? Shape, string? TypeName, bool IsGenerated);

/// <summary>A lexicon's C# home, decided once for all lexicons, and its definitions.</summary>
/// <param name="Namespace">The namespace below the root one, e.g. <c>App.Bsky.Feed</c>; for a referenced lexicon, the full namespace.</param>
/// <param name="ClassName">The static class that holds the lexicon's types, e.g. <c>Post</c>.</param>
/// <param name="HintName">The generated file's name, unique ignoring case as Roslyn requires.</param>
/// <param name="Renames">Where a name is not the one the lexicon asked for, and why.</param>
/// <param name="Assembly">The referenced assembly that compiled the lexicon, or null for the project's own.</param>
internal sealed record IndexedDocument(
    string Id,
    string Namespace,
    string ClassName,
    string HintName,
    EquatableArray<IndexedDefinition> Definitions,
    EquatableArray<Rename> Renames,
    string? Assembly = null);

/// <summary>A lexicon name that became a different C# name: <paramref name="What"/> is the C# <paramref name="Kind"/> <paramref name="To"/>, since <paramref name="From"/> <paramref name="Why"/>.</summary>
/// <param name="Definition">The definition it is in (for the diagnostic's position), or null for the lexicon's class.</param>
internal sealed record Rename(string? Definition, string What, string Kind, string From, string To, string Why);

/// <summary>
/// Every lexicon of the project, with every C# type name and every generated-or-not decision made, built from all
/// summaries with one Collect. Only the binder reads it; what a document's output uses of it is copied into the
/// document's spec, so a change here re-emits only the documents it touches.
/// </summary>
internal sealed record LexiconIndex(EquatableArray<IndexedDocument> Documents)
{
    private Dictionary<string, IndexedDocument>? _byId;

    // The lookup is a cache: equality is the documents only, or an index whose cache happened to be filled would
    // never equal a fresh one.
    public bool Equals(LexiconIndex? other) => other is not null && Documents.Equals(other.Documents);

    public override int GetHashCode() => Documents.GetHashCode();

    /// <summary>The lexicon <paramref name="id"/> (its domain part compared ignoring case, as NSIDs are), or null.</summary>
    public IndexedDocument? Find(string id)
    {
        _byId ??= Documents.GroupBy(d => NormalizedId(d.Id)).ToDictionary(g => g.Key, g => g.First());
        return _byId.TryGetValue(NormalizedId(id), out var document) ? document : null;
    }

    public IndexedDefinition? Find(string id, string definition) =>
        Find(id)?.Definitions.FirstOrDefault(d => d.Name == definition);

    /// <summary>An NSID with its domain authority lower-cased: the spec makes that part case-insensitive, the name not.</summary>
    public static string NormalizedId(string id)
    {
        var lastDot = id.LastIndexOf('.');
        return lastDot < 0 ? id : id.Substring(0, lastDot).ToLowerInvariant() + id.Substring(lastDot);
    }
}
