using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits one lexicon document as one file: a static class holding the lexicon's types (e.g. <c>Create.Input</c>,
/// <c>Create.Output</c>, <c>Create.IHandler</c>), then the partial parts that make union members implement the
/// union interfaces this file declares.
/// </summary>
internal static class DocumentEmitter
{
    public static string HintName(DocumentSpec document) => document.HintName + ".g.cs";

    public static string Emit(DocumentSpec document)
    {
        var w = new SourceWriter();
        w.Line(SourceWriter.Header);
        w.OpenBlock($"namespace {document.Namespace}");
        w.Summary(document.Summary);
        w.Line($"/// <remarks>Generated from the lexicon <c>{SourceWriter.EscapeXml(document.Nsid)}</c>.</remarks>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Wisp.Xrpc.Generators\", \"" + ThisAssembly.Version + "\")]");
        w.OpenBlock($"public static partial class {document.ClassName}");
        w.Line("/// <summary>The lexicon's NSID.</summary>");
        w.Line($"public const string Id = {SourceWriter.Literal(document.Nsid)};");

        foreach (var member in document.Members)
        {
            switch (member)
            {
                case MethodSpec method:
                    MethodEmitter.Emit(w, document, method);
                    break;
                case SubscriptionSpec subscription:
                    SubscriptionEmitter.Emit(w, document, subscription);
                    break;
                case RecordKeySpec recordKey:
                    w.Line();
                    w.Line("/// <summary>The record key type of this collection (<c>tid</c>, <c>nsid</c>, <c>literal:self</c>, <c>any</c>…).</summary>");
                    w.Line($"public const string RecordKey = {SourceWriter.Literal(recordKey.Key)};");
                    break;
                case PermissionSetSpec permissionSet:
                    w.Line();
                    w.Summary((permissionSet.Title is null ? string.Empty : permissionSet.Title + ". ") + (permissionSet.Detail ?? string.Empty)
                        + " The OAuth scope that asks for this permission set.");
                    w.Line($"public const string Scope = {SourceWriter.Literal(permissionSet.Scope)};");
                    break;
                case ObjectSpec obj:
                    w.Line();
                    ObjectEmitter.Emit(w, obj);
                    break;
                case KnownValuesSpec knownValues:
                    w.Line();
                    KnownValuesEmitter.Emit(w, knownValues);
                    break;
                case TokenSpec token:
                    w.Line();
                    w.Summary(token.Summary);
                    w.Line($"public const string {token.Name} = {SourceWriter.Literal(token.Value)};");
                    break;
            }
        }

        w.CloseBlock();
        w.CloseBlock();
        EmitMemberships(w, document.Memberships);
        return w.ToString();
    }


    /// <summary>The partial parts, after the lexicon's own namespace, that make union members implement their unions.</summary>
    private static void EmitMemberships(SourceWriter w, EquatableArray<MembershipSpec> memberships)
    {
        var i = 0;
        while (i < memberships.Count)
        {
            var first = memberships[i];
            w.Line();
            w.OpenBlock($"namespace {first.Namespace}");
            w.OpenBlock($"public static partial class {first.ClassName}");
            var j = i;
            for (; j < memberships.Count && memberships[j].Namespace == first.Namespace && memberships[j].ClassName == first.ClassName; j++)
            {
                if (j > i)
                {
                    w.Line();
                }

                w.Line($"public sealed partial class {memberships[j].TypeName} : {string.Join(", ", memberships[j].Interfaces)};");
            }

            w.CloseBlock();
            w.CloseBlock();
            i = j;
        }
    }
}
