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

/// <summary><c>unknown</c>: any object of the data model, kept as it came (<c>Wisp.Xrpc.DataModel.DataModelValue</c>).</summary>
internal sealed record LexiconUnknown(string? Description) : LexiconType(Description);

/// <summary><c>blob</c>: a reference to binary data (<c>Wisp.Xrpc.BlobRef</c>), with its <c>accept</c> MIME globs and <c>maxSize</c>.</summary>
internal sealed record LexiconBlob(string? Description, EquatableArray<string> Accept, long? MaxSize) : LexiconType(Description);

/// <summary><c>bytes</c>: binary data in the JSON form <c>{"$bytes": base64}</c>.</summary>
internal sealed record LexiconBytes(string? Description, long? MinLength, long? MaxLength) : LexiconType(Description);

/// <summary><c>cid-link</c>: a link by CID, <c>{"$link": cid}</c> (<c>Wisp.Xrpc.CidLink</c>).</summary>
internal sealed record LexiconCidLink(string? Description) : LexiconType(Description);

/// <summary>
/// <c>union</c>: one of the objects or records its refs name, told apart by <c>$type</c>. Open unless
/// <see cref="Closed"/>: an open union keeps a member of any other <c>$type</c> as it came.
/// </summary>
internal sealed record LexiconUnion(string? Description, EquatableArray<LexiconRef> Refs, bool Closed) : LexiconType(Description);

/// <summary><c>record</c>: an object stored in a repository, with the record key type of its collection.</summary>
internal sealed record LexiconRecord(string? Description, string Key, LexiconObject Record) : LexiconType(Description);

/// <summary><c>subscription</c>: an event stream's parameters, message union and errors (the endpoint itself is not served yet).</summary>
internal sealed record LexiconSubscription(
    string? Description,
    LexiconObject? Parameters,
    LexiconUnion? Message,
    EquatableArray<LexiconError> Errors) : LexiconType(Description);

/// <summary><c>permission-set</c>: a named bundle of OAuth permissions, asked for with the scope <c>include:nsid</c>.</summary>
internal sealed record LexiconPermissionSet(string? Description, string? Title, string? Detail) : LexiconType(Description);

/// <summary><c>token</c>: a named symbol, used as a string value (<c>nsid#name</c>).</summary>
internal sealed record LexiconToken(string? Description) : LexiconType(Description);

/// <summary>
/// <c>ref</c> to the definition <paramref name="Definition"/> of the lexicon <paramref name="Document"/> (always
/// absolute: the parser fills in the lexicon's own id for <c>#local</c> refs). What it names is decided by the binder.
/// </summary>
internal sealed record LexiconRef(string? Description, string Document, string Definition) : LexiconType(Description);

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

    /// <summary>An event stream (never a <see cref="LexiconMethod"/>'s kind: only its endpoint's).</summary>
    Subscription,
}

/// <summary>
/// The <c>input</c> or <c>output</c> of a method: an encoding and, for JSON, an object schema or a ref to an
/// object defined elsewhere (<see cref="SchemaRef"/>). A body without either is raw (any encoding but
/// <c>application/json</c>) and reaches the handler as a stream.
/// </summary>
internal sealed record LexiconBody(string Encoding, string? Description, LexiconObject? Schema, LexiconRef? SchemaRef = null)
{
    /// <summary>Not JSON: the body is a stream for the handler.</summary>
    public bool IsRaw => Schema is null && SchemaRef is null;
}

/// <summary>An error a method declares.</summary>
internal sealed record LexiconError(string Name, string? Description);
