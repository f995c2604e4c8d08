using System.Collections.Generic;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits the <c>knownValues</c> of a string as a static class of constants. The string stays open (any value is
/// accepted), as the spec says; the constants are for writing and comparing values without typos.
/// </summary>
internal static class KnownValuesEmitter
{
    /// <param name="w">The writer.</param>
    /// <param name="className">The class's name.</param>
    /// <param name="type">The string.</param>
    /// <param name="where">What the values belong to, for the documentation (<c>nsid#name</c>, a property).</param>
    public static void Emit(SourceWriter w, string className, LexiconString type, string where)
    {
        w.Summary((type.Description is null ? string.Empty : type.Description + " ") + $"The known values of {where}; other values are valid too.");
        w.OpenBlock($"public static class {className}");
        var taken = new HashSet<string> { className };
        var first = true;
        foreach (var value in type.KnownValues)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            var local = value.Substring(System.Math.Max(value.LastIndexOf('#'), value.LastIndexOf('.')) + 1);
            w.Line($"/// <summary><c>{SourceWriter.EscapeXml(value)}</c></summary>");
            w.Line($"public const string {CSharpNames.Unique(CSharpNames.Pascal(local.Length == 0 ? value : local).TrimStart('@'), taken)} = {SourceWriter.Literal(value)};");
        }

        w.CloseBlock();
    }
}
