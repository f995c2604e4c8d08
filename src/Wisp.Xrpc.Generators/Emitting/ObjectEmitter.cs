using System.Collections.Generic;
using System.Linq;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits a lexicon <c>object</c> as a sealed class that reads, validates and writes itself
/// (<c>ILexiconObject&lt;T&gt;</c>) in either encoding: one reader and one writer, generic over the encoding, one pass, no
/// reflection; then the types nested in it.
/// </summary>
internal static class ObjectEmitter
{
    /// <summary>The static field holding an object's declared property names (reserved among its member names by the binder).</summary>
    private const string PropertyNamesField = "LexiconPropertyNames";

    public static void Emit(SourceWriter w, ObjectSpec spec)
    {
        w.Summary(spec.Summary);
        w.OpenBlock($"public sealed partial class {spec.Name} : global::Wisp.Xrpc.Serialization.ILexiconObject<{spec.FullName}>");
        EmitProperties(w, spec.Properties);
        w.Line("/// <summary>Properties the lexicon does not declare, kept as they were read and written back unchanged.</summary>");
        w.Line("[global::System.Text.Json.Serialization.JsonIgnore] // not part of the lexicon's schema (API descriptions read it through System.Text.Json)");
        w.Line("public global::System.Collections.Generic.IReadOnlyDictionary<string, global::Wisp.Xrpc.DataModel.DataModelValue>? ExtensionData { get; init; }");
        w.Line();

        EmitRead(w, spec);
        w.Line();
        EmitWrite(w, spec);

        foreach (var union in spec.Unions)
        {
            w.Line();
            UnionEmitter.Emit(w, union);
        }

        foreach (var inline in spec.InlineObjects)
        {
            w.Line();
            Emit(w, inline);
        }

        foreach (var known in spec.KnownValues)
        {
            w.Line();
            KnownValuesEmitter.Emit(w, known);
        }

        w.CloseBlock();
    }

    /// <summary>The properties, documented, <c>required</c> where the lexicon requires them.</summary>
    public static void EmitProperties(SourceWriter w, EquatableArray<PropertySpec> properties)
    {
        foreach (var p in properties)
        {
            w.Summary(p.Summary);
            var required = p.IsRequired ? "required " : string.Empty;
            w.Line($"public {required}{ValueCodecs.PropertyType(p)} {p.Name} {{ get; init; }}");
            w.Line();
        }
    }

    /// <summary>The object initializer of the properties from their locals.</summary>
    public static string Initializers(EquatableArray<PropertySpec> properties) =>
        string.Join(", ", properties.Select(p => p.IsOptionalNullable
            ? $"{p.Name} = {p.PresentLocal} ? new({p.Local}) : default"
            : $"{p.Name} = {p.Local}{(p.Value.IsValueType && !p.IsNullable && p.IsRequired ? ".Value" : string.Empty)}"));

    private static void EmitRead(SourceWriter w, ObjectSpec spec)
    {
        var properties = spec.Properties;
        var names = string.Join(", ", properties.Select(p => SourceWriter.Literal(p.JsonName)));
        var namesTable = spec.RecordType is { } type
            ? $"global::Wisp.Xrpc.Serialization.LexiconPropertyNames.ForRecord({SourceWriter.Literal(type)}{(names.Length == 0 ? string.Empty : ", ")}{names})"
            : properties.Count > 0 ? $"new({names})" : null;
        if (namesTable is not null)
        {
            // A record's table names its collection: the reader drops a $type equal to it, which the writer writes again.
            w.Line($"private static readonly global::Wisp.Xrpc.Serialization.LexiconPropertyNames {PropertyNamesField} = {namesTable};");
            w.Line();
        }

        w.Line("/// <inheritdoc />");
        w.OpenBlock($"public static {spec.FullName} ReadFrom<TReader>(ref TReader reader, string path)", ValueCodecs.ReaderConstraint);
        w.Line($"{ValueCodecs.Reader}.ExpectObject(ref reader, path);");
        w.Line("global::System.Collections.Generic.Dictionary<string, global::Wisp.Xrpc.DataModel.DataModelValue>? extensionData = null;");
        foreach (var p in properties)
        {
            w.Line($"{ValueCodecs.LocalType(p.Value)}? {p.Local} = default;");
            if (p.IsNullable)
            {
                w.Line($"var {p.PresentLocal} = false;");
            }
        }

        if (properties.Count == 0)
        {
            // No declared property: every one is kept.
            w.Line($"reader.NextProperty({(namesTable is null ? "global::Wisp.Xrpc.Serialization.LexiconPropertyNames.None" : PropertyNamesField)}, -1, ref extensionData, path);");
        }
        else
        {
            // One case per declared property, numbered as in the names table; the runtime matches the names and keeps
            // undeclared properties (one call per property read, not an if-chain per type: less code to compile).
            w.OpenBlock($"for (var index = -1; (index = reader.NextProperty({PropertyNamesField}, index, ref extensionData, path)) >= 0;)");
            w.OpenBlock("switch (index)");
            for (var i = 0; i < properties.Count; i++)
            {
                var p = properties[i];
                w.Line(p.IsNullable
                    ? $"case {i}: {p.PresentLocal} = true; {p.Local} = reader.TryReadNull() ? null : {ValueCodecs.Read(p)}; break;"
                    : $"case {i}: {p.Local} = {ValueCodecs.Read(p)}; break;");
            }

            w.CloseBlock();
            w.CloseBlock();
        }

        foreach (var p in properties)
        {
            ConstraintEmitter.EmitPresenceAndConstraints(w, p);
        }

        if (spec.RecordType is { } recordType)
        {
            w.Line($"{ValueCodecs.Reader}.CheckRecordType(extensionData, path, {SourceWriter.Literal(recordType)});");
        }

        var initializers = Initializers(properties);
        w.Line($"return new {spec.FullName} {{ {initializers}{(initializers.Length == 0 ? string.Empty : ", ")}ExtensionData = extensionData }};");
        w.CloseBlock();
    }

    private static void EmitWrite(SourceWriter w, ObjectSpec spec)
    {
        w.Line("/// <inheritdoc />");
        w.Indent("public void WriteTo<TWriter>(TWriter writer)");
        w.Line($"{ValueCodecs.WriterConstraint} => WriteTo(writer, {(spec.RecordType is null ? "null" : SourceWriter.Literal(spec.RecordType))});").Outdent();
        w.Line();
        w.Line("/// <summary>Writes the object: <c>$type</c> first when <paramref name=\"type\"/> is given (a union member, a record), then the properties in DAG-CBOR's key order.</summary>");
        w.OpenBlock("public void WriteTo<TWriter>(TWriter writer, string? type)", ValueCodecs.WriterConstraint);
        w.Line("writer.WriteStartObject();");
        w.Line($"{ValueCodecs.Writer}.WriteType(writer, type);");
        foreach (var p in spec.WriteOrder.Select(i => spec.Properties[i]))
        {
            var name = SourceWriter.Utf8Literal(p.JsonName);

            // Required and not nullable, or optional through a helper that skips null: one call.
            if ((p.IsRequired && !p.IsNullable) || (!p.IsRequired && !p.IsNullable && ValueCodecs.WriterSkipsNull(p.Value)))
            {
                w.Line(ValueCodecs.Write(p.Value, name, p.Name));
                continue;
            }

            if (p.IsOptionalNullable)
            {
                // Absent, null and a value are three states: write null only when it was given.
                w.OpenBlock($"if ({p.Name}.IsPresent)");
                w.OpenBlock($"if ({p.Name}.Value is {{ }} {p.WriteLocal})");
                w.Line(ValueCodecs.Write(p.Value, name, p.WriteLocal));
                w.CloseBlock();
                w.OpenBlock("else");
                w.Line($"{ValueCodecs.Writer}.WriteNull(writer, {name});");
                w.CloseBlock();
                w.CloseBlock();
                continue;
            }

            w.OpenBlock($"if ({p.Name} is {{ }} {p.WriteLocal})");
            w.Line(ValueCodecs.Write(p.Value, name, p.WriteLocal));
            w.CloseBlock();
            if (p.IsRequired)
            {
                w.OpenBlock("else");
                w.Line($"{ValueCodecs.Writer}.WriteNull(writer, {name});");
                w.CloseBlock();
            }
        }

        w.Line($"{ValueCodecs.Writer}.WriteExtensionData(writer, ExtensionData, type is not null);");
        w.Line("writer.WriteEndObject();");
        w.CloseBlock();
    }
}
