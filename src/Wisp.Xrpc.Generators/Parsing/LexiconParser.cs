using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Wisp.Xrpc.Generators.Diagnostics;
using Wisp.Xrpc.Generators.Json;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Parsing;

/// <summary>
/// Turns one lexicon file into a <see cref="LexiconDocument"/> and diagnostics. It never throws: every problem
/// becomes a diagnostic at the line and column of the offending value.
/// </summary>
internal sealed class LexiconParser
{
    /// <summary>Every type name of the Lexicon language (atproto.com/specs/lexicon).</summary>
    private static readonly HashSet<string> KnownTypeNames =
    [
        "null", "boolean", "integer", "string", "bytes", "cid-link", "blob", "array", "object", "params",
        "token", "ref", "union", "unknown", "record", "query", "procedure", "subscription", "permission-set",
    ];

    private static readonly HashSet<string> PrimaryTypeNames = ["record", "query", "procedure", "subscription", "permission-set"];

    private static readonly HashSet<string> KnownStringFormats =
    [
        "at-identifier", "at-uri", "cid", "datetime", "did", "handle", "nsid", "tid", "record-key", "uri", "language",
    ];

    private readonly string _path;
    private readonly SourceText _text;
    private readonly List<DiagnosticInfo> _diagnostics = [];
    private JsonObject? _defs;
    private string? _id;
    private string? _currentDefinition;
    private readonly List<(string Definition, string Target, JsonNode At)> _refs = [];
    private readonly List<ExternalRef> _externalRefs = [];
    private readonly HashSet<string> _inlining = [];

    private LexiconParser(string path, SourceText text)
    {
        _path = path;
        _text = text;
    }

    public static ParsedLexicon Parse(string path, SourceText text, CancellationToken cancellationToken)
    {
        var parser = new LexiconParser(path, text);
        return parser.ParseDocument(cancellationToken);
    }

    private ParsedLexicon ParseDocument(CancellationToken cancellationToken)
    {
        JsonNode root;
        try
        {
            root = JsonParser.Parse(_text.ToString());
        }
        catch (JsonParseException e)
        {
            var offset = e.Offset > _text.Length ? _text.Length : e.Offset;
            Report(DiagnosticDescriptors.InvalidJson, offset, offset < _text.Length ? offset + 1 : offset, e.Message);
            return Result(null, null);
        }

        if (root is not JsonObject document)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, root, "lexicon document", "an object", root.KindName);
            return Result(null, null);
        }

        var idNode = document.Get("id");
        string? id = null;
        LocationInfo? idLocation = null;
        if (idNode is null)
        {
            Report(DiagnosticDescriptors.InvalidId, document.Start, document.Start + 1, "Lexicon file must have an \"id\" naming its NSID, e.g. \"com.example.getThing\"");
        }
        else if (idNode is not JsonString idString)
        {
            Report(DiagnosticDescriptors.InvalidId, idNode, $"Lexicon \"id\" must be a string NSID, but is {idNode.KindName}");
        }
        else if (!Nsid.IsValid(idString.Value))
        {
            Report(DiagnosticDescriptors.InvalidId, idNode, $"Lexicon id '{idString.Value}' is not a valid NSID (at least three dot-separated segments: a reversed domain name, then a name of letters and digits)");
        }
        else
        {
            id = idString.Value;
            idLocation = Location(idNode.Start, idNode.End);
        }

        var versionNode = document.Get("lexicon");
        if (versionNode is null)
        {
            Report(DiagnosticDescriptors.InvalidLexiconVersion, document.Start, document.Start + 1, $"Lexicon '{id ?? "(no id)"}' must declare \"lexicon\": 1");
        }
        else if (versionNode is not JsonNumber { Text: "1" })
        {
            Report(DiagnosticDescriptors.InvalidLexiconVersion, versionNode, $"\"lexicon\" must be 1, the only Lexicon language version; found {Describe(versionNode)}");
        }

        var defsNode = document.Get("defs");
        if (defsNode is not JsonObject defs)
        {
            if (defsNode is null)
            {
                Report(DiagnosticDescriptors.MissingDefs, document.Start, document.Start + 1, id ?? "(no id)");
            }
            else
            {
                Report(DiagnosticDescriptors.WrongJsonKind, defsNode, "defs", "an object", defsNode.KindName);
            }

            return Result(null, idLocation);
        }

        if (id is null)
        {
            return Result(null, idLocation);
        }

        _defs = defs;
        _id = id;
        var definitions = new List<LexiconDefinition>();
        foreach (var def in defs.Properties)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _currentDefinition = def.Name;
            var definition = ParseDefinition(id, def);
            if (definition is not null)
            {
                definitions.Add(definition);
            }
        }

        DropDefinitionsWithMissingTargets(id, definitions);

        var description = (document.Get("description") as JsonString)?.Value;
        var skipped = defs.Properties.Select(p => p.Name).Where(name => !definitions.Exists(d => d.Name == name)).Distinct();
        return Result(new LexiconDocument(id, description, definitions.ToEquatableArray()) { SkippedDefinitions = skipped.ToEquatableArray() }, idLocation);
    }

    private LexiconDefinition? ParseDefinition(string id, JsonProperty def)
    {
        if (def.Value is not JsonObject body)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, def.Value, $"defs.{def.Name}", "an object", def.Value.KindName);
            return null;
        }

        var typeName = TypeName(body, $"defs.{def.Name}");
        if (typeName is null)
        {
            return null;
        }

        if (PrimaryTypeNames.Contains(typeName) && def.Name != "main")
        {
            Report(DiagnosticDescriptors.PrimaryTypeNotMain, def.NameStart, def.NameEnd, def.Name, typeName);
            return null;
        }

        var reference = $"{id}#{def.Name}";
        var type = typeName switch
        {
            "token" => new LexiconToken(DescriptionOf(body)),
            "query" => ParseMethod(body, XrpcMethodKind.Query, reference),
            "procedure" => ParseMethod(body, XrpcMethodKind.Procedure, reference),
            "record" => ParseRecord(body, reference),
            "subscription" => ParseSubscription(body, reference),
            "permission-set" => new LexiconPermissionSet(DescriptionOf(body), (body.Get("title") as JsonString)?.Value, (body.Get("detail") as JsonString)?.Value),
            _ => ParseType(body, typeName, reference),
        };

        return type is null ? null : new LexiconDefinition(def.Name, type);
    }

    private LexiconMethod? ParseMethod(JsonObject body, XrpcMethodKind kind, string reference)
    {
        var ok = true;
        if (kind == XrpcMethodKind.Query && body.Get("input") is { } queryInput)
        {
            Report(DiagnosticDescriptors.InvalidType, queryInput, "A query has no input body; move its fields to \"parameters\" or make the method a procedure");
            return null;
        }

        LexiconObject? parameters = null;
        if (body.Get("parameters") is { } parametersNode)
        {
            if (parametersNode is not JsonObject parametersObject)
            {
                Report(DiagnosticDescriptors.WrongJsonKind, parametersNode, "parameters", "an object", parametersNode.KindName);
                return null;
            }

            parameters = ParseObject(parametersObject, reference, "params");
            ok &= parameters is not null;
        }

        var input = ParseBody(body, "input", reference, ref ok);
        var output = ParseBody(body, "output", reference, ref ok);

        var errors = ParseErrors(body, out var errorsOk);
        return ok && errorsOk ? new LexiconMethod(DescriptionOf(body), kind, parameters, input, output, errors) : null;
    }

    private LexiconRecord? ParseRecord(JsonObject body, string reference)
    {
        if (body.Get("record") is not JsonObject recordNode)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, body.Get("record") ?? body, "record", "an object schema", body.Get("record")?.KindName ?? "missing");
            return null;
        }

        if (TypeName(recordNode, "record") is not { } recordType)
        {
            return null;
        }

        if (recordType != "object")
        {
            Report(DiagnosticDescriptors.InvalidType, recordNode.Get("type")!, $"A record's \"record\" must be of type 'object', not '{recordType}'");
            return null;
        }

        var key = (body.Get("key") as JsonString)?.Value ?? "any";
        var record = ParseObject(recordNode, reference, "object");
        return record is null ? null : new LexiconRecord(DescriptionOf(body) ?? record.Description, key, record);
    }

    private LexiconSubscription? ParseSubscription(JsonObject body, string reference)
    {
        LexiconObject? parameters = null;
        if (body.Get("parameters") is { } parametersNode)
        {
            if (parametersNode is not JsonObject parametersObject)
            {
                Report(DiagnosticDescriptors.WrongJsonKind, parametersNode, "parameters", "an object", parametersNode.KindName);
                return null;
            }

            parameters = ParseObject(parametersObject, reference, "params");
            if (parameters is null)
            {
                return null;
            }
        }

        LexiconUnion? message = null;
        if (body.Get("message") is JsonObject messageNode && messageNode.Get("schema") is JsonObject schema)
        {
            if (TypeName(schema, "message.schema") is not { } schemaType)
            {
                return null;
            }

            if (schemaType != "union")
            {
                Report(DiagnosticDescriptors.InvalidType, schema.Get("type")!, $"A subscription's message schema must be a union, not '{schemaType}'");
                return null;
            }

            message = ParseUnion(schema, reference);
            if (message is null)
            {
                return null;
            }
        }

        var errors = ParseErrors(body, out var ok);
        return ok ? new LexiconSubscription(DescriptionOf(body), parameters, message, errors) : null;
    }

    private EquatableArray<LexiconError> ParseErrors(JsonObject body, out bool ok)
    {
        ok = true;
        var errors = new List<LexiconError>();
        if (body.Get("errors") is not { } errorsNode)
        {
            return EquatableArray<LexiconError>.Empty;
        }

        if (errorsNode is not JsonArray errorsArray)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, errorsNode, "errors", "an array", errorsNode.KindName);
            ok = false;
            return EquatableArray<LexiconError>.Empty;
        }

        foreach (var item in errorsArray.Items)
        {
            if (item is JsonObject error && error.Get("name") is JsonString name)
            {
                errors.Add(new LexiconError(name.Value, (error.Get("description") as JsonString)?.Value));
            }
            else
            {
                Report(DiagnosticDescriptors.WrongJsonKind, item, "errors[]", "an object with a \"name\" string", item.KindName);
                ok = false;
            }
        }

        return errors.ToEquatableArray();
    }

    private LexiconBody? ParseBody(JsonObject method, string key, string reference, ref bool ok)
    {
        if (method.Get(key) is not { } node)
        {
            return null;
        }

        if (node is not JsonObject body)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, node, key, "an object", node.KindName);
            ok = false;
            return null;
        }

        if (body.Get("encoding") is not JsonString encoding)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, body.Get("encoding") ?? (JsonNode)body, $"{key}.encoding", "a string (a MIME type)", body.Get("encoding")?.KindName ?? "missing");
            ok = false;
            return null;
        }

        if (encoding.Value != "application/json")
        {
            // Any other encoding is a raw body (a stream for the handler); a schema, if given, does not apply to it.
            return new LexiconBody(encoding.Value, DescriptionOf(body), Schema: null);
        }

        if (body.Get("schema") is not { } schemaNode)
        {
            ReportNotSupported(encoding, $"A JSON {key} without a schema", reference);
            ok = false;
            return null;
        }

        if (schemaNode is not JsonObject schema)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, schemaNode, $"{key}.schema", "an object", schemaNode.KindName);
            ok = false;
            return null;
        }

        var schemaType = TypeName(schema, $"{key}.schema");
        if (schemaType is null)
        {
            ok = false;
            return null;
        }

        if (schemaType == "ref")
        {
            // The body is an object defined elsewhere (e.g. app.bsky.actor.defs#profileViewDetailed).
            if (schema.Get("ref") is JsonString target && ResolveRef(target, DescriptionOf(schema), reference, objectOnly: true) is LexiconRef bodyRef)
            {
                return new LexiconBody(encoding.Value, DescriptionOf(body), null, bodyRef);
            }

            if (schema.Get("ref") is not JsonString)
            {
                Report(DiagnosticDescriptors.WrongJsonKind, schema.Get("ref") ?? schema, "ref", "a string naming a definition", schema.Get("ref")?.KindName ?? "missing");
            }

            ok = false;
            return null;
        }

        if (schemaType != "object")
        {
            ReportNotSupported(schema.Get("type")!, $"A {key} schema of type '{schemaType}'", reference);
            ok = false;
            return null;
        }

        var objectType = ParseObject(schema, reference, "object");
        ok &= objectType is not null;
        return objectType is null ? null : new LexiconBody(encoding.Value, DescriptionOf(body), objectType);
    }

    private static bool IsParameterType(JsonObject node, string typeName) =>
        typeName is "string" or "integer" or "boolean" or "unknown"
        || (typeName == "array" && node.Get("items") is JsonObject items && items.Get("type") is JsonString { Value: "string" or "integer" or "boolean" });

    private LexiconType? ParseType(JsonObject node, string typeName, string reference) => typeName switch
    {
        "ref" => ParseRef(node, reference),
        "string" => ParseString(node),
        "integer" => ParseInteger(node),
        "boolean" => NotConstAndDefault(node, "boolean") ? new LexiconBoolean(DescriptionOf(node), Boolean(node, "const"), Boolean(node, "default")) : null,
        "array" => ParseArray(node, reference),
        "unknown" => new LexiconUnknown(DescriptionOf(node)),
        "object" => ParseObject(node, reference, "object"),
        "blob" => new LexiconBlob(DescriptionOf(node), Strings(node, "accept"), Integer(node, "maxSize")),
        "bytes" => ParseBytes(node),
        "cid-link" => new LexiconCidLink(DescriptionOf(node)),
        "union" => ParseUnion(node, reference),
        _ => NotSupported(node, typeName, reference),
    };

    private LexiconType? ParseRef(JsonObject node, string reference)
    {
        if (node.Get("ref") is not JsonString target)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, node.Get("ref") ?? node, "ref", "a string naming a definition", node.Get("ref")?.KindName ?? "missing");
            return null;
        }

        return ResolveRef(target, DescriptionOf(node), reference, objectOnly: false);
    }

    /// <summary>
    /// A ref to an object or record becomes a <see cref="LexiconRef"/>; a ref to any other value type of this
    /// lexicon (a string with knownValues, an array, …) is used inline where it is referenced. Refs to other
    /// lexicons are checked once every lexicon is parsed (<see cref="UnresolvedRefs"/>).
    /// </summary>
    private LexiconType? ResolveRef(JsonString target, string? description, string reference, bool objectOnly)
    {
        var hash = target.Value.IndexOf('#');
        var documentId = hash < 0 ? target.Value : target.Value.Substring(0, hash);
        var name = hash < 0 ? "main" : target.Value.Substring(hash + 1);
        if (documentId.Length > 0 && documentId != _id)
        {
            if (!Nsid.IsValid(documentId) || name.Length == 0)
            {
                Report(DiagnosticDescriptors.UnresolvedRef, target, target.Value, documentId);
                return null;
            }

            _externalRefs.Add(new ExternalRef(_currentDefinition!, documentId, name, target.Value, Location(target.Start, target.End), objectOnly));
            return new LexiconRef(description, name, documentId);
        }

        if (_defs?.Get(name) is not JsonObject definition)
        {
            Report(DiagnosticDescriptors.UnresolvedRef, target, target.Value, _id ?? "(no id)");
            return null;
        }

        var targetType = (definition.Get("type") as JsonString)?.Value;
        if (targetType is "object" or "record")
        {
            _refs.Add((_currentDefinition!, name, target));
            return new LexiconRef(description, name);
        }

        if (objectOnly)
        {
            Report(DiagnosticDescriptors.UnionMemberNotObject, target, target.Value, targetType ?? "definition without a type");
            return null;
        }

        if (targetType == "token")
        {
            Report(DiagnosticDescriptors.RefToToken, target, target.Value);
            return null;
        }

        if (targetType is null || PrimaryTypeNames.Contains(targetType) || !KnownTypeNames.Contains(targetType))
        {
            Report(DiagnosticDescriptors.InvalidType, target, $"Ref '{target.Value}' names a {targetType ?? "definition without a type"}, which cannot be used as a value");
            return null;
        }

        // A named value type is used inline where it is referenced; a cycle of such refs has no finite shape.
        if (!_inlining.Add(name))
        {
            Report(DiagnosticDescriptors.InvalidType, target, $"Ref '{target.Value}' refers back to itself through value types; only objects and records can be recursive");
            return null;
        }

        var inlined = ParseType(definition, targetType, reference);
        _inlining.Remove(name);
        return inlined is LexiconString named ? named with { NamedAt = $"{_id}#{name}" } : inlined;
    }

    private LexiconUnion? ParseUnion(JsonObject node, string reference)
    {
        if (node.Get("refs") is not JsonArray refsNode)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, node.Get("refs") ?? node, "refs", "an array of refs", node.Get("refs")?.KindName ?? "missing");
            return null;
        }

        var closed = Boolean(node, "closed") == true;
        if (closed && refsNode.Items.Count == 0)
        {
            Report(DiagnosticDescriptors.EmptyClosedUnion, node.Get("closed")!);
            return null;
        }

        var refs = new List<LexiconRef>();
        var ok = true;
        foreach (var item in refsNode.Items)
        {
            if (item is not JsonString target)
            {
                Report(DiagnosticDescriptors.WrongJsonKind, item, "refs[]", "a string naming a definition", item.KindName);
                ok = false;
                continue;
            }

            if (ResolveRef(target, description: null, reference, objectOnly: true) is LexiconRef member)
            {
                if (!refs.Contains(member))
                {
                    refs.Add(member);
                }
            }
            else
            {
                ok = false;
            }
        }

        return ok ? new LexiconUnion(DescriptionOf(node), refs.ToEquatableArray(), closed) : null;
    }

    private LexiconBytes? ParseBytes(JsonObject node) =>
        Bounds(node, "minLength", "maxLength")
            ? new LexiconBytes(DescriptionOf(node), Integer(node, "minLength"), Integer(node, "maxLength"))
            : null;

    /// <summary>Checks that a lower bound is not above its upper bound (WXRPC014).</summary>
    private bool Bounds(JsonObject node, string minimumKey, string maximumKey)
    {
        if (Integer(node, minimumKey) is { } minimum && Integer(node, maximumKey) is { } maximum && minimum > maximum)
        {
            Report(DiagnosticDescriptors.MinimumAboveMaximum, node.Get(minimumKey)!, minimumKey, Invariant(minimum), maximumKey, Invariant(maximum));
            return false;
        }

        return true;
    }

    /// <summary>Checks that a field does not have both <c>const</c> and <c>default</c> (WXRPC013).</summary>
    private bool NotConstAndDefault(JsonObject node, string where)
    {
        if (node.Get("const") is not null && node.Get("default") is { } defaultNode)
        {
            Report(DiagnosticDescriptors.ConstWithDefault, defaultNode, where);
            return false;
        }

        return true;
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A ref may name a definition that was itself skipped (it uses a feature not supported yet); then the
    /// definition holding the ref is skipped too, with a warning at the ref, until no ref points nowhere.
    /// </summary>
    private void DropDefinitionsWithMissingTargets(string id, List<LexiconDefinition> definitions)
    {
        bool dropped;
        do
        {
            dropped = false;
            var objects = new HashSet<string>(definitions.Where(d => d.Type is LexiconObject or LexiconRecord).Select(d => d.Name));
            foreach (var (definition, target, at) in _refs)
            {
                var index = definitions.FindIndex(d => d.Name == definition);
                if (index >= 0 && !objects.Contains(target))
                {
                    definitions.RemoveAt(index);
                    ReportNotSupported(at, $"The ref to '#{target}', which is not generated,", $"{id}#{definition}");
                    dropped = true;
                    break;
                }
            }
        }
        while (dropped);
    }

    private LexiconType? NotSupported(JsonObject node, string typeName, string reference)
    {
        ReportNotSupported(node.Get("type")!, $"The lexicon type '{typeName}'", reference);
        return null;
    }

    private LexiconObject? ParseObject(JsonObject node, string reference, string expectedType)
    {
        var declared = new List<JsonProperty>();
        if (node.Get("properties") is { } propertiesNode)
        {
            if (propertiesNode is not JsonObject properties)
            {
                Report(DiagnosticDescriptors.WrongJsonKind, propertiesNode, "properties", "an object", propertiesNode.KindName);
                return null;
            }

            declared.AddRange(properties.Properties);
        }

        var required = StringSet(node, "required", declared);
        var nullable = StringSet(node, "nullable", declared);
        if (required is null || nullable is null)
        {
            return null;
        }

        var ok = true;
        var result = new List<LexiconProperty>();
        foreach (var property in declared)
        {
            if (property.Value is not JsonObject propertyBody)
            {
                Report(DiagnosticDescriptors.WrongJsonKind, property.Value, property.Name, "an object", property.Value.KindName);
                ok = false;
                continue;
            }

            var typeName = TypeName(propertyBody, property.Name);
            if (typeName is null)
            {
                ok = false;
                continue;
            }

            if (expectedType == "params" && !IsParameterType(propertyBody, typeName))
            {
                Report(DiagnosticDescriptors.InvalidType, propertyBody.Get("type")!, $"Parameter \"{property.Name}\" is of type '{typeName}'; parameters can only be boolean, integer, string, unknown or arrays of those");
                ok = false;
                continue;
            }

            // A query string carries text only: an unknown-typed parameter reaches the handler as the string it was
            // given (the reference server does not decode it either).
            var type = expectedType == "params" && typeName == "unknown"
                ? new LexiconString(DescriptionOf(propertyBody), null, null, null, null, null, EquatableArray<string>.Empty, EquatableArray<string>.Empty, null, null)
                : ParseType(propertyBody, typeName, reference);
            if (type is null)
            {
                ok = false;
                continue;
            }

            result.Add(new LexiconProperty(property.Name, type, required.Contains(property.Name), nullable.Contains(property.Name)));
        }

        return ok ? new LexiconObject(DescriptionOf(node), result.ToEquatableArray()) : null;
    }

    private HashSet<string>? StringSet(JsonObject node, string key, List<JsonProperty> declared)
    {
        var set = new HashSet<string>();
        if (node.Get(key) is not { } listNode)
        {
            return set;
        }

        if (listNode is not JsonArray list)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, listNode, key, "an array of property names", listNode.KindName);
            return null;
        }

        foreach (var item in list.Items)
        {
            if (item is not JsonString name)
            {
                Report(DiagnosticDescriptors.WrongJsonKind, item, $"{key}[]", "a string", item.KindName);
                return null;
            }

            if (key == "required" && !declared.Exists(p => p.Name == name.Value))
            {
                Report(DiagnosticDescriptors.RequiredPropertyMissing, item, name.Value);
                return null;
            }

            set.Add(name.Value);
        }

        return set;
    }

    private LexiconString? ParseString(JsonObject node)
    {
        string? format = null;
        if (node.Get("format") is { } formatNode)
        {
            if (formatNode is not JsonString formatString || !KnownStringFormats.Contains(formatString.Value))
            {
                Report(DiagnosticDescriptors.InvalidType, formatNode, $"Unknown string format {Describe(formatNode)}; the formats are {string.Join(", ", KnownStringFormats)}");
                return null;
            }

            format = formatString.Value;
        }

        if (!NotConstAndDefault(node, "string") || !Bounds(node, "minLength", "maxLength") || !Bounds(node, "minGraphemes", "maxGraphemes"))
        {
            return null;
        }

        return new LexiconString(
            DescriptionOf(node),
            format,
            Integer(node, "minLength"),
            Integer(node, "maxLength"),
            Integer(node, "minGraphemes"),
            Integer(node, "maxGraphemes"),
            Strings(node, "knownValues"),
            Strings(node, "enum"),
            (node.Get("const") as JsonString)?.Value,
            (node.Get("default") as JsonString)?.Value);
    }

    private LexiconInteger? ParseInteger(JsonObject node)
    {
        if (!NotConstAndDefault(node, "integer") || !Bounds(node, "minimum", "maximum"))
        {
            return null;
        }

        var values = new List<long>();
        if (node.Get("enum") is JsonArray items)
        {
            foreach (var item in items.Items)
            {
                if (item is JsonNumber number && long.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                {
                    values.Add(value);
                }
            }
        }

        return new LexiconInteger(
            DescriptionOf(node),
            Integer(node, "minimum"),
            Integer(node, "maximum"),
            values.ToEquatableArray(),
            Integer(node, "const"),
            Integer(node, "default"));
    }

    private LexiconArray? ParseArray(JsonObject node, string reference)
    {
        if (node.Get("items") is not JsonObject items)
        {
            var itemsNode = node.Get("items");
            Report(DiagnosticDescriptors.WrongJsonKind, itemsNode ?? node, "items", "an object", itemsNode?.KindName ?? "missing");
            return null;
        }

        var typeName = TypeName(items, "items");
        if (typeName is null)
        {
            return null;
        }

        if (typeName == "array")
        {
            // Arrays of arrays: legal Lexicon, but no lexicon we know of has one (none in atproto's 402).
            ReportNotSupported(items.Get("type")!, "An array of arrays", reference);
            return null;
        }

        var itemType = ParseType(items, typeName, reference);
        return itemType is null || !Bounds(node, "minLength", "maxLength")
            ? null
            : new LexiconArray(DescriptionOf(node), itemType, Integer(node, "minLength"), Integer(node, "maxLength"));
    }

    private string? TypeName(JsonObject node, string where)
    {
        var typeNode = node.Get("type");
        if (typeNode is not JsonString type)
        {
            Report(DiagnosticDescriptors.InvalidType, typeNode ?? node, $"\"{where}\" must have a \"type\" string");
            return null;
        }

        if (!KnownTypeNames.Contains(type.Value))
        {
            Report(DiagnosticDescriptors.InvalidType, type, $"Unknown lexicon type '{type.Value}' in \"{where}\"");
            return null;
        }

        return type.Value;
    }

    private static string? DescriptionOf(JsonObject node) => (node.Get("description") as JsonString)?.Value;

    private static bool? Boolean(JsonObject node, string key) => (node.Get(key) as JsonBoolean)?.Value;

    private static long? Integer(JsonObject node, string key) =>
        node.Get(key) is JsonNumber number && long.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static EquatableArray<string> Strings(JsonObject node, string key)
    {
        if (node.Get(key) is not JsonArray array)
        {
            return EquatableArray<string>.Empty;
        }

        var values = new List<string>();
        foreach (var item in array.Items)
        {
            if (item is JsonString s)
            {
                values.Add(s.Value);
            }
        }

        return values.ToEquatableArray();
    }

    private static string Describe(JsonNode node) => node switch
    {
        JsonString s => $"\"{s.Value}\"",
        JsonNumber n => n.Text,
        _ => node.KindName,
    };

    private void ReportNotSupported(JsonNode at, string feature, string reference) =>
        Report(DiagnosticDescriptors.NotSupportedYet, at, feature, reference);

    private void Report(DiagnosticDescriptor descriptor, JsonNode at, params string[] args) =>
        Report(descriptor, at.Start, at.End, args);

    private void Report(DiagnosticDescriptor descriptor, int start, int end, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, Location(start, end), args));

    private LocationInfo Location(int start, int end)
    {
        var span = TextSpan.FromBounds(start, end);
        return new LocationInfo(_path, span, _text.Lines.GetLinePositionSpan(span));
    }

    private ParsedLexicon Result(LexiconDocument? document, LocationInfo? idLocation) =>
        new(_path, document, _diagnostics.ToEquatableArray(), idLocation)
        {
            ExternalRefs = document is null ? EquatableArray<ExternalRef>.Empty : _externalRefs.ToEquatableArray(),
        };
}
