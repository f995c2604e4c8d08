namespace Wisp.Xrpc.Generators.Model;

/// <summary>The lexicons a referenced assembly compiled, as its <c>[assembly: XrpcLexicon]</c> attributes record them.</summary>
internal sealed record ReferencedAssembly(string Name, EquatableArray<ReferencedLexicon> Lexicons);

/// <summary>
/// One lexicon of a referenced assembly: where its C# types are (decided by that assembly's generator, never again
/// here), its definitions' kinds and whether each was generated, and the lexicon's JSON, parsed only when this
/// project uses one of its named value types in place (a project that only maps a library's methods parses none).
/// </summary>
/// <param name="Namespace">The full C# namespace of the lexicon's class.</param>
internal sealed record ReferencedLexicon(
    string Assembly,
    string Id,
    string Namespace,
    string ClassName,
    EquatableArray<ReferencedDefinition> Definitions,
    string Json);

/// <summary>A definition of a referenced lexicon: its lexicon type (empty when skipped), its nested C# type, if any, and whether it was generated.</summary>
internal sealed record ReferencedDefinition(string Name, string Kind, string? TypeName, bool IsGenerated);
