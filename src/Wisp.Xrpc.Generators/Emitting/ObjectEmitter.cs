using System.Collections.Generic;
using System.Linq;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits a lexicon <c>object</c> as a sealed record that reads, validates and writes itself
/// (<c>ILexiconObject&lt;T&gt;</c>): one pass over the JSON, no reflection. Also emits a method's <c>Params</c>,
/// read from the query string with the same constraint checks.
/// </summary>
/// <param name="resolve">The C# type of the object a ref names (nested name in this lexicon, qualified name in another).</param>
internal sealed class ObjectEmitter(System.Func<LexiconRef, string> resolve)
{
    private const string Reader = "global::Wisp.Xrpc.Serialization.LexiconJsonReader";
    private const string Writer = "global::Wisp.Xrpc.Serialization.LexiconJsonWriter";
    private const string Constraints = "global::Wisp.Xrpc.Validation.LexiconConstraints";

    public void Emit(SourceWriter w, string typeName, LexiconObject type, string? description)
    {
        var properties = Name(typeName, type.Properties);

        w.Summary(description ?? type.Description);
        w.OpenBlock($"public sealed partial record {typeName} : global::Wisp.Xrpc.Serialization.ILexiconObject<{typeName}>");
        EmitProperties(w, properties);

        EmitRead(w, typeName, properties);
        w.Line();
        EmitWrite(w, properties);
        w.CloseBlock();
    }

    private void EmitProperties(SourceWriter w, IReadOnlyList<NamedProperty> properties)
    {
        foreach (var p in properties)
        {
            w.Summary(p.Property.Type.Description ?? Describe(p.Property));
            var required = p.Property.IsRequired ? "required " : string.Empty;
            w.Line($"public {required}{PropertyType(p.Property)} {p.Name} {{ get; init; }}");
            w.Line();
        }
    }

    private void EmitRead(SourceWriter w, string typeName, IReadOnlyList<NamedProperty> properties)
    {
        w.Line("/// <inheritdoc />");
        w.OpenBlock($"public static {typeName} ReadJson(ref global::System.Text.Json.Utf8JsonReader reader, string path)");
        w.Line($"{Reader}.ExpectObject(ref reader, path);");
        foreach (var p in properties)
        {
            w.Line($"{ValueType(p.Property.Type)}? {p.Local} = default;");
            if (p.Property.IsRequired && p.Property.IsNullable)
            {
                w.Line($"var {p.Local}Present = false;");
            }
        }

        w.OpenBlock($"while ({Reader}.NextProperty(ref reader))");
        var first = true;
        foreach (var p in properties)
        {
            w.OpenBlock($"{(first ? string.Empty : "else ")}if (reader.ValueTextEquals({SourceWriter.Utf8Literal(p.Property.Name)}))");
            first = false;
            if (p.Property.IsNullable)
            {
                w.Line($"var isNull = {Reader}.MoveToValueIsNull(ref reader);");
                if (p.Property.IsRequired)
                {
                    w.Line($"{p.Local}Present = true;");
                }

                w.Line($"{p.Local} = isNull ? null : {ReadValue(p)};");
            }
            else
            {
                w.Line("reader.Read();");
                w.Line($"{p.Local} = {ReadValue(p)};");
            }

            w.CloseBlock();
        }

        if (properties.Count == 0)
        {
            w.Line($"{Reader}.SkipValue(ref reader);");
        }
        else
        {
            w.OpenBlock("else");
            w.Line("// Not declared by the lexicon: skipped.");
            w.Line($"{Reader}.SkipValue(ref reader);");
            w.CloseBlock();
        }

        w.CloseBlock();

        foreach (var p in properties)
        {
            EmitPresenceAndConstraints(w, p);
        }

        w.Line($"return new {typeName} {{ {Initializers(properties)} }};");
        w.CloseBlock();
    }

    /// <summary>Emits a method's <c>parameters</c> as a <c>Params</c> record read from the query string.</summary>
    public void EmitParams(SourceWriter w, LexiconObject parameters, string description)
    {
        const string typeName = "Params";
        var properties = Name(typeName, parameters.Properties);

        w.Summary(parameters.Description ?? description);
        w.OpenBlock($"public sealed partial record {typeName} : global::Wisp.Xrpc.Serialization.ILexiconParams<{typeName}>");
        EmitProperties(w, properties);

        w.Line("/// <inheritdoc />");
        w.OpenBlock($"public static {typeName} ReadQuery(global::Microsoft.AspNetCore.Http.IQueryCollection query, string path)");
        foreach (var p in properties)
        {
            w.Line($"var {p.Local} = {QueryRead(p)};");
        }

        foreach (var p in properties)
        {
            EmitPresenceAndConstraints(w, p);
        }

        w.Line($"return new {typeName} {{ {Initializers(properties)} }};");
        w.CloseBlock();
        w.CloseBlock();
    }

    private static string Initializers(IReadOnlyList<NamedProperty> properties) =>
        string.Join(", ", properties.Select(p => $"{p.Name} = {p.Local}{(IsValueType(p.Property.Type) && !p.Property.IsNullable && p.Property.IsRequired ? ".Value" : string.Empty)}"));

    private static string QueryRead(NamedProperty p)
    {
        const string QueryReader = "global::Wisp.Xrpc.Serialization.LexiconQueryReader";
        var name = SourceWriter.Literal(p.Property.Name);
        var kind = p.Property.Type switch
        {
            LexiconString => "String",
            LexiconInteger => "Integer",
            LexiconBoolean => "Boolean",
            LexiconArray { Items: LexiconString } => "StringArray",
            LexiconArray { Items: LexiconInteger } => "IntegerArray",
            LexiconArray { Items: LexiconBoolean } => "BooleanArray",
            _ => throw new System.NotSupportedException(p.Property.Type.GetType().Name),
        };
        return $"{QueryReader}.Get{kind}(query, path, {name})";
    }

    private void EmitPresenceAndConstraints(SourceWriter w, NamedProperty p)
    {
        var property = p.Property;
        var name = SourceWriter.Literal(property.Name);
        if (property.IsRequired)
        {
            var missing = property.IsNullable ? $"!{p.Local}Present" : $"{p.Local} is null";
            w.Line($"if ({missing}) throw {Reader}.MissingProperty(path, {name});");
        }
        else if (DefaultValue(property.Type) is { } defaultValue)
        {
            w.Line($"{p.Local} ??= {defaultValue};");
        }

        var checks = Checks(property.Type, p.Local + (IsValueType(property.Type) ? ".Value" : string.Empty), name).ToList();
        if (checks.Count == 0)
        {
            return;
        }

        if (property.IsRequired && !property.IsNullable)
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

    private IEnumerable<string> Checks(LexiconType type, string value, string name)
    {
        switch (type)
        {
            case LexiconString s:
                if (s.MinLength is not null || s.MaxLength is not null)
                {
                    yield return $"{Constraints}.StringLength({value}, path, {name}, {SourceWriter.Number(s.MinLength ?? 0)}, {SourceWriter.Number(s.MaxLength ?? long.MaxValue)});";
                }

                if (s.MinGraphemes is not null || s.MaxGraphemes is not null)
                {
                    yield return $"{Constraints}.Graphemes({value}, path, {name}, {SourceWriter.Number(s.MinGraphemes ?? 0)}, {SourceWriter.Number(s.MaxGraphemes ?? long.MaxValue)});";
                }

                if (s.Format is not null)
                {
                    yield return $"{Constraints}.Format({value}, path, {name}, global::Wisp.Xrpc.Validation.LexiconFormat.{CSharpNames.Pascal(s.Format)});";
                }

                var allowed = s.Const is not null ? new[] { s.Const } : s.Enum.ToArray();
                if (allowed.Length > 0)
                {
                    yield return $"{Constraints}.OneOf({value}, path, {name}, [{string.Join(", ", allowed.Select(SourceWriter.Literal))}]);";
                }

                break;
            case LexiconInteger i:
                if (i.Minimum is not null || i.Maximum is not null)
                {
                    yield return $"{Constraints}.Range({value}, path, {name}, {SourceWriter.Number(i.Minimum ?? long.MinValue)}, {SourceWriter.Number(i.Maximum ?? long.MaxValue)});";
                }

                var allowedIntegers = i.Const is { } c ? new[] { c } : i.Enum.ToArray();
                if (allowedIntegers.Length > 0)
                {
                    yield return $"{Constraints}.OneOf({value}, path, {name}, [{string.Join(", ", allowedIntegers.Select(SourceWriter.Number))}]);";
                }

                break;
            case LexiconBoolean { Const: { } expected }:
                yield return $"{Constraints}.Const({value}, path, {name}, {(expected ? "true" : "false")});";
                break;
            case LexiconArray a:
                if (a.MinLength is not null || a.MaxLength is not null)
                {
                    yield return $"{Constraints}.ArrayLength({value}.Count, path, {name}, {SourceWriter.Number(a.MinLength ?? 0)}, {SourceWriter.Number(a.MaxLength ?? long.MaxValue)});";
                }

                var itemChecks = Checks(a.Items, "item", name + " + \"/\" + i.ToString(global::System.Globalization.CultureInfo.InvariantCulture)").ToList();
                if (itemChecks.Count > 0)
                {
                    yield return $"for (var i = 0; i < {value}.Count; i++) {{ var item = {value}[i]; {string.Join(" ", itemChecks)} }}";
                }

                break;
        }
    }

    private void EmitWrite(SourceWriter w, IReadOnlyList<NamedProperty> properties)
    {
        w.Line("/// <inheritdoc />");
        w.OpenBlock("public void WriteJson(global::System.Text.Json.Utf8JsonWriter writer)");
        w.Line("writer.WriteStartObject();");
        foreach (var p in properties)
        {
            var name = SourceWriter.Utf8Literal(p.Property.Name);
            var alwaysPresent = p.Property.IsRequired && !p.Property.IsNullable;
            if (alwaysPresent)
            {
                w.Line(WriteValue(p.Property.Type, name, p.Name));
                continue;
            }

            var local = CSharpNames.Local(p.Property.Name) + "Value";
            w.OpenBlock($"if ({p.Name} is {{ }} {local})");
            w.Line(WriteValue(p.Property.Type, name, local));
            w.CloseBlock();
            if (p.Property.IsRequired)
            {
                w.OpenBlock("else");
                w.Line($"writer.WriteNull({name});");
                w.CloseBlock();
            }
        }

        w.Line("writer.WriteEndObject();");
        w.CloseBlock();
    }

    private string ReadValue(NamedProperty p)
    {
        var name = SourceWriter.Literal(p.Property.Name);
        return p.Property.Type switch
        {
            LexiconString => $"{Reader}.GetString(ref reader, path, {name})",
            LexiconInteger => $"{Reader}.GetInteger(ref reader, path, {name})",
            LexiconBoolean => $"{Reader}.GetBoolean(ref reader, path, {name})",
            LexiconArray { Items: LexiconString } => $"{Reader}.GetStringArray(ref reader, path, {name})",
            LexiconArray { Items: LexiconInteger } => $"{Reader}.GetIntegerArray(ref reader, path, {name})",
            LexiconArray { Items: LexiconBoolean } => $"{Reader}.GetBooleanArray(ref reader, path, {name})",
            LexiconRef r => $"{Reader}.GetObject<{resolve(r)}>(ref reader, path, {name})",
            LexiconUnknown => $"{Reader}.GetUnknown(ref reader, path, {name})",
            LexiconArray { Items: LexiconUnknown } => $"{Reader}.GetUnknownArray(ref reader, path, {name})",
            LexiconArray { Items: LexiconRef r } => $"{Reader}.GetObjectArray<{resolve(r)}>(ref reader, path, {name})",
            _ => throw new System.NotSupportedException(p.Property.Type.GetType().Name),
        };
    }

    private string WriteValue(LexiconType type, string name, string value) => type switch
    {
        LexiconString => $"writer.WriteString({name}, {value});",
        LexiconInteger => $"writer.WriteNumber({name}, {value});",
        LexiconBoolean => $"writer.WriteBoolean({name}, {value});",
        LexiconArray { Items: LexiconString } => $"{Writer}.WriteStringArray(writer, {name}, {value});",
        LexiconArray { Items: LexiconInteger } => $"{Writer}.WriteIntegerArray(writer, {name}, {value});",
        LexiconArray { Items: LexiconBoolean } => $"{Writer}.WriteBooleanArray(writer, {name}, {value});",
        LexiconRef => $"{Writer}.WriteObject(writer, {name}, {value});",
        LexiconUnknown => $"{Writer}.WriteUnknown(writer, {name}, {value});",
        LexiconArray { Items: LexiconUnknown } => $"{Writer}.WriteUnknownArray(writer, {name}, {value});",
        LexiconArray { Items: LexiconRef } => $"{Writer}.WriteObjectArray(writer, {name}, {value});",
        _ => throw new System.NotSupportedException(type.GetType().Name),
    };

    private string ValueType(LexiconType type) => type switch
    {
        LexiconString => "string",
        LexiconInteger => "long",
        LexiconBoolean => "bool",
        LexiconArray { Items: LexiconString } => "global::System.Collections.Generic.List<string>",
        LexiconArray { Items: LexiconInteger } => "global::System.Collections.Generic.List<long>",
        LexiconArray { Items: LexiconBoolean } => "global::System.Collections.Generic.List<bool>",
        LexiconRef r => resolve(r),
        LexiconUnknown => "global::System.Text.Json.JsonElement",
        LexiconArray { Items: LexiconUnknown } => "global::System.Collections.Generic.List<global::System.Text.Json.JsonElement>",
        LexiconArray { Items: LexiconRef r } => $"global::System.Collections.Generic.List<{resolve(r)}>",
        _ => throw new System.NotSupportedException(type.GetType().Name),
    };

    private string PropertyType(LexiconProperty property)
    {
        var type = property.Type switch
        {
            LexiconArray a => $"global::System.Collections.Generic.IReadOnlyList<{ValueType(a.Items)}>",
            _ => ValueType(property.Type),
        };

        // Required and not nullable: always there. Anything else may be absent (or null), unless a default fills it.
        return property.IsRequired && !property.IsNullable ? type : type + "?";
    }

    /// <summary>Documentation for a property the lexicon does not describe: its JSON name and lexicon type.</summary>
    private string Describe(LexiconProperty property) => $"The \"{property.Name}\" property: {property.Type switch
    {
        LexiconString { Format: { } format } => $"a {format} string",
        LexiconString => "a string",
        LexiconInteger => "an integer",
        LexiconBoolean => "a boolean",
        LexiconArray => "an array",
        LexiconRef r => $"a {r.Definition} object",
        LexiconUnknown => "any object, kept as it came",
        _ => "a value",
    }}.";

    private static bool IsValueType(LexiconType type) => type is LexiconInteger or LexiconBoolean or LexiconUnknown;

    private string? DefaultValue(LexiconType type) => type switch
    {
        LexiconString { Default: { } s } => SourceWriter.Literal(s),
        LexiconInteger { Default: { } i } => SourceWriter.Number(i),
        LexiconBoolean { Default: { } b } => b ? "true" : "false",
        _ => null,
    };

    private List<NamedProperty> Name(string typeName, EquatableArray<LexiconProperty> properties)
    {
        // Member names must differ from each other and from the enclosing type (CS0542), and from the methods.
        var taken = new HashSet<string> { typeName, "ReadJson", "WriteJson", "ReadQuery", "EqualityContract" };
        var locals = new HashSet<string> { "reader", "path", "writer", "query", "isNull", "item", "i" };
        var named = new List<NamedProperty>();
        foreach (var property in properties)
        {
            var name = CSharpNames.Pascal(property.Name);
            if (name == typeName)
            {
                name += "Value";
            }

            named.Add(new NamedProperty(property, CSharpNames.Unique(name, taken), CSharpNames.Unique(CSharpNames.Local(property.Name), locals)));
        }

        return named;
    }

    private sealed record NamedProperty(LexiconProperty Property, string Name, string Local);
}
