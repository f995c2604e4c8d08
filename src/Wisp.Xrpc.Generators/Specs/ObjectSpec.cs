using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Specs;

/// <summary>A lexicon object as a sealed class that reads, validates and writes itself.</summary>
/// <param name="Name">The class name.</param>
/// <param name="FullName">The class, fully qualified (<c>global::…</c>).</param>
/// <param name="RecordType">For a record: the <c>$type</c> it is always written with.</param>
/// <param name="Properties">The declared properties, in the lexicon's order.</param>
/// <param name="WriteOrder">
/// The indices of <paramref name="Properties"/> in the order the writer writes them: DAG-CBOR's key order (shorter
/// UTF-8 names first, then bytewise), so that the CBOR encoder writes them as they come, with no sorting.
/// </param>
/// <param name="Unions">Union interfaces nested in the class, one per property holding a union.</param>
/// <param name="InlineObjects">Classes of objects written in place on a property, nested in the class.</param>
/// <param name="KnownValues">Constants of known values written on a property, nested in the class.</param>
internal sealed record ObjectSpec(
    string Name,
    string FullName,
    string? Summary,
    string? RecordType,
    EquatableArray<PropertySpec> Properties,
    EquatableArray<int> WriteOrder,
    EquatableArray<UnionSpec> Unions,
    EquatableArray<ObjectSpec> InlineObjects,
    EquatableArray<KnownValuesSpec> KnownValues) : MemberSpec;

/// <summary>One property: its JSON name, its C# member and locals, and its value.</summary>
/// <param name="JsonName">The name in JSON (and in the lexicon).</param>
/// <param name="Name">The C# property.</param>
/// <param name="Local">The local the reader reads it into.</param>
/// <param name="PresentLocal">The local that says it was present (used when it is nullable).</param>
/// <param name="WriteLocal">The pattern variable the writer tests it into.</param>
/// <param name="Description">The lexicon's description of it, if any.</param>
/// <param name="Summary">Its documentation: the description, or what it is.</param>
internal sealed record PropertySpec(
    string JsonName,
    string Name,
    string Local,
    string PresentLocal,
    string WriteLocal,
    string? Description,
    string Summary,
    bool IsRequired,
    bool IsNullable,
    ValueSpec Value)
{
    /// <summary>Optional and nullable: the one case where absent and null differ for the reader of the type (<c>Optional&lt;T?&gt;</c>).</summary>
    public bool IsOptionalNullable => IsNullable && !IsRequired;
}

/// <summary>The Lexicon value types, as the runtime reads, checks and writes them.</summary>
internal enum ValueKind
{
    String,
    Integer,
    Boolean,
    Unknown,
    Blob,
    Bytes,
    CidLink,
    Object,
    Union,
}

/// <summary>
/// A property's value: its kind, its C# type (of the items, for an array) and every constraint on it. The one
/// type mapping of a property: the emitters print from this and never look at the lexicon type.
/// </summary>
/// <param name="ClrType">The C# type of the value (of one item for an array), fully qualified.</param>
/// <param name="MinItems">An array's <c>minLength</c>.</param>
/// <param name="MaxItems">An array's <c>maxLength</c>.</param>
internal sealed record ValueSpec(ValueKind Kind, string ClrType, bool IsArray, ValueConstraints Constraints, long? MinItems = null, long? MaxItems = null)
{
    /// <summary>A C# value type, read into a nullable local.</summary>
    public bool IsValueType => !IsArray && Kind is ValueKind.Integer or ValueKind.Boolean or ValueKind.CidLink;
}

/// <summary>The constraints a lexicon puts on a value (atproto.com/specs/lexicon), for the kinds they apply to.</summary>
internal sealed record ValueConstraints(
    long? MinLength = null,
    long? MaxLength = null,
    long? MinGraphemes = null,
    long? MaxGraphemes = null,
    string? Format = null,
    string? StringConst = null,
    string? StringDefault = null,
    EquatableArray<string> StringEnum = default,
    long? Minimum = null,
    long? Maximum = null,
    long? IntegerConst = null,
    long? IntegerDefault = null,
    EquatableArray<long> IntegerEnum = default,
    bool? BooleanConst = null,
    bool? BooleanDefault = null,
    EquatableArray<string> Accept = default,
    long? MaxSize = null)
{
    public static readonly ValueConstraints None = new();

    public bool HasDefault => StringDefault is not null || IntegerDefault is not null || BooleanDefault is not null;
}

/// <summary>A union: an interface its members implement, told apart by <c>$type</c>.</summary>
/// <param name="Where">What holds the union, for the documentation.</param>
internal sealed record UnionSpec(string Name, string FullName, string? Description, string Where, bool Closed, EquatableArray<UnionMemberSpec> Members);

/// <summary>A union member: its <c>$type</c> and its C# type, fully qualified.</summary>
/// <param name="Wrapper">
/// For a member compiled in a referenced assembly (which cannot be made to implement this union's interface): the
/// class nested in the interface that holds it, named <paramref name="Wrapper"/>; <paramref name="FullName"/> is then
/// that class, and <paramref name="WrappedType"/> the member's own type.
/// </param>
internal sealed record UnionMemberSpec(string TypeId, string FullName, string? Wrapper = null, string? WrappedType = null);
