using System.Collections.Generic;
using System.Linq;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// The C# names of a lexicon's object and token definitions, nested in its class. One function for the emitter
/// of that lexicon and for every other lexicon that refers to it, so both always agree.
/// </summary>
internal static class DefinitionNames
{
    public static Dictionary<string, string> Of(LexiconDocument document)
    {
        var className = CSharpNames.DocumentClass(document.Id);
        var isMethod = document.Definitions.Any(d => d.Name == "main" && d.Type is LexiconMethod);

        // Nested names must differ from the class (CS0542) and from the members every lexicon class has.
        var taken = new HashSet<string> { className, "Id", "Method", "IHandler", "Errors", "DefaultHandler", "RecordKey", "Scope", "IMessage" };
        if (isMethod || document.Definitions.Any(d => d.Name == "main" && d.Type is LexiconSubscription))
        {
            taken.UnionWith(["Params", "Input", "Output"]);
        }

        var names = new Dictionary<string, string>();
        foreach (var definition in document.Definitions)
        {
            if (definition.Type is LexiconObject or LexiconRecord or LexiconToken or LexiconString { KnownValues.IsEmpty: false })
            {
                names[definition.Name] = CSharpNames.Unique(definition.Name == "main" ? "Main" : CSharpNames.Pascal(definition.Name), taken);
            }
        }

        return names;
    }

    /// <summary>What other lexicons see of <paramref name="document"/>.</summary>
    public static DocumentSummary Summarize(LexiconDocument document)
    {
        var names = Of(document);
        var definitions = new List<DefinitionSummary>();
        var dependencies = new List<Dependency>();
        foreach (var definition in document.Definitions)
        {
            definitions.Add(definition.Type switch
            {
                LexiconObject => new DefinitionSummary(definition.Name, names[definition.Name], null, "object"),
                LexiconRecord => new DefinitionSummary(definition.Name, names[definition.Name], null, "record"),
                LexiconToken => new DefinitionSummary(definition.Name, null, null, "token"),
                LexiconMethod or LexiconSubscription or LexiconPermissionSet => new DefinitionSummary(definition.Name, null, null, KindOf(definition.Type)),
                LexiconString named => new DefinitionSummary(definition.Name, null, named with { NamedAt = $"{document.Id}#{definition.Name}" }, "string"),
                _ => new DefinitionSummary(definition.Name, null, Absolute(definition.Type, document.Id), KindOf(definition.Type)),
            });
            foreach (var reference in Refs(definition.Type))
            {
                dependencies.Add(new Dependency(definition.Name, reference.Document ?? document.Id, reference.Definition));
            }
        }

        definitions.AddRange(document.SkippedDefinitions.Select(name => new DefinitionSummary(name, null, null)));
        return new DocumentSummary(document.Id, definitions.ToEquatableArray(), dependencies.Distinct().ToEquatableArray());
    }

    /// <summary>The lexicon type name of a definition, as other lexicons' diagnostics name it.</summary>
    private static string KindOf(LexiconType type) => type switch
    {
        LexiconMethod { Kind: XrpcMethodKind.Query } => "query",
        LexiconMethod => "procedure",
        LexiconSubscription => "subscription",
        LexiconPermissionSet => "permission-set",
        LexiconString => "string",
        LexiconInteger => "integer",
        LexiconBoolean => "boolean",
        LexiconArray => "array",
        LexiconUnion => "union",
        LexiconBlob => "blob",
        LexiconBytes => "bytes",
        LexiconCidLink => "cid-link",
        LexiconUnknown => "unknown",
        _ => "value",
    };

    /// <summary>
    /// A value type other lexicons use inline: its local refs (<c>#name</c>) must keep naming this lexicon's
    /// definitions wherever the type is inlined.
    /// </summary>
    private static LexiconType Absolute(LexiconType type, string documentId) => type switch
    {
        LexiconRef { Document: null } reference => reference with { Document = documentId },
        LexiconArray array => array with { Items = Absolute(array.Items, documentId) },
        LexiconUnion union => union with { Refs = union.Refs.Select(r => (LexiconRef)Absolute(r, documentId)).ToEquatableArray() },
        LexiconObject obj => obj with { Properties = obj.Properties.Select(p => p with { Type = Absolute(p.Type, documentId) }).ToEquatableArray() },
        _ => type,
    };

    private static IEnumerable<LexiconRef> Refs(LexiconType type) => type switch
    {
        LexiconRef reference => [reference],
        LexiconArray array => Refs(array.Items),
        LexiconUnion union => union.Refs,
        LexiconRecord record => Refs(record.Record),
        LexiconSubscription subscription => (subscription.Parameters is null ? [] : Refs(subscription.Parameters))
            .Concat(subscription.Message is null ? [] : Refs(subscription.Message)),
        LexiconObject obj => obj.Properties.SelectMany(p => Refs(p.Type)),
        LexiconMethod method => (method.Parameters is null ? [] : Refs(method.Parameters))
            .Concat(method.Input?.Schema is { } input ? Refs(input) : [])
            .Concat(method.Output?.Schema is { } output ? Refs(output) : [])
            .Concat(new[] { method.Input?.SchemaRef, method.Output?.SchemaRef }.Where(r => r is not null).Select(r => r!)),
        _ => [],
    };
}
