using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Parsing;

/// <summary>
/// What parsing one lexicon file yields. The pipeline splits it at once: <see cref="Document"/> (no positions)
/// feeds code emission, <see cref="Diagnostics"/> feed reporting, so moving text around re-emits nothing.
/// </summary>
/// <param name="FilePath">The lexicon file.</param>
/// <param name="Document">The model, or null when the file is too broken to generate anything.</param>
/// <param name="Diagnostics">Problems found, at their line and column.</param>
/// <param name="IdLocation">Where the <c>id</c> is written, for the duplicate-id check.</param>
internal sealed record ParsedLexicon(
    string FilePath,
    LexiconDocument? Document,
    EquatableArray<DiagnosticInfo> Diagnostics,
    LocationInfo? IdLocation)
{
    /// <summary>Refs to other lexicons, with their positions, checked once every lexicon is parsed.</summary>
    public EquatableArray<ExternalRef> ExternalRefs { get; init; } = EquatableArray<ExternalRef>.Empty;
}

/// <summary>
/// A ref from definition <paramref name="From"/> to another lexicon's definition, where it is written;
/// <paramref name="InUnion"/> when it names a union member or a body schema (which must be an object or a record).
/// </summary>
internal sealed record ExternalRef(string From, string TargetDocument, string TargetDefinition, string Text, LocationInfo Location, bool InUnion = false);
