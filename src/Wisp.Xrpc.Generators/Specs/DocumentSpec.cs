using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Specs;

/// <summary>
/// One lexicon document, bound: every C# name chosen, every ref resolved to the type it names, every dropped
/// definition left out, and only what this document's file prints of other lexicons. The emitters print it and
/// decide nothing; it is equatable, so the file re-emits only when what it prints changes.
/// </summary>
/// <param name="HintName">The generated file's name, without <c>.g.cs</c>.</param>
/// <param name="Nsid">The lexicon id.</param>
/// <param name="Namespace">The full C# namespace of the lexicon's class.</param>
/// <param name="ClassName">The lexicon's static class.</param>
/// <param name="Summary">The class's documentation.</param>
/// <param name="Members">The class's members, in the lexicon's order.</param>
/// <param name="Memberships">Types (here or in other lexicons) that must implement a union interface declared in this file.</param>
/// <param name="Notes">What binding has to say about the document (renames, a built-in handler not used), placed by the diagnostics step.</param>
internal sealed record DocumentSpec(
    string HintName,
    string Nsid,
    string Namespace,
    string ClassName,
    string? Summary,
    EquatableArray<MemberSpec> Members,
    EquatableArray<MembershipSpec> Memberships,
    EquatableArray<BindingNote> Notes);

/// <summary>
/// The lexicon as its assembly records it (<c>[assembly: XrpcLexicon(...)]</c>): the lexicon class, each definition's
/// nested type name and whether it was generated, and the lexicon itself as compact JSON. A referencing project's
/// generator binds refs to these types instead of generating the lexicon again. A file of its own, so that an edit
/// the types do not show (a description nowhere printed) re-emits only this.
/// </summary>
/// <param name="HintName">The generated file's name, without <c>_lexicon.g.cs</c>.</param>
/// <param name="LexiconClass">The lexicon's class, fully qualified without <c>global::</c>.</param>
/// <param name="Definitions">One entry per definition: <c>kind:name=TypeName</c>, <c>!</c> first when not generated.</param>
internal sealed record ExportSpec(string HintName, string Nsid, string LexiconClass, EquatableArray<string> Definitions, string Json);

/// <summary>A diagnostic the binder reports, without a position: at <paramref name="Definition"/>'s name, or at the lexicon's id when null.</summary>
internal sealed record BindingNote(string DescriptorId, string? Definition, EquatableArray<string> Args);

/// <summary>A member of a lexicon's class.</summary>
internal abstract record MemberSpec;

/// <summary>The record key type of a record collection (<c>RecordKey</c>).</summary>
internal sealed record RecordKeySpec(string Key) : MemberSpec;

/// <summary>The OAuth scope constant of a permission set (<c>Scope</c>).</summary>
internal sealed record PermissionSetSpec(string? Title, string? Detail, string Scope) : MemberSpec;

/// <summary>A token: a string constant <c>nsid#name</c>.</summary>
internal sealed record TokenSpec(string Name, string? Summary, string Value) : MemberSpec;

/// <summary>The constants of a string's <c>knownValues</c>.</summary>
/// <param name="Where">What the values belong to, for the documentation.</param>
internal sealed record KnownValuesSpec(string Name, string? Description, string Where, EquatableArray<ConstantSpec> Values) : MemberSpec;

/// <summary>One string constant.</summary>
internal sealed record ConstantSpec(string Name, string Value);

/// <summary>That the type <paramref name="TypeName"/>, nested in <paramref name="Namespace"/>.<paramref name="ClassName"/>, implements <paramref name="Interfaces"/>.</summary>
internal sealed record MembershipSpec(string Namespace, string ClassName, string TypeName, EquatableArray<string> Interfaces);
