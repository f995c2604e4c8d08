using System.Linq;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits <c>[assembly: Wisp.Xrpc.XrpcLexicon(...)]</c> for one lexicon: how projects that reference this assembly
/// learn its lexicons and their C# types (read back by <c>References/LexiconReferenceReader</c>).
/// </summary>
internal static class ExportEmitter
{
    public static string HintName(ExportSpec export) => export.HintName + "_lexicon.g.cs"; // "_" is in no NSID, so no document's file is named so;

    public static string Emit(ExportSpec export)
    {
        var w = new SourceWriter();
        w.Line(SourceWriter.Header);
        w.Line($"// The lexicon {export.Nsid}, recorded for the generators of projects that reference this assembly.");
        w.Line($"[assembly: global::Wisp.Xrpc.XrpcLexicon({SourceWriter.Literal(export.Nsid)}, {SourceWriter.Literal(export.LexiconClass)},");
        w.Line($"    [{string.Join(", ", export.Definitions.Select(SourceWriter.Literal))}],");
        w.Line($"    {SourceWriter.Literal(export.Json)})]");
        return w.ToString();
    }
}
