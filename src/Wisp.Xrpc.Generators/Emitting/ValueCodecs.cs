using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// How each kind of value is read, written and typed in generated code: the runtime helpers
/// (<c>LexiconReader</c>, <c>LexiconWriter</c>, <c>LexiconQueryReader</c>) each kind calls, in one table.
/// </summary>
internal static class ValueCodecs
{
    public const string Reader = "global::Wisp.Xrpc.Serialization.LexiconReader";
    public const string Writer = "global::Wisp.Xrpc.Serialization.LexiconWriter";

    /// <summary>The type parameter constraints of a generated reader and writer, generic over the encoding.</summary>
    public const string ReaderConstraint = "where TReader : global::Wisp.Xrpc.Serialization.ILexiconReader, allows ref struct";

    /// <inheritdoc cref="ReaderConstraint"/>
    public const string WriterConstraint = "where TWriter : global::Wisp.Xrpc.Serialization.ILexiconWriter";
    private const string QueryReader = "global::Wisp.Xrpc.Serialization.LexiconQueryReader";

    /// <summary>The C# type of the value as a local: the item type, or a <c>List&lt;T&gt;</c> of it.</summary>
    public static string LocalType(ValueSpec value) =>
        value.IsArray ? $"global::System.Collections.Generic.List<{value.ClrType}>" : value.ClrType;

    /// <summary>The C# type of the property: required and not nullable, always there; optional and nullable, an <c>Optional&lt;T?&gt;</c>; anything else, nullable.</summary>
    public static string PropertyType(PropertySpec property)
    {
        var type = property.Value.IsArray ? $"global::System.Collections.Generic.IReadOnlyList<{property.Value.ClrType}>" : property.Value.ClrType;
        return property.IsRequired && !property.IsNullable ? type
            : property.IsOptionalNullable ? $"global::Wisp.Xrpc.Optional<{type}?>"
            : type + "?";
    }

    /// <summary>The expression that reads the property's value at the reader's current token.</summary>
    public static string Read(PropertySpec property)
    {
        var value = property.Value;
        var name = SourceWriter.Literal(property.JsonName);
        var array = value.IsArray ? "Array" : string.Empty;
        return value.Kind switch
        {
            ValueKind.String or ValueKind.Integer or ValueKind.Boolean or ValueKind.Unknown => $"{Reader}.Get{value.Kind}{array}(ref reader, path, {name})",
            ValueKind.Object => $"{Reader}.GetObject{array}<TReader, {value.ClrType}>(ref reader, path, {name})",
            _ => $"{Reader}.{(value.IsArray ? "GetArray" : "Get")}(ref reader, path, {name}, {ItemReader(value)})",
        };
    }

    /// <summary>The statement that writes the property's value <paramref name="value"/> under <paramref name="name"/> (a UTF-8 literal).</summary>
    public static string Write(ValueSpec spec, string name, string value)
    {
        var array = spec.IsArray ? "Array" : string.Empty;
        return spec.Kind switch
        {
            ValueKind.String or ValueKind.Integer or ValueKind.Boolean or ValueKind.Unknown or ValueKind.Object =>
                $"{Writer}.Write{spec.Kind}{array}(writer, {name}, {value});",
            _ => $"{Writer}.{(spec.IsArray ? "WriteArray" : "Write")}(writer, {name}, {value}, {ItemWriter(spec)});",
        };
    }

    /// <summary>Whether the writer helper of this kind writes nothing for null (see <c>LexiconWriter</c>).</summary>
    public static bool WriterSkipsNull(ValueSpec value) => value.Kind is ValueKind.String or ValueKind.Integer or ValueKind.Boolean or ValueKind.Object;

    /// <summary>The expression that reads a parameter from the query string.</summary>
    public static string ReadQuery(PropertySpec property) =>
        $"{QueryReader}.Get{property.Value.Kind}{(property.Value.IsArray ? "Array" : string.Empty)}(query, path, {SourceWriter.Literal(property.JsonName)})";

    /// <summary>The <c>LexiconValueReader</c> of a blob, bytes, cid-link or union value.</summary>
    private static string ItemReader(ValueSpec value) => value.Kind switch
    {
        ValueKind.Union => $"{value.ClrType}.ReadFrom<TReader>",
        _ => $"{Reader}.Read{value.Kind}<TReader>",
    };

    /// <summary>The <c>LexiconValueWriter</c> of a blob, bytes, cid-link or union value.</summary>
    private static string ItemWriter(ValueSpec value) => value.Kind switch
    {
        ValueKind.Union => $"{value.ClrType}.WriteTo<TWriter>",
        _ => $"{Writer}.Write{value.Kind}<TWriter>",
    };
}
