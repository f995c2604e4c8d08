using System.Linq;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits <c>MapWispXrpc()</c>: one <c>RequestDelegate</c> per method, each a call into the runtime's generic
/// <c>XrpcInvoker</c> with the generated types. Minimal-API lambdas are avoided on purpose: the request-delegate
/// generator cannot see generated code, so they would fall back to reflection.
/// </summary>
internal static class EndpointEmitter
{
    public const string HintName = "WispXrpcEndpoints.g.cs";

    public static string Emit(EquatableArray<MethodEndpoint> methods, LexiconIndex index, string rootNamespace)
    {
        var ordered = methods.OrderBy(m => m.Nsid, System.StringComparer.Ordinal).ToList();
        var w = new SourceWriter();
        w.Line(SourceWriter.Header);
        w.OpenBlock("namespace Microsoft.AspNetCore.Builder");
        w.Line("/// <summary>Maps the XRPC methods of this project's lexicons.</summary>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Wisp.Xrpc.Generators\", \"" + ThisAssembly.Version + "\")]");
        w.OpenBlock("internal static class WispXrpcEndpointRouteBuilderExtensions");
        w.Line("/// <summary>");
        w.Line("/// Maps every XRPC method of the project's lexicons at <c>/xrpc/{nsid}</c> and answers every other <c>/xrpc/</c> path");
        w.Line("/// with 501 MethodNotImplemented. Conventions added to the result apply to all methods.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line(ordered.Count == 0 ? "/// No lexicon declares a method yet." : "/// Methods: " + string.Join(", ", ordered.Select(m => $"<c>{m.Nsid}</c>")) + ".");
        w.Line("/// </remarks>");
        w.OpenBlock("public static global::Wisp.Xrpc.Hosting.XrpcEndpointConventionBuilder MapWispXrpc(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)");
        w.Line("var mapper = global::Wisp.Xrpc.Hosting.XrpcEndpointMapper.Begin(endpoints);");
        foreach (var method in ordered)
        {
            w.Line($"mapper.Map({DocumentClass(method, rootNamespace)}.Method, {DelegateName(method)});");
        }

        w.Line("return mapper.Complete();");
        w.CloseBlock();

        foreach (var method in ordered)
        {
            w.Line();
            EmitDelegate(w, method, index, rootNamespace);
        }

        w.CloseBlock();
        w.CloseBlock();
        return w.ToString();
    }

    private static void EmitDelegate(SourceWriter w, MethodEndpoint method, LexiconIndex index, string rootNamespace)
    {
        var type = DocumentClass(method, rootNamespace);
        var handler = $"{type}.IHandler";
        var parameters = method.HasParams ? $"{type}.Params" : "global::Wisp.Xrpc.Serialization.XrpcEmpty";
        const string Raw = "global::Wisp.Xrpc.XrpcBlob";
        const string None = "global::Wisp.Xrpc.Serialization.XrpcEmpty";
        var input = !method.HasInput ? None : method.InputIsRaw ? Raw : method.InputRef is { } inputRef ? Qualified(inputRef, index, rootNamespace) : $"{type}.Input";
        var output = !method.HasOutput ? None : method.OutputIsRaw ? Raw : method.OutputRef is { } outputRef ? Qualified(outputRef, index, rootNamespace) : $"{type}.Output";

        // A built-in handler (the secret family) stands in when the application registers none; any other handler
        // is found by the runtime as the IHandler service.
        var resolve = method.HasBuiltInHandler
            ? $"({handler}?)services.GetService(typeof({handler})) ?? {BuiltInHandlers.Construct(type)}"
            : null;

        // The handler takes only what the lexicon declares; the others are discards.
        var lambdaParameters = $"handler, {(method.HasParams ? "parameters" : "_")}, {(method.HasInput ? "input" : "_")}, context";
        var arguments = string.Join(", ", new[] { method.HasParams ? "parameters" : null, method.HasInput ? "input" : null, "context" }.Where(a => a is not null));
        var call = method.HasOutput
            ? $"static ({lambdaParameters}) => handler.HandleAsync({arguments})"
            : $"static async ({lambdaParameters}) => {{ await handler.HandleAsync({arguments}); return global::Wisp.Xrpc.Serialization.XrpcEmpty.Value; }}";

        w.Line($"/// <summary>{method.Kind.ToString().ToUpperInvariant()} <c>{method.Nsid}</c>.</summary>");
        w.Line($"private static global::System.Threading.Tasks.Task {DelegateName(method)}(global::Microsoft.AspNetCore.Http.HttpContext httpContext) =>");
        w.Line($"    global::Wisp.Xrpc.Hosting.XrpcInvoker.InvokeAsync<{handler}, {parameters}, {input}, {output}>(");
        w.Line("        httpContext,");
        w.Line($"        {type}.Method,");
        if (resolve is not null)
        {
            w.Line($"        static services => {resolve},");
        }

        w.Line($"        {call});");
    }

    private static string DocumentClass(MethodEndpoint method, string rootNamespace) =>
        $"global::{CSharpNames.Namespace(rootNamespace, method.Nsid)}.{CSharpNames.DocumentClass(method.Nsid)}";

    /// <summary>The C# type of a body whose schema is a ref to an object of some lexicon.</summary>
    private static string Qualified(LexiconRef reference, LexiconIndex index, string rootNamespace) =>
        CrossLexiconRefs.QualifiedTypeName(rootNamespace, reference.Document!, reference.Definition, index);

    private static string DelegateName(MethodEndpoint method) => CSharpNames.Flat(method.Nsid) + "Async";
}
