using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits the <c>knownValues</c> of a string as a static class of constants. The string stays open (any value is
/// accepted), as the spec says; the constants are for writing and comparing values without typos.
/// </summary>
internal static class KnownValuesEmitter
{
    public static void Emit(SourceWriter w, KnownValuesSpec spec)
    {
        w.Summary((spec.Description is null ? string.Empty : spec.Description + " ") + $"The known values of {spec.Where}; other values are valid too.");
        w.OpenBlock($"public static class {spec.Name}");
        var first = true;
        foreach (var constant in spec.Values)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Summary(null, $"<c>{SourceWriter.EscapeXml(constant.Value)}</c>");
            w.Line($"public const string {constant.Name} = {SourceWriter.Literal(constant.Value)};");
        }

        w.CloseBlock();
    }
}
