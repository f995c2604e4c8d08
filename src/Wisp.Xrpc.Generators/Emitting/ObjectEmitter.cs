using System.Collections.Generic;
using System.Linq;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits a lexicon <c>object</c> as a sealed class that reads, validates and writes itself
/// (<c>ILexiconObject&lt;T&gt;</c>): one pass over the JSON, no reflection. Also emits a method's <c>Params</c>,
/// read from the query string with the same constraint checks.
/// </summary>
/// <param name="scope">Resolves refs and collects the union interfaces member types implement.</param>
internal sealed class ObjectEmitter(DocumentScope scope)
{
    private const string Reader = "global::Wisp.Xrpc.Serialization.LexiconJsonReader";
    private const string Writer = "global::Wisp.Xrpc.Serialization.LexiconJsonWriter";
    private const string Constraints = "global::Wisp.Xrpc.Validation.LexiconConstraints";

    /// <summary>The static field holding an object's declared property names (reserved among its member names).</summary>
    private const string PropertyNamesField = "LexiconPropertyNames";

    /// <summary>Emits an object (or a record's object, always written with its <c>$type</c> <paramref name="recordType"/>).</summary>
    /// <param name="container">The C# path of the type that holds this one, inline objects being nested in their owner.</param>
    public void Emit(SourceWriter w, string typeName, LexiconObject type, string? description, string? recordType = null, string? container = null)
    {
        var path = $"{container ?? scope.ClassName}.{typeName}";
        var properties = Name(typeName, type.Properties, out var extensionData);

        w.Summary(description ?? type.Description);
        w.OpenBlock($"public sealed partial class {typeName} : global::Wisp.Xrpc.Serialization.ILexiconObject<{typeName}>");
        EmitProperties(w, properties);
        w.Line("/// <summary>Properties the lexicon does not declare, kept as they were read and written back unchanged.</summary>");
        w.Line("[global::System.Text.Json.Serialization.JsonIgnore] // not part of the lexicon's schema (API descriptions read it through System.Text.Json)");
        w.Line($"public global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Text.Json.JsonElement>? {extensionData} {{ get; init; }}");
        w.Line();

        EmitRead(w, typeName, properties, extensionData);
        w.Line();
        EmitWrite(w, properties, recordType, extensionData);

        foreach (var p in properties.Where(p => p.Union is not null))
        {
            w.Line();
            EmitUnion(w, p.UnionInterface!, p.Union!, $"{path}.{p.UnionInterface}", $"the \"{p.Property.Name}\" property");
        }

        foreach (var p in properties.Where(p => p.InlineObject is not null))
        {
            w.Line();
            var what = p.Property.Type is LexiconArray ? "An item of" : "The value of";
            Emit(w, p.InlineObjectClass!, p.InlineObject!, p.InlineObject!.Description ?? $"{what} the \"{p.Property.Name}\" property.", container: path);
        }

        foreach (var p in properties.Where(p => p.KnownValuesClass is not null))
        {
            w.Line();
            KnownValuesEmitter.Emit(w, p.KnownValuesClass!, p.KnownValues!, $"the \"{p.Property.Name}\" property");
        }

        w.CloseBlock();
    }

    /// <summary>
    /// Emits a union as an interface its members implement, with a nested <c>Unknown</c> for members of other
    /// <c>$type</c>s (open unions only) and the static reader and writer that tell members apart by <c>$type</c>.
    /// </summary>
    public void EmitUnion(SourceWriter w, string name, LexiconUnion union, string fullName, string where)
    {
        var members = scope.DistinctMembers(union);
        foreach (var member in members)
        {
            scope.AddUnionMember(member, fullName);
        }

        var listed = string.Join(", ", members.Select(m => $"<see cref=\"{SourceWriter.EscapeXml(scope.TypeName(m))}\"/>"));
        w.Summary((union.Description is null ? string.Empty : union.Description + " ")
            + $"A member of {where}: {(members.Count == 0 ? "no member is named" : listed)}."
            + (union.Closed ? " Closed: any other $type is rejected." : " Open: a member of any other $type is kept as <see cref=\"Unknown\"/>."));
        w.OpenBlock($"public interface {name}");
        if (!union.Closed)
        {
            w.Line("/// <summary>A member whose <c>$type</c> the lexicon does not name, kept as it came and written back unchanged.</summary>");
            w.OpenBlock($"public sealed class Unknown(string type, global::System.Text.Json.JsonElement value) : {name}");
            w.Line("/// <summary>The member's <c>$type</c>.</summary>");
            w.Line("public string Type { get; } = type;");
            w.Line();
            w.Line("/// <summary>The member as it was read, <c>$type</c> included.</summary>");
            w.Line("public global::System.Text.Json.JsonElement Value { get; } = value;");
            w.CloseBlock();
            w.Line();
        }

        w.Line("/// <summary>Reads a member, told apart by its <c>$type</c>.</summary>");
        w.OpenBlock($"public static {name} ReadJson(ref global::System.Text.Json.Utf8JsonReader reader, string path)");
        w.OpenBlock($"switch ({Reader}.UnionType(ref reader, path))");
        foreach (var member in members)
        {
            w.Line($"case {SourceWriter.Literal(scope.TypeId(member))}: return {scope.TypeName(member)}.ReadJson(ref reader, path);");
        }

        w.Line(union.Closed
            ? $"default: throw {Reader}.UnionTypeNotAllowed(path, {SourceWriter.Literal(string.Join(", ", members.Select(scope.TypeId)))});"
            : $"case var type: return new Unknown(type, {Reader}.ReadUnknownMember(ref reader));");
        w.CloseBlock();
        w.CloseBlock();
        w.Line();
        w.Line("/// <summary>Writes a member with its <c>$type</c>.</summary>");
        w.OpenBlock($"public static void WriteJson(global::System.Text.Json.Utf8JsonWriter writer, {name} value)");
        w.OpenBlock("switch (value)");
        var index = 0;
        foreach (var member in members)
        {
            w.Line($"case {scope.TypeName(member)} member{index++}: member{index - 1}.WriteJson(writer, {SourceWriter.Literal(scope.TypeId(member))}); break;");
        }

        if (!union.Closed)
        {
            w.Line("case Unknown unknown: unknown.Value.WriteTo(writer); break;");
        }

        w.Line($"default: throw new global::System.ArgumentException(\"Not a member of this union: \" + value?.GetType().FullName, nameof(value));");
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
    }

    private void EmitProperties(SourceWriter w, IReadOnlyList<NamedProperty> properties)
    {
        foreach (var p in properties)
        {
            w.Summary(p.Property.Type.Description ?? Describe(p.Property));
            var required = p.Property.IsRequired ? "required " : string.Empty;
            w.Line($"public {required}{PropertyType(p)} {p.Name} {{ get; init; }}");
            w.Line();
        }
    }

    private void EmitRead(SourceWriter w, string typeName, IReadOnlyList<NamedProperty> properties, string extensionDataName)
    {
        if (properties.Count > 0)
        {
            w.Line($"private static readonly global::Wisp.Xrpc.Serialization.LexiconPropertyNames {PropertyNamesField} = new({string.Join(", ", properties.Select(p => SourceWriter.Literal(p.Property.Name)))});");
            w.Line();
        }

        w.Line("/// <inheritdoc />");
        w.OpenBlock($"public static {typeName} ReadJson(ref global::System.Text.Json.Utf8JsonReader reader, string path)");
        w.Line($"{Reader}.ExpectObject(ref reader, path);");
        w.Line("global::System.Collections.Generic.Dictionary<string, global::System.Text.Json.JsonElement>? extensionData = null;");
        foreach (var p in properties)
        {
            w.Line($"{ValueType(p)}? {p.Local} = default;");
            if (p.Property.IsNullable)
            {
                w.Line($"var {p.Local}Present = false;");
            }
        }

        if (properties.Count == 0)
        {
            w.OpenBlock($"while ({Reader}.NextProperty(ref reader))");
            w.Line($"{Reader}.KeepProperty(ref reader, ref extensionData);");
            w.CloseBlock();
        }
        else
        {
            // One case per declared property, numbered as in the names table; the runtime matches the names and keeps
            // undeclared properties (one call per property read, not an if-chain per type: less code to compile).
            w.OpenBlock($"for (var index = -1; (index = {Reader}.NextProperty(ref reader, {PropertyNamesField}, index, ref extensionData)) >= 0;)");
            w.OpenBlock("switch (index)");
            for (var i = 0; i < properties.Count; i++)
            {
                var p = properties[i];
                w.Line(p.Property.IsNullable
                    ? $"case {i}: {p.Local}Present = true; {p.Local} = reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? null : {ReadValue(p)}; break;"
                    : $"case {i}: {p.Local} = {ReadValue(p)}; break;");
            }

            w.CloseBlock();
            w.CloseBlock();
        }

        foreach (var p in properties)
        {
            EmitPresenceAndConstraints(w, p);
        }

        var initializers = Initializers(properties);
        w.Line($"return new {typeName} {{ {initializers}{(initializers.Length == 0 ? string.Empty : ", ")}{extensionDataName} = extensionData }};");
        w.CloseBlock();
    }

    /// <summary>Emits a method's <c>parameters</c> as a <c>Params</c> class read from the query string.</summary>
    public void EmitParams(SourceWriter w, LexiconObject parameters, string description)
    {
        const string typeName = "Params";

        // A query string has no null: "nullable" means nothing for a parameter.
        var properties = Name(typeName, parameters.Properties.Select(p => p with { IsNullable = false }).ToEquatableArray(), out _);

        w.Summary(parameters.Description ?? description);
        w.OpenBlock($"public sealed partial class {typeName} : global::Wisp.Xrpc.Serialization.ILexiconParams<{typeName}>");
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
        string.Join(", ", properties.Select(p => IsOptionalNullable(p.Property)
            ? $"{p.Name} = {p.Local}Present ? new({p.Local}) : default"
            : $"{p.Name} = {p.Local}{(IsValueType(p.Property.Type) && !p.Property.IsNullable && p.Property.IsRequired ? ".Value" : string.Empty)}"));

    /// <summary>Optional and nullable: the one case where absent and null differ for the reader of the type.</summary>
    private static bool IsOptionalNullable(LexiconProperty property) => property.IsNullable && !property.IsRequired;

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
            // Applied when absent, as the reference does (an explicit null stays null where the lexicon allows it).
            w.Line(property.IsNullable
                ? $"if (!{p.Local}Present) {{ {p.Local} = {defaultValue}; {p.Local}Present = true; }}"
                : $"{p.Local} ??= {defaultValue};");
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

                if (s.Const is not null)
                {
                    yield return $"{Constraints}.Const({value}, path, {name}, {SourceWriter.Literal(s.Const)});";
                }
                else if (!s.Enum.IsEmpty)
                {
                    yield return $"{Constraints}.OneOf({value}, path, {name}, [{string.Join(", ", s.Enum.Select(SourceWriter.Literal))}]);";
                }

                break;
            case LexiconInteger i:
                if (i.Minimum is not null || i.Maximum is not null)
                {
                    yield return $"{Constraints}.Range({value}, path, {name}, {SourceWriter.Number(i.Minimum ?? long.MinValue)}, {SourceWriter.Number(i.Maximum ?? long.MaxValue)});";
                }

                if (i.Const is { } constant)
                {
                    yield return $"{Constraints}.Const({value}, path, {name}, {SourceWriter.Number(constant)});";
                }
                else if (!i.Enum.IsEmpty)
                {
                    yield return $"{Constraints}.OneOf({value}, path, {name}, [{string.Join(", ", i.Enum.Select(SourceWriter.Number))}]);";
                }

                break;
            case LexiconBytes b when b.MinLength is not null || b.MaxLength is not null:
                yield return $"{Constraints}.BytesLength({value}, path, {name}, {SourceWriter.Number(b.MinLength ?? 0)}, {SourceWriter.Number(b.MaxLength ?? long.MaxValue)});";
                break;
            case LexiconBlob blob when !blob.Accept.IsEmpty || blob.MaxSize is not null:
                yield return $"{Constraints}.Blob({value}, path, {name}, [{string.Join(", ", blob.Accept.Select(SourceWriter.Literal))}], {SourceWriter.Number(blob.MaxSize ?? long.MaxValue)});";
                break;
            case LexiconBoolean { Const: { } expected }:
                yield return $"{Constraints}.Const({value}, path, {name}, {(expected ? "true" : "false")});";
                break;
            case LexiconArray a:
                if (a.MinLength is not null || a.MaxLength is not null)
                {
                    yield return $"{Constraints}.ArrayLength({value}.Count, path, {name}, {SourceWriter.Number(a.MinLength ?? 0)}, {SourceWriter.Number(a.MaxLength ?? long.MaxValue)});";
                }

                // Item checks report at path/name; AtItem places a failure at its index (no path is built otherwise).
                var itemChecks = Checks(a.Items, "item", name).ToList();
                if (itemChecks.Count > 0)
                {
                    yield return $"for (var i = 0; i < {value}.Count; i++) {{ var item = {value}[i]; try {{ {string.Join(" ", itemChecks)} }} catch (global::Wisp.Xrpc.Validation.LexiconValidationException e) {{ throw {Reader}.AtItem(e, path, {name}, i); }} }}";
                }

                break;
        }
    }

    private void EmitWrite(SourceWriter w, IReadOnlyList<NamedProperty> properties, string? recordType, string extensionData)
    {
        w.Line("/// <inheritdoc />");
        w.Line($"public void WriteJson(global::System.Text.Json.Utf8JsonWriter writer) => WriteJson(writer, {(recordType is null ? "null" : SourceWriter.Literal(recordType))});");
        w.Line();
        w.Line("/// <summary>Writes the object, with <c>$type</c> first when <paramref name=\"type\"/> is given (a union member, a record).</summary>");
        w.OpenBlock("public void WriteJson(global::System.Text.Json.Utf8JsonWriter writer, string? type)");
        w.Line("writer.WriteStartObject();");
        w.Line($"{Writer}.WriteString(writer, \"$type\"u8, type);");
        foreach (var p in properties)
        {
            var name = SourceWriter.Utf8Literal(p.Property.Name);
            // Required and not nullable, or optional through a helper that skips null: one call.
            var alwaysPresent = p.Property.IsRequired && !p.Property.IsNullable;
            if (alwaysPresent || (!p.Property.IsRequired && !p.Property.IsNullable && HelperSkipsNull(p.Property.Type)))
            {
                w.Line(WriteValue(p, name, p.Name));
                continue;
            }

            var local = CSharpNames.Local(p.Property.Name) + "Value";
            if (IsOptionalNullable(p.Property))
            {
                // Absent, null and a value are three states: write null only when it was given.
                w.OpenBlock($"if ({p.Name}.IsPresent)");
                w.OpenBlock($"if ({p.Name}.Value is {{ }} {local})");
                w.Line(WriteValue(p, name, local));
                w.CloseBlock();
                w.OpenBlock("else");
                w.Line($"writer.WriteNull({name});");
                w.CloseBlock();
                w.CloseBlock();
                continue;
            }

            w.OpenBlock($"if ({p.Name} is {{ }} {local})");
            w.Line(WriteValue(p, name, local));
            w.CloseBlock();
            if (p.Property.IsRequired)
            {
                w.OpenBlock("else");
                w.Line($"writer.WriteNull({name});");
                w.CloseBlock();
            }
        }

        w.Line($"{Writer}.WriteExtensionData(writer, {extensionData}, type is not null);");
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
            LexiconRef r => $"{Reader}.GetObject<{scope.TypeName(r)}>(ref reader, path, {name})",
            LexiconUnknown => $"{Reader}.GetUnknown(ref reader, path, {name})",
            LexiconArray { Items: LexiconUnknown } => $"{Reader}.GetUnknownArray(ref reader, path, {name})",
            LexiconArray { Items: LexiconRef r } => $"{Reader}.GetObjectArray<{scope.TypeName(r)}>(ref reader, path, {name})",
            LexiconObject => $"{Reader}.GetObject<{p.InlineObjectClass}>(ref reader, path, {name})",
            LexiconArray { Items: LexiconObject } => $"{Reader}.GetObjectArray<{p.InlineObjectClass}>(ref reader, path, {name})",
            LexiconArray { Items: var items } => $"{Reader}.GetArray(ref reader, path, {name}, {ItemReader(p, items)})",
            var single => $"{Reader}.Get(ref reader, path, {name}, {ItemReader(p, single)})",
        };
    }

    /// <summary>The <c>LexiconValueReader</c> of a blob, bytes, cid-link or union value.</summary>
    private static string ItemReader(NamedProperty p, LexiconType type) => type switch
    {
        LexiconBlob => $"{Reader}.ReadBlob",
        LexiconBytes => $"{Reader}.ReadBytes",
        LexiconCidLink => $"{Reader}.ReadCidLink",
        LexiconUnion => $"{p.UnionInterface}.ReadJson",
        _ => throw new System.NotSupportedException(type.GetType().Name),
    };

    /// <summary>The writer (an <c>Action&lt;Utf8JsonWriter, T&gt;</c>) of a blob, bytes, cid-link or union value.</summary>
    private static string ItemWriter(NamedProperty p, LexiconType type) => type switch
    {
        LexiconBlob => $"{Writer}.WriteBlob",
        LexiconBytes => $"{Writer}.WriteBytes",
        LexiconCidLink => $"{Writer}.WriteCidLink",
        LexiconUnion => $"{p.UnionInterface}.WriteJson",
        _ => throw new System.NotSupportedException(type.GetType().Name),
    };

    /// <summary>Whether the writer helper of this type writes nothing for null (see <c>LexiconJsonWriter</c>).</summary>
    private static bool HelperSkipsNull(LexiconType type) => type is LexiconString or LexiconInteger or LexiconBoolean or LexiconRef or LexiconObject
        or LexiconArray { Items: LexiconString or LexiconInteger or LexiconBoolean or LexiconRef or LexiconObject };

    private static string WriteValue(NamedProperty p, string name, string value) => p.Property.Type switch
    {
        LexiconString => $"{Writer}.WriteString(writer, {name}, {value});",
        LexiconInteger => $"{Writer}.WriteInteger(writer, {name}, {value});",
        LexiconBoolean => $"{Writer}.WriteBoolean(writer, {name}, {value});",
        LexiconArray { Items: LexiconString } => $"{Writer}.WriteStringArray(writer, {name}, {value});",
        LexiconArray { Items: LexiconInteger } => $"{Writer}.WriteIntegerArray(writer, {name}, {value});",
        LexiconArray { Items: LexiconBoolean } => $"{Writer}.WriteBooleanArray(writer, {name}, {value});",
        LexiconRef => $"{Writer}.WriteObject(writer, {name}, {value});",
        LexiconUnknown => $"{Writer}.WriteUnknown(writer, {name}, {value});",
        LexiconArray { Items: LexiconUnknown } => $"{Writer}.WriteUnknownArray(writer, {name}, {value});",
        LexiconArray { Items: LexiconRef or LexiconObject } => $"{Writer}.WriteObjectArray(writer, {name}, {value});",
        LexiconObject => $"{Writer}.WriteObject(writer, {name}, {value});",
        LexiconArray { Items: var items } => $"{Writer}.WriteArray(writer, {name}, {value}, {ItemWriter(p, items)});",
        var single => $"{Writer}.Write(writer, {name}, {value}, {ItemWriter(p, single)});",
    };

    private string ValueType(NamedProperty p) => ValueType(p.Property.Type, p);

    private string ValueType(LexiconType type, NamedProperty p) => type switch
    {
        LexiconString => "string",
        LexiconInteger => "long",
        LexiconBoolean => "bool",
        LexiconRef r => scope.TypeName(r),
        LexiconUnknown => "global::System.Text.Json.JsonElement",
        LexiconBlob => "global::Wisp.Xrpc.BlobRef",
        LexiconBytes => "byte[]",
        LexiconCidLink => "global::Wisp.Xrpc.CidLink",
        LexiconUnion => p.UnionInterface!,
        LexiconObject => p.InlineObjectClass!,
        LexiconArray a => $"global::System.Collections.Generic.List<{ValueType(a.Items, p)}>",
        _ => throw new System.NotSupportedException(type.GetType().Name),
    };

    private string PropertyType(NamedProperty p)
    {
        var property = p.Property;
        var type = property.Type switch
        {
            LexiconArray a => $"global::System.Collections.Generic.IReadOnlyList<{ValueType(a.Items, p)}>",
            _ => ValueType(p),
        };

        // Required and not nullable: always there. Optional and nullable: absent, null or a value (Optional<T?>).
        // Anything else may be absent (or, if required, null), unless a default fills it.
        return property.IsRequired && !property.IsNullable ? type
            : IsOptionalNullable(property) ? $"global::Wisp.Xrpc.Optional<{type}?>"
            : type + "?";
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
        LexiconBlob => "a blob",
        LexiconBytes => "bytes",
        LexiconCidLink => "a CID link",
        LexiconUnion => "one of the union's members",
        LexiconObject => "an object",
        _ => "a value",
    }}.";

    private static bool IsValueType(LexiconType type) => type is LexiconInteger or LexiconBoolean or LexiconUnknown or LexiconCidLink;

    private string? DefaultValue(LexiconType type) => type switch
    {
        LexiconString { Default: { } s } => SourceWriter.Literal(s),
        LexiconInteger { Default: { } i } => SourceWriter.Number(i),
        LexiconBoolean { Default: { } b } => b ? "true" : "false",
        _ => null,
    };

    private static List<NamedProperty> Name(string typeName, EquatableArray<LexiconProperty> properties, out string extensionData)
    {
        // Member names must differ from each other and from the enclosing type (CS0542), and from the methods.
        var taken = new HashSet<string> { typeName, "ReadJson", "WriteJson", "ReadQuery", PropertyNamesField };
        var locals = new HashSet<string> { "reader", "path", "writer", "query", "index", "item", "i", "type", "extensionData" };
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

        // Union interfaces and known-value constants are nested types of the object: named after their property,
        // unique among its members.
        for (var i = 0; i < named.Count; i++)
        {
            if (named[i].Union is not null)
            {
                named[i] = named[i] with { UnionInterface = CSharpNames.Unique("I" + named[i].Name.TrimStart('@', '_'), taken) };
            }

            if (named[i].InlineObject is not null)
            {
                var suffix = named[i].Property.Type is LexiconArray ? "Item" : "Object";
                named[i] = named[i] with { InlineObjectClass = CSharpNames.Unique(named[i].Name.TrimStart('@') + suffix, taken) };
            }

            if (named[i].KnownValues is not null)
            {
                named[i] = named[i] with { KnownValuesClass = CSharpNames.Unique(named[i].Name.TrimStart('@') + "Values", taken) };
            }
        }

        extensionData = CSharpNames.Unique("ExtensionData", taken);
        return named;
    }

    private sealed record NamedProperty(LexiconProperty Property, string Name, string Local)
    {
        /// <summary>The union this property holds (itself or as its array's items), if any.</summary>
        public LexiconUnion? Union => Property.Type switch
        {
            LexiconUnion union => union,
            LexiconArray { Items: LexiconUnion union } => union,
            _ => null,
        };

        /// <summary>The name of the nested interface of <see cref="Union"/>.</summary>
        public string? UnionInterface { get; init; }

        /// <summary>
        /// The string (itself or as its array's items) whose <c>knownValues</c> are written on this property; a named
        /// string definition has its constants where it is defined instead.
        /// </summary>
        public LexiconString? KnownValues => Property.Type switch
        {
            LexiconString { KnownValues.IsEmpty: false, NamedAt: null } known => known,
            LexiconArray { Items: LexiconString { KnownValues.IsEmpty: false, NamedAt: null } known } => known,
            _ => null,
        };

        /// <summary>The name of the nested class of constants of <see cref="KnownValues"/>.</summary>
        public string? KnownValuesClass { get; init; }

        /// <summary>The object written in place on this property (itself or as its array's items), if any.</summary>
        public LexiconObject? InlineObject => Property.Type switch
        {
            LexiconObject inline => inline,
            LexiconArray { Items: LexiconObject inline } => inline,
            _ => null,
        };

        /// <summary>The name of the nested class of <see cref="InlineObject"/>.</summary>
        public string? InlineObjectClass { get; init; }
    }
}
