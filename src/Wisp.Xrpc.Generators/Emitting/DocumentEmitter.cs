using System.Collections.Generic;
using System.Linq;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits one lexicon document as one file: a static class named after the NSID's last segment, holding the
/// lexicon's types (e.g. <c>Create.Input</c>, <c>Create.Output</c>, <c>Create.IHandler</c>).
/// </summary>
internal static class DocumentEmitter
{
    public static string HintName(LexiconDocument document) => document.Id + ".g.cs";

    public static string Emit(DocumentToEmit toEmit)
    {
        // Names come from the document as every other lexicon saw it; definitions that cannot be generated
        // (a ref somewhere below them is missing) are left out, and refs to named primitives are inlined.
        var definitionTypes = DefinitionNames.Of(toEmit.Document);
        var index = toEmit.Index;
        var document = toEmit.Document with
        {
            Definitions = toEmit.Document.Definitions
                .Where(d => !index.IsDropped(toEmit.Document.Id, d.Name))
                .Select(d => d with { Type = CrossLexiconRefs.InlinePrimitives(d.Type, index) })
                .ToEquatableArray(),
        };
        var className = CSharpNames.DocumentClass(document.Id);
        var main = document.Definitions.FirstOrDefault(d => d.Name == "main");
        var method = main?.Type as LexiconMethod;

        var w = new SourceWriter();
        w.Line(SourceWriter.Header);
        w.OpenBlock($"namespace {CSharpNames.Namespace(toEmit.RootNamespace, document.Id)}");
        w.Summary(method?.Description ?? main?.Type.Description ?? document.Description);
        w.Line($"/// <remarks>Generated from the lexicon <c>{document.Id}</c>.</remarks>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Wisp.Xrpc.Generators\", \"" + ThisAssembly.Version + "\")]");
        w.OpenBlock($"public static partial class {className}");
        w.Line("/// <summary>The lexicon's NSID.</summary>");
        w.Line($"public const string Id = {SourceWriter.Literal(document.Id)};");

        var scope = new DocumentScope(toEmit.RootNamespace, document.Id, definitionTypes, index);
        var objects = new ObjectEmitter(scope);
        if (method is not null)
        {
            EmitMethod(w, document, method, objects, scope, definitionTypes);
        }

        switch (main?.Type)
        {
            case LexiconRecord record:
                w.Line();
                w.Line("/// <summary>The record key type of this collection (<c>tid</c>, <c>nsid</c>, <c>literal:self</c>, <c>any</c>…).</summary>");
                w.Line($"public const string RecordKey = {SourceWriter.Literal(record.Key)};");
                break;
            case LexiconSubscription subscription:
                EmitSubscription(w, document, subscription, objects, scope);
                break;
            case LexiconPermissionSet permissionSet:
                w.Line();
                w.Summary((permissionSet.Title is null ? string.Empty : permissionSet.Title + ". ") + (permissionSet.Detail ?? string.Empty)
                    + " The OAuth scope that asks for this permission set.");
                w.Line($"public const string Scope = {SourceWriter.Literal("include:" + document.Id)};");
                break;
        }

        foreach (var definition in document.Definitions)
        {
            if (definition.Type is LexiconObject objectType)
            {
                w.Line();
                objects.Emit(w, definitionTypes[definition.Name], objectType, objectType.Description ?? $"The \"{definition.Name}\" object of {document.Id}.");
            }
            else if (definition.Type is LexiconRecord record)
            {
                // A record is written with its $type (the collection's NSID) wherever it is written.
                w.Line();
                objects.Emit(w, definitionTypes[definition.Name], record.Record, record.Description ?? $"A record of the collection {document.Id}.", recordType: document.Id);
            }
            else if (definition.Type is LexiconString { KnownValues.IsEmpty: false } knownValues)
            {
                // The string itself is used in place wherever it is referenced; its known values are named here.
                w.Line();
                KnownValuesEmitter.Emit(w, definitionTypes[definition.Name], knownValues, $"{document.Id}#{definition.Name}");
            }
            else if (definition.Type is LexiconToken token)
            {
                w.Line();
                w.Summary(token.Description ?? $"The token {document.Id}#{definition.Name}.");
                w.Line($"public const string {definitionTypes[definition.Name]} = {SourceWriter.Literal(document.Id + "#" + definition.Name)};");
            }
        }

        w.CloseBlock();
        w.CloseBlock();
        scope.EmitUnionMemberships(w);
        return w.ToString();
    }

    private static void EmitSubscription(SourceWriter w, LexiconDocument document, LexiconSubscription subscription, ObjectEmitter objects, DocumentScope scope)
    {
        if (!subscription.Errors.IsEmpty)
        {
            EmitErrors(w, subscription.Errors);
        }

        if (subscription.Parameters is { Properties.IsEmpty: false } parameters)
        {
            w.Line();
            objects.EmitParams(w, parameters, $"The query-string parameters of the {document.Id} event stream.");
        }

        if (subscription.Message is { } message)
        {
            w.Line();
            objects.EmitUnion(w, "IMessage", message, $"{scope.ClassName}.IMessage", $"the {document.Id} event stream");
        }
    }

    private static void EmitMethod(SourceWriter w, LexiconDocument document, LexiconMethod method, ObjectEmitter objects, DocumentScope scope, IReadOnlyDictionary<string, string> definitionTypes)
    {
        var parametersType = method.Parameters is { Properties.IsEmpty: false } ? method.Parameters : null;
        var input = method.Input?.Schema;
        var output = method.Output?.Schema;
        var requiresAuthentication = method.Errors.Any(e => e.Name == "AuthenticationRequired");

        w.Line();
        w.Line("/// <summary>The XRPC method, as the runtime sees it (attached to its endpoint as metadata; read by API descriptions).</summary>");
        w.Indent("public static readonly global::Wisp.Xrpc.XrpcMethod Method = new(").Line("Id,");
        w.Line($"global::Wisp.Xrpc.XrpcMethodKind.{method.Kind},");
        w.Line($"InputEncoding: {Encoding(method.Input)},");
        w.Line($"OutputEncoding: {Encoding(method.Output)},");
        w.Line($"RequiresAuthentication: {(requiresAuthentication ? "true" : "false")},");
        w.Line($"Description: {(method.Description is null ? "null" : SourceWriter.Literal(method.Description))},");
        w.Line($"InputType: {BodyType(method.Input, "Input", scope)},");
        w.Line($"OutputType: {BodyType(method.Output, "Output", scope)},");
        w.Line($"Parameters: [{string.Join(", ", (parametersType?.Properties ?? EquatableArray<LexiconProperty>.Empty).Select(Parameter))}],");
        w.Line($"Errors: [{string.Join(", ", method.Errors.Select(e => SourceWriter.Literal(e.Name)))}]);");
        w.Outdent();

        w.Line();
        w.Summary($"Serves {document.Id}. Register an implementation in DI (e.g. services.AddScoped<{CSharpNames.DocumentClass(document.Id)}.IHandler, MyHandler>()); without one the method answers 501 MethodNotImplemented"
            + (BuiltInHandlers.Supports(document) ? ", except that this method has a built-in default handler." : "."));
        w.OpenBlock("public interface IHandler");
        w.Summary(method.Description);
        const string Raw = "global::Wisp.Xrpc.XrpcBlob";
        var outputType = method.Output is null ? null : method.Output.IsRaw ? Raw : method.Output.SchemaRef is { } outputRef ? scope.TypeName(outputRef) : "Output";
        var returnType = outputType is null ? "global::System.Threading.Tasks.ValueTask" : $"global::System.Threading.Tasks.ValueTask<{outputType}>";
        var arguments = new List<string>();
        if (parametersType is not null)
        {
            arguments.Add("Params parameters");
        }

        if (method.Input is not null)
        {
            arguments.Add(method.Input.IsRaw ? $"{Raw} input" : method.Input.SchemaRef is { } inputRef ? $"{scope.TypeName(inputRef)} input" : "Input input");
        }

        arguments.Add("global::Wisp.Xrpc.XrpcCallContext context");
        w.Line($"{returnType} HandleAsync({string.Join(", ", arguments)});");
        w.CloseBlock();

        if (!method.Errors.IsEmpty)
        {
            EmitErrors(w, method.Errors);
        }

        if (parametersType is not null)
        {
            w.Line();
            objects.EmitParams(w, parametersType, $"The query-string parameters of {document.Id}.");
        }

        if (input is not null)
        {
            w.Line();
            objects.Emit(w, "Input", input, method.Input!.Description ?? $"The input of {document.Id}.");
        }

        if (output is not null)
        {
            w.Line();
            objects.Emit(w, "Output", output, method.Output!.Description ?? $"The output of {document.Id}.");
        }

        BuiltInHandlers.Emit(w, document, definitionTypes);
    }

    private static void EmitErrors(SourceWriter w, EquatableArray<LexiconError> errors)
    {
        w.Line();
        w.Line("/// <summary>The errors this method's lexicon declares; throw one from a handler to answer with it.</summary>");
        w.OpenBlock("public static class Errors");
        var taken = new HashSet<string> { "Errors" };
        var first = true;
        foreach (var error in errors)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Summary(error.Description ?? $"The declared error {error.Name}.");
            var name = CSharpNames.Unique(CSharpNames.Pascal(error.Name), taken);
            w.Line($"public static global::Wisp.Xrpc.XrpcException {name}(string? message = null) => new({StatusOf(error.Name)}, {SourceWriter.Literal(error.Name)}, message);");
        }

        w.CloseBlock();
    }

    /// <summary>The spec's own error names keep their status; every other declared error is 400, as in the reference server.</summary>
    private static int StatusOf(string error) => error switch
    {
        "AuthenticationRequired" => 401,
        "Forbidden" => 403,
        "PayloadTooLarge" => 413,
        "RateLimitExceeded" => 429,
        "InternalServerError" => 500,
        "MethodNotImplemented" => 501,
        _ => 400,
    };

    private static string BodyType(LexiconBody? body, string generatedName, DocumentScope scope) =>
        body is null ? "null"
        : body.IsRaw ? "typeof(global::Wisp.Xrpc.XrpcBlob)"
        : body.SchemaRef is { } reference ? $"typeof({scope.TypeName(reference)})"
        : $"typeof({generatedName})";

    private static string Parameter(LexiconProperty parameter)
    {
        var type = parameter.Type switch
        {
            LexiconString => "string",
            LexiconInteger => "long",
            LexiconBoolean => "bool",
            LexiconArray { Items: LexiconString } => "global::System.Collections.Generic.IReadOnlyList<string>",
            LexiconArray { Items: LexiconInteger } => "global::System.Collections.Generic.IReadOnlyList<long>",
            LexiconArray { Items: LexiconBoolean } => "global::System.Collections.Generic.IReadOnlyList<bool>",
            _ => "object",
        };
        var description = parameter.Type.Description is { } text ? ", " + SourceWriter.Literal(text) : string.Empty;
        return $"new({SourceWriter.Literal(parameter.Name)}, typeof({type}), {(parameter.IsRequired ? "true" : "false")}{description})";
    }

    private static string Encoding(LexiconBody? body) => body is null ? "null" : SourceWriter.Literal(body.Encoding);
}
