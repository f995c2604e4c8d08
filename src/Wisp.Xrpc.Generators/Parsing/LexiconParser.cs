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
        "token", "ref", "union", "unknown", "record", "query", "procedure", "subscription", "permission-set", "permission",
    ];

    /// <summary>Types the Lexicon spec does not allow as named definitions: they only exist in place.</summary>
    private static readonly HashSet<string> NotDefinableTypeNames = ["ref", "union", "unknown", "params", "permission"];

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
    private readonly List<RefSite> _refSites = [];
    private readonly List<NamedLocation> _definitionLocations = [];

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

        ReportDuplicateKeys(root);
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
        var skipped = new List<string>();
        foreach (var def in Distinct(defs))
        {
            cancellationToken.ThrowIfCancellationRequested();
            _currentDefinition = def.Name;
            _definitionLocations.Add(new NamedLocation(def.Name, Location(def.NameStart, def.NameEnd)));
            var definition = ParseDefinition(id, def);
            if (definition is not null)
            {
                definitions.Add(definition);
            }
            else
            {
                skipped.Add(def.Name);
            }
        }

        var description = DescriptionOf(document);
        return Result(new LexiconDocument(id, description, definitions.ToEquatableArray()) { SkippedDefinitions = skipped.ToEquatableArray(), Json = JsonCompactWriter.Write(root) }, idLocation);
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

        if (NotDefinableTypeNames.Contains(typeName))
        {
            Report(DiagnosticDescriptors.NotDefinable, body.Get("type")!, def.Name, typeName);
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
            "permission-set" => new LexiconPermissionSet(DescriptionOf(body), Text(body, "title"), Text(body, "detail")),
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
                errors.Add(new LexiconError(name.Value, DescriptionOf(error)));
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
            if (schema.Get("ref") is JsonString target && Ref(target, DescriptionOf(schema), RefUsage.BodySchema) is { } bodyRef)
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

    private LexiconType? ParseType(JsonObject node, string typeName, string reference, RefUsage usage = RefUsage.Value) => typeName switch
    {
        "ref" => ParseRef(node, usage),
        "string" => ParseString(node),
        "integer" => ParseInteger(node),
        "boolean" => ParseBoolean(node),
        "array" => ParseArray(node, reference),
        "unknown" => new LexiconUnknown(DescriptionOf(node)),
        "object" => ParseObject(node, reference, "object"),
        "blob" => ParseBlob(node),
        "bytes" => ParseBytes(node),
        "cid-link" => new LexiconCidLink(DescriptionOf(node)),
        "union" => ParseUnion(node, reference),
        _ => NotSupported(node, typeName, reference),
    };

    private LexiconRef? ParseRef(JsonObject node, RefUsage usage)
    {
        if (node.Get("ref") is not JsonString target)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, node.Get("ref") ?? node, "ref", "a string naming a definition", node.Get("ref")?.KindName ?? "missing");
            return null;
        }

        return Ref(target, DescriptionOf(node), usage);
    }

    /// <summary>
    /// A ref, made absolute (<c>#name</c> names a definition of this lexicon, <c>nsid</c> the <c>main</c> of
    /// another). Only its syntax is checked here: what it names, and so whether it is an object used by name or a
    /// value type used in place, is decided by the binder once every lexicon is known.
    /// </summary>
    private LexiconRef? Ref(JsonString target, string? description, RefUsage usage)
    {
        var hash = target.Value.IndexOf('#');
        var documentId = hash < 0 ? target.Value : target.Value.Substring(0, hash);
        var name = hash < 0 ? "main" : target.Value.Substring(hash + 1);
        if (documentId.Length == 0)
        {
            documentId = _id!;
        }

        if (!Nsid.IsValid(documentId) || name.Length == 0 || name.IndexOf('#') >= 0)
        {
            Report(DiagnosticDescriptors.UnresolvedRef, target, target.Value, documentId.Length == 0 ? "(none)" : documentId);
            return null;
        }

        _refSites.Add(new RefSite(_currentDefinition!, documentId, name, target.Value, Location(target.Start, target.End), usage));
        return new LexiconRef(description, documentId, name);
    }

    private LexiconUnion? ParseUnion(JsonObject node, string reference)
    {
        if (node.Get("refs") is not JsonArray refsNode)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, node.Get("refs") ?? node, "refs", "an array of refs", node.Get("refs")?.KindName ?? "missing");
            return null;
        }

        if (!TryBoolean(node, "closed", out var closedValue))
        {
            return null;
        }

        var closed = closedValue == true;
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

            if (Ref(target, description: null, RefUsage.UnionMember) is { } member)
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

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

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

            declared.AddRange(Distinct(properties));
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

        var itemType = ParseType(items, typeName, reference, RefUsage.ArrayItem);
        return itemType is not null && TryBounds(node, "minLength", "maxLength", out var minLength, out var maxLength)
            ? new LexiconArray(DescriptionOf(node), itemType, minLength, maxLength)
            : null;
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

        return NotConstAndDefault(node, "string")
            && TryBounds(node, "minLength", "maxLength", out var minLength, out var maxLength)
            & TryBounds(node, "minGraphemes", "maxGraphemes", out var minGraphemes, out var maxGraphemes)
            & TryStrings(node, "knownValues", out var knownValues)
            & TryStrings(node, "enum", out var values)
            & TryString(node, "const", out var constant)
            & TryString(node, "default", out var defaultValue)
            ? new LexiconString(DescriptionOf(node), format, minLength, maxLength, minGraphemes, maxGraphemes, knownValues, values, constant, defaultValue)
            : null;
    }

    private LexiconInteger? ParseInteger(JsonObject node) =>
        NotConstAndDefault(node, "integer")
        && TryBounds(node, "minimum", "maximum", out var minimum, out var maximum)
        & TryIntegers(node, "enum", out var values)
        & TryInteger(node, "const", out var constant)
        & TryInteger(node, "default", out var defaultValue)
            ? new LexiconInteger(DescriptionOf(node), minimum, maximum, values, constant, defaultValue)
            : null;

    private LexiconBoolean? ParseBoolean(JsonObject node) =>
        NotConstAndDefault(node, "boolean") && TryBoolean(node, "const", out var constant) & TryBoolean(node, "default", out var defaultValue)
            ? new LexiconBoolean(DescriptionOf(node), constant, defaultValue)
            : null;

    private LexiconBytes? ParseBytes(JsonObject node) =>
        TryBounds(node, "minLength", "maxLength", out var minLength, out var maxLength)
            ? new LexiconBytes(DescriptionOf(node), minLength, maxLength)
            : null;

    private LexiconBlob? ParseBlob(JsonObject node) =>
        TryStrings(node, "accept", out var accept) & TryInteger(node, "maxSize", out var maxSize)
            ? new LexiconBlob(DescriptionOf(node), accept, maxSize)
            : null;

    /// <summary>Reads a lower and an upper bound, and checks that the lower is not above the upper (WXRPC014).</summary>
    private bool TryBounds(JsonObject node, string minimumKey, string maximumKey, out long? minimum, out long? maximum)
    {
        if (!(TryInteger(node, minimumKey, out minimum) & TryInteger(node, maximumKey, out maximum)))
        {
            return false;
        }

        if (minimum > maximum)
        {
            Report(DiagnosticDescriptors.MinimumAboveMaximum, node.Get(minimumKey)!, minimumKey, Invariant(minimum!.Value), maximumKey, Invariant(maximum!.Value));
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

    // Constraint values: absent is null; present but of the wrong kind is WXRPC005 at the value, never a silent
    // drop of the check. Integers may be written in any JSON number form that denotes one (1e3, 1000.0), as
    // JSON.parse and the reference's schema checks read them.
    private bool TryInteger(JsonObject node, string key, out long? value)
    {
        value = null;
        if (node.Get(key) is not { } valueNode)
        {
            return true;
        }

        value = AsInteger(valueNode);
        if (value is null)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, valueNode, key, "an integer (a whole number from -2^63 to 2^63-1)", Describe(valueNode));
            return false;
        }

        return true;
    }

    private bool TryIntegers(JsonObject node, string key, out EquatableArray<long> values)
    {
        values = EquatableArray<long>.Empty;
        if (node.Get(key) is not { } valueNode)
        {
            return true;
        }

        var list = new List<long>();
        if (valueNode is JsonArray array)
        {
            foreach (var item in array.Items)
            {
                if (AsInteger(item) is not { } number)
                {
                    Report(DiagnosticDescriptors.WrongJsonKind, item, $"{key}[]", "an integer", Describe(item));
                    return false;
                }

                list.Add(number);
            }

            values = list.ToEquatableArray();
            return true;
        }

        Report(DiagnosticDescriptors.WrongJsonKind, valueNode, key, "an array of integers", valueNode.KindName);
        return false;
    }

    private bool TryString(JsonObject node, string key, out string? value)
    {
        value = null;
        switch (node.Get(key))
        {
            case null:
                return true;
            case JsonString text:
                value = text.Value;
                return true;
            case var other:
                Report(DiagnosticDescriptors.WrongJsonKind, other, key, "a string", other.KindName);
                return false;
        }
    }

    private bool TryStrings(JsonObject node, string key, out EquatableArray<string> values)
    {
        values = EquatableArray<string>.Empty;
        if (node.Get(key) is not { } valueNode)
        {
            return true;
        }

        if (valueNode is not JsonArray array)
        {
            Report(DiagnosticDescriptors.WrongJsonKind, valueNode, key, "an array of strings", valueNode.KindName);
            return false;
        }

        var list = new List<string>();
        foreach (var item in array.Items)
        {
            if (item is not JsonString text)
            {
                Report(DiagnosticDescriptors.WrongJsonKind, item, $"{key}[]", "a string", item.KindName);
                return false;
            }

            list.Add(text.Value);
        }

        values = list.ToEquatableArray();
        return true;
    }

    private bool TryBoolean(JsonObject node, string key, out bool? value)
    {
        value = null;
        switch (node.Get(key))
        {
            case null:
                return true;
            case JsonBoolean boolean:
                value = boolean.Value;
                return true;
            case var other:
                Report(DiagnosticDescriptors.WrongJsonKind, other, key, "a boolean", other.KindName);
                return false;
        }
    }

    private static long? AsInteger(JsonNode node)
    {
        if (node is not JsonNumber number)
        {
            return null;
        }

        if (long.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exact))
        {
            return exact;
        }

        return decimal.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value == decimal.Truncate(value) && value >= long.MinValue && value <= long.MaxValue
                ? (long)value
                : null;
    }

    /// <summary>A string field's value; descriptions and titles that are not strings are ignored (they never change what is generated).</summary>
    private static string? Text(JsonObject node, string key) => (node.Get(key) as JsonString)?.Value;

    /// <summary>A description, or null when there is none or it is blank (<c>""</c> documents nothing; a fallback is written instead).</summary>
    private static string? DescriptionOf(JsonObject node) => Text(node, "description") is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>JSON allows a key twice in one object; a lexicon must not (which one counts is unclear to every reader).</summary>
    private void ReportDuplicateKeys(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                HashSet<string>? seen = null;
                foreach (var property in obj.Properties)
                {
                    seen ??= new HashSet<string>(System.StringComparer.Ordinal);
                    if (!seen.Add(property.Name))
                    {
                        Report(DiagnosticDescriptors.DuplicateKey, property.NameStart, property.NameEnd, property.Name);
                    }

                    ReportDuplicateKeys(property.Value);
                }

                break;
            case JsonArray array:
                foreach (var item in array.Items)
                {
                    ReportDuplicateKeys(item);
                }

                break;
        }
    }

    /// <summary>An object's properties, each name once, with the value of its last occurrence (as JSON.parse reads it).</summary>
    private static IEnumerable<JsonProperty> Distinct(JsonObject node)
    {
        for (var i = 0; i < node.Properties.Count; i++)
        {
            var property = node.Properties[i];
            if (ReferenceEquals(node.Find(property.Name), property))
            {
                yield return property;
            }
        }
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
            RefSites = document is null ? EquatableArray<RefSite>.Empty : _refSites.ToEquatableArray(),
            DefinitionLocations = document is null ? EquatableArray<NamedLocation>.Empty : _definitionLocations.ToEquatableArray(),
        };
}
