namespace Wisp.Xrpc.Generators.Model;

/// <summary>One lexicon file: its NSID and the definitions the generator can emit.</summary>
/// <param name="Id">The lexicon NSID, e.g. <c>place.wisp.v2.secret.create</c>.</param>
/// <param name="Description">The document-level description, if any.</param>
/// <param name="Definitions">The definitions in file order; those the generator cannot handle yet are left out (with a diagnostic).</param>
internal sealed record LexiconDocument(string Id, string? Description, EquatableArray<LexiconDefinition> Definitions)
{
    /// <summary>Definitions the file declares but the generator left out, so refs to them are "not generated", not "missing".</summary>
    public EquatableArray<string> SkippedDefinitions { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The whole file as compact JSON: what the assembly records of the lexicon for projects that reference it.</summary>
    public string Json { get; init; } = string.Empty;
}

/// <summary>A named entry of a lexicon's <c>defs</c>.</summary>
internal sealed record LexiconDefinition(string Name, LexiconType Type);
