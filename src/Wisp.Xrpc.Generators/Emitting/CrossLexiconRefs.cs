using System.Linq;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>Resolves refs to other lexicons for emission, through the <see cref="LexiconIndex"/>.</summary>
internal static class CrossLexiconRefs
{
    /// <summary>The fully qualified C# type of an object or record definition of lexicon <paramref name="document"/>.</summary>
    public static string QualifiedTypeName(string rootNamespace, string document, string definition, LexiconIndex index) =>
        $"global::{CSharpNames.Namespace(rootNamespace, document)}.{CSharpNames.DocumentClass(document)}.{index.Find(document, definition)!.TypeName}";

    /// <summary>Replaces refs to named primitives of other lexicons with the primitive type, constraints included.</summary>
    public static LexiconType InlinePrimitives(LexiconType type, LexiconIndex index) => type switch
    {
        LexiconRef { Document: { } document } reference when index.Find(document, reference.Definition)?.Primitive is { } primitive => primitive,
        LexiconArray array => array with { Items = InlinePrimitives(array.Items, index) },
        LexiconRecord record => record with { Record = (LexiconObject)InlinePrimitives(record.Record, index) },
        LexiconSubscription subscription => subscription with
        {
            Parameters = subscription.Parameters is null ? null : (LexiconObject)InlinePrimitives(subscription.Parameters, index),
        },
        LexiconObject obj => obj with { Properties = obj.Properties.Select(p => p with { Type = InlinePrimitives(p.Type, index) }).ToEquatableArray() },
        LexiconMethod method => method with
        {
            Parameters = method.Parameters is null ? null : (LexiconObject)InlinePrimitives(method.Parameters, index),
            Input = Inline(method.Input, index),
            Output = Inline(method.Output, index),
        },
        _ => type,
    };

    private static LexiconBody? Inline(LexiconBody? body, LexiconIndex index) =>
        body?.Schema is { } schema ? body with { Schema = (LexiconObject)InlinePrimitives(schema, index) } : body;
}
