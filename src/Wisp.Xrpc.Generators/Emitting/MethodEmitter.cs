using System.Collections.Generic;
using System.Linq;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits what a query or procedure declares in its lexicon's class: the <c>Method</c> the runtime maps, the
/// client's <c>CallAsync</c>, the <c>IHandler</c> to implement, <c>Errors</c>, <c>Params</c>, <c>Input</c>, <c>Output</c> and a built-in handler.
/// </summary>
internal static class MethodEmitter
{
    public static void Emit(SourceWriter w, DocumentSpec document, MethodSpec method)
    {
        w.Line();
        w.Line("/// <summary>The XRPC method, as the runtime sees it (attached to its endpoint as metadata; read by API descriptions).</summary>");
        w.Indent("public static readonly global::Wisp.Xrpc.XrpcMethod Method = new(").Line("Id,");
        w.Line($"global::Wisp.Xrpc.XrpcMethodKind.{method.Kind},");
        w.Line($"InputEncoding: {Encoding(method.Input)},");
        w.Line($"OutputEncoding: {Encoding(method.Output)},");
        w.Line($"RequiresAuthentication: {(method.RequiresAuthentication ? "true" : "false")},");
        w.Line($"Description: {(method.Description is null ? "null" : SourceWriter.Literal(method.Description))},");
        w.Line($"InputType: {BodyType(method.Input)},");
        w.Line($"OutputType: {BodyType(method.Output)},");
        w.Line($"Parameters: [{string.Join(", ", (method.Parameters?.Properties ?? EquatableArray<PropertySpec>.Empty).Select(Parameter))}],");
        w.Line($"Errors: [{string.Join(", ", method.Errors.Select(e => SourceWriter.Literal(e.Error)))}]);");
        w.Outdent();

        EmitEndpoint(w, method.Endpoint);
        ClientEmitter.Emit(w, document.Nsid, method.Description, method.Endpoint);

        w.Line();
        w.Summary($"Serves {document.Nsid}. Register an implementation in DI (e.g. services.AddScoped<{document.ClassName}.IHandler, MyHandler>()); without one the method answers 501 MethodNotImplemented"
            + (method.BuiltInHandler is not null ? ", except that this method has a built-in default handler." : "."));
        w.OpenBlock("public interface IHandler");
        w.Summary(method.Description ?? $"Handles a call of {document.Nsid}.");
        var returnType = method.Output is null ? "global::System.Threading.Tasks.ValueTask" : $"global::System.Threading.Tasks.ValueTask<{method.Output.TypeName}>";
        var arguments = new List<string>();
        if (method.Parameters is not null)
        {
            arguments.Add($"{method.Parameters.FullName} parameters");
        }

        if (method.Input is not null)
        {
            arguments.Add($"{method.Input.TypeName} input");
        }

        arguments.Add("global::Wisp.Xrpc.XrpcCallContext context");
        w.Line($"{returnType} HandleAsync({string.Join(", ", arguments)});");
        w.CloseBlock();

        ErrorsEmitter.Emit(w, method.Errors);

        if (method.Parameters is not null)
        {
            w.Line();
            ParamsEmitter.Emit(w, method.Parameters);
        }

        if (method.Input?.Schema is { } input)
        {
            w.Line();
            ObjectEmitter.Emit(w, input);
        }

        if (method.Output?.Schema is { } output)
        {
            w.Line();
            ObjectEmitter.Emit(w, output);
        }

        BuiltInHandlerEmitter.Emit(w, document.Nsid, method);
    }

    /// <summary>
    /// The method's endpoint: a call into the runtime's generic <c>XrpcInvoker</c> with the generated types.
    /// <c>MapWispXrpc()</c> maps it for the project's own lexicons; an app maps a referenced library's with
    /// <c>MapXrpcMethods(...)</c>. Minimal-API lambdas are avoided on purpose: the request-delegate generator cannot
    /// see generated code, so they would fall back to reflection.
    /// </summary>
    private static void EmitEndpoint(SourceWriter w, EndpointSpec method)
    {
        var handler = $"{method.ClassName}.IHandler";

        // A built-in handler (the secret family) stands in when the application registers none; any other handler
        // is found by the runtime as the IHandler service.
        var resolve = method.HasBuiltInHandler
            ? $"({handler}?)services.GetService(typeof({handler})) ?? {BuiltInHandlerEmitter.Construct(method.ClassName)}"
            : null;

        // The handler takes only what the lexicon declares; the others are discards.
        var lambdaParameters = $"handler, {(method.HasParams ? "parameters" : "_")}, {(method.HasInput ? "input" : "_")}, context";
        var arguments = string.Join(", ", new[] { method.HasParams ? "parameters" : null, method.HasInput ? "input" : null, "context" }.Where(a => a is not null));
        var call = method.HasOutput
            ? $"static ({lambdaParameters}) => handler.HandleAsync({arguments})"
            : $"static async ({lambdaParameters}) => {{ await handler.HandleAsync({arguments}); return global::Wisp.Xrpc.Serialization.XrpcEmpty.Value; }}";

        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Serves the method at <c>/xrpc/{SourceWriter.EscapeXml(method.Nsid)}</c> with the registered <see cref=\"IHandler\"/>. <c>MapWispXrpc()</c> maps it");
        w.Line("/// when the lexicon is the project's own; map it from a referenced library with <c>app.MapXrpcMethods(Endpoint)</c>.");
        w.Line("/// </summary>");
        w.Indent("public static readonly global::Wisp.Xrpc.Hosting.XrpcEndpoint Endpoint = new(").Line("Method,");
        w.Line("static httpContext => global::Wisp.Xrpc.Hosting.XrpcInvoker.InvokeAsync<" + $"{handler}, {method.ParamsType}, {method.InputType}, {method.OutputType}>(");
        w.Line("    httpContext,");
        w.Line($"    {method.ClassName}.Method,");
        if (resolve is not null)
        {
            w.Line($"    static services => {resolve},");
        }

        w.Line($"    {call}));");
        w.Outdent();
    }

    private static string BodyType(BodySpec? body) => body is null ? "null" : $"typeof({body.TypeName})";

    internal static string Parameter(PropertySpec parameter)
    {
        var item = parameter.Value.Kind switch
        {
            ValueKind.String => "string",
            ValueKind.Integer => "long",
            ValueKind.Boolean => "bool",
            _ => "object",
        };
        var type = parameter.Value.IsArray ? $"global::System.Collections.Generic.IReadOnlyList<{item}>" : item;
        var description = parameter.Description is { } text ? ", " + SourceWriter.Literal(text) : string.Empty;
        return $"new({SourceWriter.Literal(parameter.JsonName)}, typeof({type}), {(parameter.IsRequired ? "true" : "false")}{description})";
    }

    private static string Encoding(BodySpec? body) => body is null ? "null" : SourceWriter.Literal(body.Encoding);
}
