using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>Emits a method's or stream's <c>parameters</c> as a <c>Params</c> class read from the query string with the same checks as bodies,
/// and written to one for a client's call.</summary>
internal static class ParamsEmitter
{
    public static void Emit(SourceWriter w, ParamsSpec spec)
    {
        w.Summary(spec.Summary);
        w.OpenBlock($"public sealed partial class Params : global::Wisp.Xrpc.Serialization.ILexiconParams<{spec.FullName}>");
        ObjectEmitter.EmitProperties(w, spec.Properties);

        w.Line("/// <inheritdoc />");
        w.OpenBlock($"public static {spec.FullName} ReadQuery(global::Microsoft.AspNetCore.Http.IQueryCollection query, string path)");
        foreach (var p in spec.Properties)
        {
            w.Line($"var {p.Local} = {ValueCodecs.ReadQuery(p)};");
        }

        foreach (var p in spec.Properties)
        {
            ConstraintEmitter.EmitPresenceAndConstraints(w, p);
        }

        w.Line($"return new {spec.FullName} {{ {ObjectEmitter.Initializers(spec.Properties)} }};");
        w.CloseBlock();
        w.Line();
        w.Line("/// <inheritdoc />");
        w.OpenBlock("public void WriteQuery(global::Wisp.Xrpc.Serialization.LexiconQueryWriter writer)");
        foreach (var p in spec.Properties)
        {
            w.Line($"writer.Add({SourceWriter.Literal(p.JsonName)}, {p.Name});");
        }

        w.CloseBlock();
        w.CloseBlock();
    }
}
