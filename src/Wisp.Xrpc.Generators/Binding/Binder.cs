using System.Collections.Generic;
using System.Linq;
using Wisp.Xrpc.Generators.Diagnostics;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Binding;

/// <summary>
/// Binds one lexicon document against the <see cref="LexiconIndex"/> into its <see cref="DocumentSpec"/>: resolves
/// every ref (objects by their C# type, named value types used in place), leaves out what the index dropped, and
/// names every member, nested type and local in one scope per type. Emitters print the result and decide nothing.
/// </summary>
internal sealed class Binder
{
    private const string Blob = "global::Wisp.Xrpc.XrpcBlob";
    private const string Empty = "global::Wisp.Xrpc.Serialization.XrpcEmpty";

    /// <summary>Members of every generated object class (and <see cref="object"/>'s), which properties and nested types must not take.</summary>
    private static readonly string[] ObjectMemberNames = ["ReadFrom", "WriteTo", "LexiconPropertyNames", "ExtensionData", .. NameScope.ObjectMembers];

    private static readonly string[] ReaderLocals = ["reader", "path", "index", "extensionData", "item", "i", "e", "_"];
    private static readonly string[] WriterLocals = ["writer", "type", "_"];
    private static readonly string[] QueryLocals = ["query", "path", "item", "i", "e", "_"];

    private readonly LexiconDocument _document;
    private readonly LexiconIndex _index;
    private readonly IndexedDocument _self;
    private readonly string _rootNamespace;
    private readonly string _className;
    private readonly List<BindingNote> _notes = [];
    private readonly SortedDictionary<(string Namespace, string Class, string Type), SortedSet<string>> _memberships = new(Comparer<(string, string, string)>.Create(static (a, b) =>
    {
        var c = string.CompareOrdinal(a.Item1, b.Item1);
        c = c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2);
        return c != 0 ? c : string.CompareOrdinal(a.Item3, b.Item3);
    }));
    private readonly Dictionary<string, ObjectSpec> _boundObjects = [];
    private string _definition = "main";

    private Binder(LexiconDocument document, LexiconIndex index, IndexedDocument self, string rootNamespace)
    {
        _document = document;
        _index = index;
        _self = self;
        _rootNamespace = rootNamespace;
        _className = ClassName(self);
    }

    public static DocumentSpec? Bind(LexiconDocument document, LexiconIndex index, string rootNamespace) =>
        index.Find(document.Id) is { } self && self.Id == document.Id ? new Binder(document, index, self, rootNamespace).Bind() : null;

    /// <summary>What the assembly records of <paramref name="document"/> (<see cref="ExportSpec"/>), or null when it is not emitted.</summary>
    public static ExportSpec? Export(LexiconDocument document, LexiconIndex index, string rootNamespace) =>
        index.Find(document.Id) is { Assembly: null } self && self.Id == document.Id
            ? new ExportSpec(
                self.HintName,
                document.Id,
                $"{rootNamespace}.{self.Namespace}.{self.ClassName}",
                self.Definitions.Select(d => (d.IsGenerated ? string.Empty : "!") + d.Kind + ":" + d.Name + "=" + d.TypeName).ToEquatableArray(),
                document.Json)
            : null;

    private DocumentSpec Bind()
    {
        foreach (var rename in _self.Renames)
        {
            Note(DiagnosticDescriptors.Renamed, rename.Definition, rename.What, rename.Kind, rename.To, rename.From, rename.Why);
        }

        var members = new List<MemberSpec>();
        var declaredMain = _document.Definitions.FirstOrDefault(d => d.Name == "main")?.Type;
        var main = IsGenerated("main") ? declaredMain : null;
        switch (main)
        {
            case LexiconMethod method:
                members.Add(BindMethod(method));
                break;
            case LexiconRecord record:
                members.Add(new RecordKeySpec(record.Key));
                break;
            case LexiconSubscription subscription:
                members.Add(BindSubscription(subscription));
                break;
            case LexiconPermissionSet permissionSet:
                members.Add(new PermissionSetSpec(permissionSet.Title, permissionSet.Detail, "include:" + _document.Id));
                break;
        }

        foreach (var definition in _document.Definitions)
        {
            if (_self.Definitions.FirstOrDefault(d => d.Name == definition.Name) is not { IsGenerated: true, TypeName: { } typeName })
            {
                continue;
            }

            _definition = definition.Name;
            var where = $"{_document.Id}#{definition.Name}";
            switch (definition.Type)
            {
                case LexiconObject obj:
                    members.Add(BindObject(obj, typeName, $"{_className}.{typeName}", obj.Description ?? $"The \"{definition.Name}\" object of {_document.Id}.", recordType: null));
                    break;
                case LexiconRecord record:
                    // A record is written with its $type (the collection's NSID) wherever it is written.
                    members.Add(BindObject(record.Record, typeName, $"{_className}.{typeName}", record.Description ?? $"A record of the collection {_document.Id}.", recordType: _document.Id));
                    break;
                case LexiconString { KnownValues.IsEmpty: false } known:
                    // The string itself is used in place wherever it is referenced; its known values are named here.
                    members.Add(BindKnownValues(typeName, known, where));
                    break;
                case LexiconToken token:
                    members.Add(new TokenSpec(typeName, token.Description ?? $"The token {where}.", where));
                    break;
            }
        }

        if (members.Count > 0 && members[0] is MethodSpec bound)
        {
            members[0] = WithBuiltInHandler(bound);
        }

        var memberships = _memberships.Select(m => new MembershipSpec(m.Key.Namespace, m.Key.Class, m.Key.Type, m.Value.ToEquatableArray()));
        return new DocumentSpec(
            _self.HintName,
            _document.Id,
            Namespace(_self),
            _self.ClassName,
            declaredMain?.Description ?? _document.Description,
            members.ToEquatableArray(),
            memberships.ToEquatableArray(),
            _notes.ToEquatableArray());
    }

    private MethodSpec BindMethod(LexiconMethod method)
    {
        var parameters = method.Parameters is { Properties.IsEmpty: false } p ? BindParams(p, $"The query-string parameters of {_document.Id}.") : null;
        var input = BindBody(method.Input, "Input", $"The input of {_document.Id}.");
        var output = BindBody(method.Output, "Output", $"The output of {_document.Id}.");
        var errors = BindErrors(method.Errors);
        var endpoint = new EndpointSpec(
            _document.Id,
            _className,
            method.Kind,
            parameters?.FullName ?? Empty,
            input?.TypeName ?? Empty,
            output?.TypeName ?? Empty,
            parameters is not null,
            input is not null,
            output is not null,
            HasBuiltInHandler: false);
        return new MethodSpec(method.Kind, method.Description, method.Errors.Any(e => e.Name == "AuthenticationRequired"), input, output, parameters, errors, null, endpoint);
    }

    private SubscriptionSpec BindSubscription(LexiconSubscription subscription)
    {
        var parameters = subscription.Parameters is { Properties.IsEmpty: false } p ? BindParams(p, $"The query-string parameters of the {_document.Id} event stream.") : null;
        var message = subscription.Message is { } union ? BindUnion(union, "IMessage", _className + ".IMessage", $"the {_document.Id} event stream") : null;
        var cursor = parameters?.Properties.FirstOrDefault(q => q.JsonName == "cursor" && q.Value is { Kind: ValueKind.Integer, IsArray: false })?.Name;

        // Without a message union there is nothing to send or read: the types are generated, the stream is not served.
        var endpoint = message is null ? null : new EndpointSpec(
            _document.Id,
            _className,
            XrpcMethodKind.Subscription,
            parameters?.FullName ?? Empty,
            Empty,
            message.FullName,
            parameters is not null,
            HasInput: false,
            HasOutput: true,
            HasBuiltInHandler: false);
        return new SubscriptionSpec(
            parameters,
            message,
            BindErrors(subscription.Errors),
            subscription.Description,
            subscription.Errors.Any(e => e.Name == "AuthenticationRequired"),
            cursor,
            endpoint);
    }

    /// <summary>A method with a built-in handler gets it once every object of the lexicon is bound (the handler sets their members).</summary>
    private MethodSpec WithBuiltInHandler(MethodSpec method)
    {
        var builtIn = BuiltInHandlers.Bind(_document.Id, method, fullName => _boundObjects.TryGetValue(fullName, out var spec) ? spec : null, out var mismatch);
        if (mismatch is not null)
        {
            Note(DiagnosticDescriptors.BuiltInHandlerNotUsed, null, _document.Id, mismatch);
        }

        return builtIn is null ? method : method with { BuiltInHandler = builtIn, Endpoint = method.Endpoint with { HasBuiltInHandler = true } };
    }

    private BodySpec? BindBody(LexiconBody? body, string name, string summary)
    {
        if (body is null)
        {
            return null;
        }

        if (body.IsRaw)
        {
            return new BodySpec(body.Encoding, true, Blob, null);
        }

        if (body.SchemaRef is { } reference)
        {
            return new BodySpec(body.Encoding, false, ObjectType(reference), null);
        }

        var schema = BindObject(body.Schema!, name, $"{_className}.{name}", body.Description ?? summary, recordType: null);
        return new BodySpec(body.Encoding, false, schema.FullName, schema);
    }

    private EquatableArray<ErrorSpec> BindErrors(EquatableArray<LexiconError> errors)
    {
        var distinct = errors.GroupBy(e => e.Name).Select(g => g.First()).ToList();
        var renamed = new List<(string Key, string Wanted, string Chosen, string Why)>();
        var names = NameScope.Assign(distinct.Select(e => (e.Name, CSharpNames.Pascal(e.Name))), ["Errors", .. NameScope.ObjectMembers], "Error", renamed);
        NoteRenames(renamed, key => $"The error {key} of {_document.Id}", "method");

        // The Is… tests are named after the factories, which keep their names: a test that wants a factory's name yields.
        var tests = NameScope.Assign(
            distinct.Select(e => (e.Name, "Is" + CSharpNames.Pascal(e.Name))),
            ["Errors", .. NameScope.ObjectMembers, .. names.Values],
            "Error",
            renamed = []);
        NoteRenames(renamed, key => $"The test for the error {key} of {_document.Id}", "method");
        return distinct.Select(e => new ErrorSpec(e.Name, names[e.Name], tests[e.Name], e.Description ?? $"The declared error {e.Name}.")).ToEquatableArray();
    }

    private ParamsSpec BindParams(LexiconObject parameters, string summary)
    {
        const string name = "Params";

        // A query string has no null: "nullable" means nothing for a parameter.
        var properties = BindProperties(
            parameters.Properties.Select(p => p with { IsNullable = false }).ToList(),
            name,
            $"{_className}.{name}",
            ["ReadQuery", "WriteQuery", .. NameScope.ObjectMembers],
            QueryLocals,
            out _,
            out _,
            out _);
        return new ParamsSpec($"{_className}.{name}", parameters.Description ?? summary, properties.ToEquatableArray());
    }

    private ObjectSpec BindObject(LexiconObject obj, string name, string fullName, string? summary, string? recordType)
    {
        var properties = BindProperties(obj.Properties.ToList(), name, fullName, ObjectMemberNames, ReaderLocals, out var unions, out var inline, out var knownValues);
        var spec = new ObjectSpec(name, fullName, summary ?? obj.Description, recordType, properties.ToEquatableArray(), DagCborKeyOrder(properties), unions.ToEquatableArray(), inline.ToEquatableArray(), knownValues.ToEquatableArray());
        _boundObjects[fullName] = spec;
        return spec;
    }

    /// <summary>
    /// The order the writer writes the properties in: DAG-CBOR's map key order (atproto.com/specs/data-model), shorter
    /// UTF-8 names first, then bytewise, so that the encoder writes keys as they come. JSON gets the same order (with
    /// <c>$type</c> first): records the reference PDS serves as JSON come in this order too, being read from their CBOR.
    /// </summary>
    private static EquatableArray<int> DagCborKeyOrder(List<PropertySpec> properties)
    {
        var keys = properties.Select(p => System.Text.Encoding.UTF8.GetBytes(p.JsonName)).ToList();
        var order = Enumerable.Range(0, properties.Count).ToList();
        order.Sort((a, b) =>
        {
            if (keys[a].Length != keys[b].Length)
            {
                return keys[a].Length.CompareTo(keys[b].Length);
            }

            for (var i = 0; i < keys[a].Length; i++)
            {
                if (keys[a][i] != keys[b][i])
                {
                    return keys[a][i].CompareTo(keys[b][i]);
                }
            }

            return 0;
        });
        return order.ToEquatableArray();
    }

    /// <summary>
    /// Names an object's properties and the types nested for them (union interfaces, inline objects, known values),
    /// all in the object's one scope, then the locals its reader and writer use, and binds each value.
    /// </summary>
    private List<PropertySpec> BindProperties(
        List<LexiconProperty> properties,
        string typeName,
        string fullName,
        string[] members,
        string[] locals,
        out List<UnionSpec> unions,
        out List<ObjectSpec> inlineObjects,
        out List<KnownValuesSpec> knownValues)
    {
        unions = [];
        inlineObjects = [];
        knownValues = [];
        var effective = properties.Select(p => InPlace(p.Type, depth: 0)).ToList();
        var reserved = new HashSet<string>(members, System.StringComparer.Ordinal) { typeName };
        var renamed = new List<(string Key, string Wanted, string Chosen, string Why)>();
        var names = NameScope.Assign(properties.Select(p => (p.Name, CSharpNames.Pascal(p.Name))), reserved, "Value", renamed);
        NoteRenames(renamed, key => $"The property '{key}' of {fullName.Substring(_className.Length + 1)} in {_document.Id}", "property");

        // Nested types are named after their property's C# name, in the same scope.
        var nested = new List<(string Key, string Wanted)>();
        for (var i = 0; i < properties.Count; i++)
        {
            var member = names[properties[i].Name].TrimStart('@');
            var element = effective[i] is LexiconArray array ? array.Items : effective[i];
            var suffix = effective[i] is LexiconArray ? "Item" : "Object";
            switch (element)
            {
                case LexiconUnion:
                    nested.Add((properties[i].Name, "I" + member.TrimStart('_')));
                    break;
                case LexiconObject:
                    nested.Add((properties[i].Name, member + suffix));
                    break;
                case LexiconString { KnownValues.IsEmpty: false }:
                    nested.Add((properties[i].Name, member + "Values"));
                    break;
            }
        }

        reserved.UnionWith(names.Values);
        var nestedRenamed = new List<(string Key, string Wanted, string Chosen, string Why)>();
        var nestedNames = NameScope.Assign(nested, reserved, "Type", nestedRenamed);
        NoteRenames(nestedRenamed, key => $"The type nested for property '{key}' of {fullName.Substring(_className.Length + 1)} in {_document.Id}", "type");

        var readLocals = new HashSet<string>(locals, System.StringComparer.Ordinal);
        var writeLocals = new HashSet<string>(WriterLocals, System.StringComparer.Ordinal);
        var result = new List<PropertySpec>(properties.Count);
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var name = names[property.Name];
            var local = NameScope.Unique(CSharpNames.Local(name), readLocals);
            var present = NameScope.Unique(local.TrimStart('@') + "Present", readLocals);
            var writeLocal = NameScope.Unique(CSharpNames.Local(name).TrimStart('@') + "Value", writeLocals);
            nestedNames.TryGetValue(property.Name, out var nestedName);
            var nestedFullName = nestedName is null ? null : $"{fullName}.{nestedName}";
            var value = BindValue(effective[i], nestedFullName);
            var element = effective[i] is LexiconArray array ? array.Items : effective[i];
            switch (element)
            {
                case LexiconUnion union:
                    unions.Add(BindUnion(union, nestedName!, nestedFullName!, $"the \"{property.Name}\" property"));
                    break;
                case LexiconObject inline:
                    var what = effective[i] is LexiconArray ? "An item of" : "The value of";
                    inlineObjects.Add(BindObject(inline, nestedName!, nestedFullName!, inline.Description ?? $"{what} the \"{property.Name}\" property.", recordType: null));
                    break;
                case LexiconString { KnownValues.IsEmpty: false } known:
                    knownValues.Add(BindKnownValues(nestedName!, known, $"the \"{property.Name}\" property"));
                    break;
            }

            var summary = property.Type.Description ?? $"The \"{property.Name}\" property: {Describe(effective[i])}.";
            result.Add(new PropertySpec(property.Name, name, local, present, writeLocal, property.Type.Description, summary, property.IsRequired, property.IsNullable, value));
        }

        return result;
    }

    /// <summary>
    /// The type as it is used in place: a ref to a named value type (a string, an array, …) is replaced by that
    /// type (its known values stay at its definition), in arrays too. Refs to objects and records stay refs.
    /// </summary>
    private LexiconType InPlace(LexiconType type, int depth)
    {
        if (depth > 8)
        {
            return type;
        }

        switch (type)
        {
            case LexiconRef reference when Resolve(reference) is { Definition.Shape: { } shape }:
                var inPlace = InPlace(shape, depth + 1);
                return inPlace is LexiconString s ? s with { KnownValues = EquatableArray<string>.Empty } : inPlace;
            case LexiconArray array:
                return array with { Items = InPlace(array.Items, depth + 1) };
            default:
                return type;
        }
    }

    private ValueSpec BindValue(LexiconType type, string? nestedFullName)
    {
        if (type is LexiconArray array)
        {
            var item = BindValue(array.Items, nestedFullName);
            return item with { IsArray = true, MinItems = array.MinLength, MaxItems = array.MaxLength };
        }

        return type switch
        {
            LexiconString s => new ValueSpec(ValueKind.String, "string", false, new ValueConstraints(
                MinLength: s.MinLength, MaxLength: s.MaxLength, MinGraphemes: s.MinGraphemes, MaxGraphemes: s.MaxGraphemes,
                Format: s.Format is null ? null : CSharpNames.Pascal(s.Format), StringConst: s.Const, StringDefault: s.Default, StringEnum: s.Enum)),
            LexiconInteger i => new ValueSpec(ValueKind.Integer, "long", false, new ValueConstraints(
                Minimum: i.Minimum, Maximum: i.Maximum, IntegerConst: i.Const, IntegerDefault: i.Default, IntegerEnum: i.Enum)),
            LexiconBoolean b => new ValueSpec(ValueKind.Boolean, "bool", false, new ValueConstraints(BooleanConst: b.Const, BooleanDefault: b.Default)),
            LexiconUnknown => new ValueSpec(ValueKind.Unknown, "global::Wisp.Xrpc.DataModel.DataModelValue", false, ValueConstraints.None),
            LexiconBlob blob => new ValueSpec(ValueKind.Blob, "global::Wisp.Xrpc.BlobRef", false, new ValueConstraints(Accept: blob.Accept, MaxSize: blob.MaxSize)),
            LexiconBytes bytes => new ValueSpec(ValueKind.Bytes, "byte[]", false, new ValueConstraints(MinLength: bytes.MinLength, MaxLength: bytes.MaxLength)),
            LexiconCidLink => new ValueSpec(ValueKind.CidLink, "global::Wisp.Xrpc.CidLink", false, ValueConstraints.None),
            LexiconUnion => new ValueSpec(ValueKind.Union, nestedFullName!, false, ValueConstraints.None),
            LexiconObject => new ValueSpec(ValueKind.Object, nestedFullName!, false, ValueConstraints.None),
            LexiconRef reference => new ValueSpec(ValueKind.Object, ObjectType(reference), false, ValueConstraints.None),
            _ => new ValueSpec(ValueKind.Unknown, "global::Wisp.Xrpc.DataModel.DataModelValue", false, ValueConstraints.None),
        };
    }

    private UnionSpec BindUnion(LexiconUnion union, string name, string fullName, string where)
    {
        var targets = new List<(string TypeId, IndexedDocument Document, string TypeName)>();
        foreach (var reference in union.Refs)
        {
            if (Resolve(reference) is not { } target || target.Definition.TypeName is not { } typeName)
            {
                continue;
            }

            var typeId = target.Definition.Name == "main" ? target.Document.Id : $"{target.Document.Id}#{target.Definition.Name}";
            if (!targets.Exists(m => m.TypeId == typeId))
            {
                targets.Add((typeId, target.Document, typeName)); // nsid and nsid#main name one member
            }
        }

        // Members from referenced assemblies are held by classes nested in the interface, named after the member (its
        // lexicon's class for main, the definition's type for a defs lexicon, else both: Images, SelfLabels,
        // ImagesView), in the interface's one scope.
        List<string> reserved = [name, "ReadFrom", "WriteTo", .. NameScope.ObjectMembers];
        if (!union.Closed)
        {
            reserved.Add("Unknown");
        }

        var wrapped = targets.Where(t => t.Document.Assembly is not null)
            .Select(t => (t.TypeId, t.TypeName == "Main" ? t.Document.ClassName
                : t.Document.Id.EndsWith(".defs", System.StringComparison.Ordinal) ? t.TypeName
                : t.Document.ClassName.TrimStart('@') + t.TypeName));
        var wrapperNames = NameScope.Assign(wrapped, reserved, "Member");

        var members = new List<UnionMemberSpec>();
        foreach (var (typeId, document, typeName) in targets)
        {
            var memberType = $"{ClassName(document)}.{typeName}";
            if (wrapperNames.TryGetValue(typeId, out var wrapper))
            {
                members.Add(new UnionMemberSpec(typeId, $"{fullName}.{wrapper}", wrapper, memberType));
                continue;
            }

            members.Add(new UnionMemberSpec(typeId, memberType));
            var key = (Namespace(document), document.ClassName, typeName);
            if (!_memberships.TryGetValue(key, out var interfaces))
            {
                _memberships[key] = interfaces = new SortedSet<string>(System.StringComparer.Ordinal);
            }

            interfaces.Add(fullName);
        }

        return new UnionSpec(name, fullName, union.Description, where, union.Closed, members.ToEquatableArray());
    }

    private KnownValuesSpec BindKnownValues(string name, LexiconString type, string where)
    {
        var values = type.KnownValues.Distinct().ToList();
        var names = NameScope.Assign(
            values.Select(v =>
            {
                var local = v.Substring(System.Math.Max(v.LastIndexOf('#'), v.LastIndexOf('.')) + 1);
                return (v, CSharpNames.Pascal(local.Length == 0 ? v : local));
            }),
            [name, .. NameScope.ObjectMembers],
            "Value");
        return new KnownValuesSpec(name, type.Description, where, values.Select(v => new ConstantSpec(names[v], v)).ToEquatableArray());
    }

    /// <summary>The fully qualified C# type of the object or record a ref names.</summary>
    private string ObjectType(LexiconRef reference) =>
        Resolve(reference) is { Definition.TypeName: { } typeName } target
            ? $"{ClassName(target.Document)}.{typeName}"
            : "global::Wisp.Xrpc.DataModel.DataModelValue"; // not reached: the index drops every definition with a ref that names no object

    private (IndexedDocument Document, IndexedDefinition Definition)? Resolve(LexiconRef reference)
    {
        var document = reference.Document == _document.Id ? _self : _index.Find(reference.Document);
        var definition = document?.Definitions.FirstOrDefault(d => d.Name == reference.Definition);
        return definition is null ? null : (document!, definition);
    }

    private bool IsGenerated(string name) => _self.Definitions.Any(d => d.Name == name && d.IsGenerated);

    private string Namespace(IndexedDocument document) => document.Assembly is null ? $"{_rootNamespace}.{document.Namespace}" : document.Namespace;

    private string ClassName(IndexedDocument document) => $"global::{Namespace(document)}.{document.ClassName}";

    private void NoteRenames(List<(string Key, string Wanted, string Chosen, string Why)> renamed, System.Func<string, string> what, string kind)
    {
        foreach (var (key, wanted, chosen, why) in renamed)
        {
            Note(DiagnosticDescriptors.Renamed, _definition, what(key), kind, chosen, wanted, why);
        }
    }

    private void Note(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, string? definition, params string[] args) =>
        _notes.Add(new BindingNote(descriptor.Id, definition, args.ToEquatableArray()));

    /// <summary>Documentation for a property the lexicon does not describe: its lexicon type.</summary>
    private static string Describe(LexiconType type) => type switch
    {
        LexiconString { Format: { } format } => $"a {format} string",
        LexiconString => "a string",
        LexiconInteger => "an integer",
        LexiconBoolean => "a boolean",
        LexiconArray => "an array",
        LexiconRef r => $"a {r.Definition} object",
        LexiconUnknown => "any object, kept as it came",
        LexiconBlob => "a blob",
        LexiconBytes => "bytes",
        LexiconCidLink => "a CID link",
        LexiconUnion => "one of the union's members",
        LexiconObject => "an object",
        _ => "a value",
    };
}
