using System.Collections.Generic;
using System.Linq;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits what a reader checks once a property is read: presence (<c>required</c>), the <c>default</c> when absent,
/// and every constraint, through <c>LexiconConstraints</c> with the reference's messages.
/// </summary>
internal static class ConstraintEmitter
{
    private const string Constraints = "global::Wisp.Xrpc.Validation.LexiconConstraints";

    public static void EmitPresenceAndConstraints(SourceWriter w, PropertySpec p)
    {
        var name = SourceWriter.Literal(p.JsonName);
        if (p.IsRequired)
        {
            var missing = p.IsNullable ? $"!{p.PresentLocal}" : $"{p.Local} is null";
            w.Line($"if ({missing}) throw {ValueCodecs.Reader}.MissingProperty(path, {name});");
        }
        else if (DefaultValue(p.Value) is { } defaultValue)
        {
            // Applied when absent, as the reference does (an explicit null stays null where the lexicon allows it).
            w.Line(p.IsNullable
                ? $"if (!{p.PresentLocal}) {{ {p.Local} = {defaultValue}; {p.PresentLocal} = true; }}"
                : $"{p.Local} ??= {defaultValue};");
        }

        var checks = Checks(p.Value, p.Local + (p.Value.IsValueType ? ".Value" : string.Empty), name).ToList();
        if (checks.Count == 0)
        {
            return;
        }

        if (p.IsRequired && !p.IsNullable)
        {
            // Present for sure: the missing-property check above has thrown otherwise.
            foreach (var check in checks)
            {
                w.Line(check);
            }

            return;
        }

        w.OpenBlock($"if ({p.Local} is not null)");
        foreach (var check in checks)
        {
            w.Line(check);
        }

        w.CloseBlock();
    }

    private static string? DefaultValue(ValueSpec value) => value.IsArray ? null : value.Constraints switch
    {
        { StringDefault: { } s } => SourceWriter.Literal(s),
        { IntegerDefault: { } i } => SourceWriter.Number(i),
        { BooleanDefault: { } b } => b ? "true" : "false",
        _ => null,
    };

    private static IEnumerable<string> Checks(ValueSpec value, string expression, string name)
    {
        if (value.IsArray)
        {
            if (value.MinItems is not null || value.MaxItems is not null)
            {
                yield return $"{Constraints}.ArrayLength({expression}.Count, path, {name}, {Bound(value.MinItems, 0)}, {Bound(value.MaxItems, long.MaxValue)});";
            }

            // Item checks report at path/name; AtItem places a failure at its index (no path is built otherwise).
            var itemChecks = Checks(value with { IsArray = false }, "item", name).ToList();
            if (itemChecks.Count > 0)
            {
                yield return $"for (var i = 0; i < {expression}.Count; i++) {{ var item = {expression}[i]; try {{ {string.Join(" ", itemChecks)} }} catch (global::Wisp.Xrpc.Validation.LexiconValidationException e) {{ throw {ValueCodecs.Reader}.AtItem(e, path, {name}, i); }} }}";
            }

            yield break;
        }

        var c = value.Constraints;
        switch (value.Kind)
        {
            case ValueKind.String:
                if (c.MinLength is not null || c.MaxLength is not null)
                {
                    yield return $"{Constraints}.StringLength({expression}, path, {name}, {Bound(c.MinLength, 0)}, {Bound(c.MaxLength, long.MaxValue)});";
                }

                if (c.MinGraphemes is not null || c.MaxGraphemes is not null)
                {
                    yield return $"{Constraints}.Graphemes({expression}, path, {name}, {Bound(c.MinGraphemes, 0)}, {Bound(c.MaxGraphemes, long.MaxValue)});";
                }

                if (c.Format is not null)
                {
                    yield return $"{Constraints}.Format({expression}, path, {name}, global::Wisp.Xrpc.Validation.LexiconFormat.{c.Format});";
                }

                if (c.StringConst is not null)
                {
                    yield return $"{Constraints}.Const({expression}, path, {name}, {SourceWriter.Literal(c.StringConst)});";
                }
                else if (!c.StringEnum.IsEmpty)
                {
                    yield return $"{Constraints}.OneOf({expression}, path, {name}, [{string.Join(", ", c.StringEnum.Select(SourceWriter.Literal))}]);";
                }

                break;
            case ValueKind.Integer:
                if (c.Minimum is not null || c.Maximum is not null)
                {
                    yield return $"{Constraints}.Range({expression}, path, {name}, {Bound(c.Minimum, long.MinValue)}, {Bound(c.Maximum, long.MaxValue)});";
                }

                if (c.IntegerConst is { } constant)
                {
                    yield return $"{Constraints}.Const({expression}, path, {name}, {SourceWriter.Number(constant)});";
                }
                else if (!c.IntegerEnum.IsEmpty)
                {
                    yield return $"{Constraints}.OneOf({expression}, path, {name}, [{string.Join(", ", c.IntegerEnum.Select(SourceWriter.Number))}]);";
                }

                break;
            case ValueKind.Boolean when c.BooleanConst is { } expected:
                yield return $"{Constraints}.Const({expression}, path, {name}, {(expected ? "true" : "false")});";
                break;
            case ValueKind.Bytes when c.MinLength is not null || c.MaxLength is not null:
                yield return $"{Constraints}.BytesLength({expression}, path, {name}, {Bound(c.MinLength, 0)}, {Bound(c.MaxLength, long.MaxValue)});";
                break;
            case ValueKind.Blob when !c.Accept.IsEmpty || c.MaxSize is not null:
                yield return $"{Constraints}.Blob({expression}, path, {name}, [{string.Join(", ", c.Accept.Select(SourceWriter.Literal))}], {Bound(c.MaxSize, long.MaxValue)});";
                break;
        }
    }

    private static string Bound(long? value, long otherwise) => SourceWriter.Number(value ?? otherwise);
}
