namespace Wisp.Xrpc.Generators.Model;

/// <summary>The lexicons a referenced assembly compiled, as its <c>[assembly: XrpcLexicon]</c> attributes record them.</summary>
internal sealed record ReferencedAssembly(string Name, EquatableArray<ReferencedLexicon> Lexicons);

/// <summary>
/// One lexicon of a referenced assembly: where its C# types are (decided by that assembly's generator, never again
/// here), which of its definitions were generated, and its shapes, summarized as this project's own lexicons are.
/// </summary>
/// <param name="Namespace">The full C# namespace of the lexicon's class.</param>
internal sealed record ReferencedLexicon(
    string Assembly,
    string Namespace,
    string ClassName,
    EquatableArray<ReferencedDefinition> Definitions,
    DocumentSummary Summary);

/// <summary>A definition of a referenced lexicon: its nested C# type, if any, and whether it was generated.</summary>
internal sealed record ReferencedDefinition(string Name, string? TypeName, bool IsGenerated);
