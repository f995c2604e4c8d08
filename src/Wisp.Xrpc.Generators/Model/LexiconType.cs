namespace Wisp.Xrpc.Generators.Model;

/// <summary>A lexicon type, as declared in a lexicon file (atproto.com/specs/lexicon).</summary>
internal abstract record LexiconType(string? Description);

/// <summary>
/// <c>string</c>. Lengths are in UTF-8 bytes and graphemes are extended grapheme clusters, as the spec says.
/// </summary>
internal sealed record LexiconString(
    string? Description,
    string? Format,
    long? MinLength,
    long? MaxLength,
    long? MinGraphemes,
    long? MaxGraphemes,
    EquatableArray<string> KnownValues,
    EquatableArray<string> Enum,
    string? Const,
    string? Default) : LexiconType(Description);

/// <summary><c>integer</c>: a signed 64-bit value.</summary>
internal sealed record LexiconInteger(
    string? Description,
    long? Minimum,
    long? Maximum,
    EquatableArray<long> Enum,
    long? Const,
    long? Default) : LexiconType(Description);

/// <summary><c>boolean</c>.</summary>
internal sealed record LexiconBoolean(string? Description, bool? Const, bool? Default) : LexiconType(Description);

/// <summary><c>array</c> of one item type.</summary>
internal sealed record LexiconArray(string? Description, LexiconType Items, long? MinLength, long? MaxLength) : LexiconType(Description);

/// <summary><c>object</c>, and the <c>parameters</c> of a query or procedure.</summary>
internal sealed record LexiconObject(string? Description, EquatableArray<LexiconProperty> Properties) : LexiconType(Description);

/// <summary><c>unknown</c>: any JSON object, kept as it came (<c>System.Text.Json.JsonElement</c>).</summary>
internal sealed record LexiconUnknown(string? Description) : LexiconType(Description);

/// <summary><c>token</c>: a named symbol, used as a string value (<c>nsid#name</c>).</summary>
internal sealed record LexiconToken(string? Description) : LexiconType(Description);

/// <summary>
/// <c>ref</c> to a definition by its name in <c>defs</c>: of this lexicon when <see cref="Document"/> is null,
/// else of the lexicon with that id (resolved across files through the <see cref="LexiconIndex"/>).
/// </summary>
internal sealed record LexiconRef(string? Description, string Definition, string? Document = null) : LexiconType(Description);

/// <summary>A property of an object. <see cref="IsRequired"/> and <see cref="IsNullable"/> come from the object's lists.</summary>
internal sealed record LexiconProperty(string Name, LexiconType Type, bool IsRequired, bool IsNullable);

/// <summary><c>query</c> or <c>procedure</c>: an XRPC method.</summary>
internal sealed record LexiconMethod(
    string? Description,
    XrpcMethodKind Kind,
    LexiconObject? Parameters,
    LexiconBody? Input,
    LexiconBody? Output,
    EquatableArray<LexiconError> Errors) : LexiconType(Description);

internal enum XrpcMethodKind
{
    Query,
    Procedure,
}

/// <summary>
/// The <c>input</c> or <c>output</c> of a method: an encoding and, for JSON, an object schema. A body without a
/// schema is raw (any encoding but <c>application/json</c>) and reaches the handler as a stream.
/// </summary>
internal sealed record LexiconBody(string Encoding, string? Description, LexiconObject? Schema)
{
    public bool IsRaw => Schema is null;
}

/// <summary>An error a method declares.</summary>
internal sealed record LexiconError(string Name, string? Description);
