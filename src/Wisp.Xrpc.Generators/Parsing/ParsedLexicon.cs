using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Parsing;

/// <summary>
/// What parsing one lexicon file yields. The pipeline splits it at once: <see cref="Document"/> (no positions)
/// feeds binding and emission; the diagnostics and the positions feed reporting only, so moving text around
/// re-emits nothing.
/// </summary>
/// <param name="FilePath">The lexicon file.</param>
/// <param name="Document">The model, or null when the file is too broken to generate anything.</param>
/// <param name="Diagnostics">Problems found, at their line and column.</param>
/// <param name="IdLocation">Where the <c>id</c> is written, for the duplicate-id check and for renames of the lexicon's class.</param>
internal sealed record ParsedLexicon(
    string FilePath,
    LexiconDocument? Document,
    EquatableArray<DiagnosticInfo> Diagnostics,
    LocationInfo? IdLocation)
{
    /// <summary>Every ref the file writes, with its position, checked by the binder's diagnostics once every lexicon is known.</summary>
    public EquatableArray<RefSite> RefSites { get; init; } = EquatableArray<RefSite>.Empty;

    /// <summary>Where each definition's name is written, for the binder's rename notes.</summary>
    public EquatableArray<NamedLocation> DefinitionLocations { get; init; } = EquatableArray<NamedLocation>.Empty;
}

/// <summary>How a ref is used, which decides what it may name.</summary>
internal enum RefUsage
{
    /// <summary>A property's value: an object, a record, or a named value type used in place.</summary>
    Value,

    /// <summary>An array's items: as <see cref="Value"/>, but not a named array (arrays of arrays are not generated yet).</summary>
    ArrayItem,

    /// <summary>A union member: an object or a record.</summary>
    UnionMember,

    /// <summary>A method's body schema: an object or a record.</summary>
    BodySchema,
}

/// <summary>A ref from definition <paramref name="From"/> to <paramref name="TargetDocument"/>#<paramref name="TargetDefinition"/>, where it is written.</summary>
internal sealed record RefSite(string From, string TargetDocument, string TargetDefinition, string Text, LocationInfo Location, RefUsage Usage);

/// <summary>A name and where it is written.</summary>
internal sealed record NamedLocation(string Name, LocationInfo Location);
