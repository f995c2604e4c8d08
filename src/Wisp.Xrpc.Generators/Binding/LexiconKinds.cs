using System.Collections.Generic;
using System.Linq;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Parsing;

namespace Wisp.Xrpc.Generators.Binding;

/// <summary>The lexicon type names of definitions, and the rules of what a ref may name.</summary>
internal static class LexiconKinds
{
    /// <summary>The lexicon type name of a definition, as the spec and the diagnostics name it.</summary>
    public static string Of(LexiconType type) => type switch
    {
        LexiconObject => "object",
        LexiconRecord => "record",
        LexiconToken => "token",
        LexiconMethod { Kind: XrpcMethodKind.Query } => "query",
        LexiconMethod => "procedure",
        LexiconSubscription => "subscription",
        LexiconPermissionSet => "permission-set",
        LexiconString => "string",
        LexiconInteger => "integer",
        LexiconBoolean => "boolean",
        LexiconArray => "array",
        LexiconBlob => "blob",
        LexiconBytes => "bytes",
        LexiconCidLink => "cid-link",
        LexiconUnknown => "unknown",
        LexiconUnion => "union",
        _ => "ref",
    };

    /// <summary>A named value type: used in place wherever a ref names it.</summary>
    public static bool IsValueType(string kind) => kind is "string" or "integer" or "boolean" or "array" or "blob" or "bytes" or "cid-link" or "unknown";

    /// <summary>Whether a ref used as <paramref name="usage"/> may name a definition of <paramref name="kind"/>.</summary>
    public static bool CanUse(RefUsage usage, string kind) => usage switch
    {
        RefUsage.UnionMember or RefUsage.BodySchema => kind is "object" or "record",
        RefUsage.ArrayItem => kind is "object" or "record" || (IsValueType(kind) && kind != "array"),
        _ => kind is "object" or "record" || IsValueType(kind),
    };

    /// <summary>Definitions with a C# type or constant of their own: objects, records, tokens, strings with known values.</summary>
    public static bool HasTypeName(string kind, LexiconType? shape) =>
        kind is "object" or "record" or "token" || shape is LexiconString { KnownValues.IsEmpty: false };

    /// <summary>Every ref in <paramref name="type"/>, with how it is used.</summary>
    public static IEnumerable<(LexiconRef Ref, RefUsage Usage)> Refs(LexiconType type, RefUsage usage) => type switch
    {
        LexiconRef reference => [(reference, usage)],
        LexiconArray array => Refs(array.Items, RefUsage.ArrayItem),
        LexiconUnion union => union.Refs.Select(r => (r, RefUsage.UnionMember)),
        LexiconRecord record => Refs(record.Record, RefUsage.Value),
        LexiconSubscription subscription => (subscription.Parameters is null ? [] : Refs(subscription.Parameters, RefUsage.Value))
            .Concat(subscription.Message is null ? [] : Refs(subscription.Message, RefUsage.UnionMember)),
        LexiconObject obj => obj.Properties.SelectMany(p => Refs(p.Type, RefUsage.Value)),
        LexiconMethod method => (method.Parameters is null ? [] : Refs(method.Parameters, RefUsage.Value))
            .Concat(method.Input?.Schema is { } input ? Refs(input, RefUsage.Value) : [])
            .Concat(method.Output?.Schema is { } output ? Refs(output, RefUsage.Value) : [])
            .Concat(new[] { method.Input?.SchemaRef, method.Output?.SchemaRef }.Where(r => r is not null).Select(r => (r!, RefUsage.BodySchema))),
        _ => [],
    };
}
