using System.Linq;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits a union as an interface its members implement, with a nested <c>Unknown</c> for members of other
/// <c>$type</c>s (open unions only) and the static reader and writer that tell members apart by <c>$type</c>.
/// Members are named fully qualified, so no nested name can shadow them.
/// </summary>
internal static class UnionEmitter
{
    public static void Emit(SourceWriter w, UnionSpec union)
    {
        var listed = string.Join(", ", union.Members.Select(m => $"<see cref=\"{m.WrappedType ?? m.FullName}\"/>"));
        w.Summary(
            (union.Description is null ? string.Empty : union.Description + " ") + $"A member of {union.Where}:",
            (union.Members.Count == 0 ? "no member is named." : listed + ".")
            + (union.Closed ? " Closed: any other <c>$type</c> is rejected." : " Open: a member of any other <c>$type</c> is kept as <see cref=\"Unknown\"/>."));
        w.OpenBlock($"public interface {union.Name}");
        if (!union.Closed)
        {
            w.Line("/// <summary>A member whose <c>$type</c> the lexicon does not name, kept as it came and written back unchanged.</summary>");
            w.OpenBlock($"public sealed class Unknown(string type, global::Wisp.Xrpc.DataModel.DataModelValue value) : {union.FullName}");
            w.Line("/// <summary>The member's <c>$type</c>.</summary>");
            w.Line("public string Type { get; } = type;");
            w.Line();
            w.Line("/// <summary>The member as it was read, <c>$type</c> included.</summary>");
            w.Line("public global::Wisp.Xrpc.DataModel.DataModelValue Value { get; } = value ?? throw new global::System.ArgumentNullException(nameof(value));");
            w.CloseBlock();
            w.Line();
        }

        foreach (var member in union.Members)
        {
            if (member.Wrapper is { } wrapper)
            {
                EmitWrapper(w, union, member, wrapper, member.WrappedType!);
            }
        }

        w.Line("/// <summary>Reads a member, told apart by its <c>$type</c>.</summary>");
        w.OpenBlock($"public static {union.FullName} ReadFrom<TReader>(ref TReader reader, string path)", ValueCodecs.ReaderConstraint);
        w.OpenBlock($"switch ({ValueCodecs.Reader}.UnionType(ref reader, path))");
        foreach (var member in union.Members)
        {
            w.Line(member.WrappedType is { } wrapped
                ? $"case {SourceWriter.Literal(member.TypeId)}: return new {member.FullName}({wrapped}.ReadFrom(ref reader, path));"
                : $"case {SourceWriter.Literal(member.TypeId)}: return {member.FullName}.ReadFrom(ref reader, path);");
        }

        w.Line(union.Closed
            ? $"default: throw {ValueCodecs.Reader}.UnionTypeNotAllowed(path, {SourceWriter.Literal(string.Join(", ", union.Members.Select(m => m.TypeId)))});"
            : $"case var type: return new {union.FullName}.Unknown(type, {ValueCodecs.Reader}.ReadUnknownMember(ref reader));");
        w.CloseBlock();
        w.CloseBlock();
        w.Line();
        w.Line("/// <summary>Writes a member with its <c>$type</c>.</summary>");
        w.OpenBlock($"public static void WriteTo<TWriter>(TWriter writer, {union.FullName} value)", ValueCodecs.WriterConstraint);
        w.OpenBlock("switch (value)");
        for (var i = 0; i < union.Members.Count; i++)
        {
            var member = union.Members[i];
            w.Line(member.Wrapper is null
                ? $"case {member.FullName} member{i}: member{i}.WriteTo(writer, {SourceWriter.Literal(member.TypeId)}); break;"
                : $"case {member.FullName} member{i}: member{i}.Value.WriteTo(writer, {SourceWriter.Literal(member.TypeId)}); break;");
        }

        if (!union.Closed)
        {
            w.Line($"case {union.FullName}.Unknown unknown: writer.WriteValue(unknown.Value); break;");
        }

        w.Line("default: throw new global::System.ArgumentException(\"Not a member of this union: \" + value?.GetType().FullName, nameof(value));");
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
    }

    /// <summary>
    /// The holder of a member compiled in a referenced assembly: that type cannot implement this interface, so the
    /// union holds it in a class of its own: <c>Embed = new IEmbed.Images(images)</c>.
    /// </summary>
    private static void EmitWrapper(SourceWriter w, UnionSpec union, UnionMemberSpec member, string wrapper, string wrapped)
    {
        w.Line($"/// <summary>The member <c>{SourceWriter.EscapeXml(member.TypeId)}</c>: a <see cref=\"{wrapped}\"/>, compiled in a referenced assembly.</summary>");
        w.OpenBlock($"public sealed class {wrapper}({wrapped} value) : {union.FullName}");
        w.Line("/// <summary>The member.</summary>");
        w.Line($"public {wrapped} Value {{ get; }} = value ?? throw new global::System.ArgumentNullException(nameof(value));");
        w.CloseBlock();
        w.Line();
    }
}
