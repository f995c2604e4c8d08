namespace Wisp.Xrpc.Generators;

/// <summary>Names of the pipeline steps, so tests can assert which steps ran and which were cached.</summary>
internal static class TrackingNames
{
    public const string Options = nameof(Options);
    public const string LexiconFiles = nameof(LexiconFiles);
    public const string ParsedLexicons = nameof(ParsedLexicons);
    public const string Documents = nameof(Documents);
    public const string Identities = nameof(Identities);
    public const string ShadowedFiles = nameof(ShadowedFiles);
    public const string Summaries = nameof(Summaries);
    public const string References = nameof(References);
    public const string Index = nameof(Index);
    public const string Specs = nameof(Specs);
    public const string Exports = nameof(Exports);
    public const string Endpoints = nameof(Endpoints);

    /// <summary>The steps that do per-lexicon work; none may re-run after an unrelated C# edit.</summary>
    public static readonly string[] LexiconSteps =
    [
        LexiconFiles, ParsedLexicons, Documents, Identities, ShadowedFiles, Summaries, References, Index, Specs, Exports, Endpoints,
    ];
}
