using System.Linq;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits <c>MapWispXrpc()</c>: one <c>RequestDelegate</c> per method, each a call into the runtime's generic
/// <c>XrpcInvoker</c> with the generated types. Minimal-API lambdas are avoided on purpose: the request-delegate
/// generator cannot see generated code, so they would fall back to reflection.
/// </summary>
internal static class EndpointEmitter
{
    public const string HintName = "WispXrpcEndpoints.g.cs";

    public static string Emit(EquatableArray<BoundEndpoint> endpoints)
    {
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
        w.Line(endpoints.Count == 0 ? "/// No lexicon declares a method yet." : "/// Methods: " + string.Join(", ", endpoints.Select(e => $"<c>{SourceWriter.EscapeXml(e.Endpoint.Nsid)}</c>")) + ".");
        w.Line("/// </remarks>");
        w.OpenBlock("public static global::Wisp.Xrpc.Hosting.XrpcEndpointConventionBuilder MapWispXrpc(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)");
        w.Line("var mapper = global::Wisp.Xrpc.Hosting.XrpcEndpointMapper.Begin(endpoints);");
        foreach (var bound in endpoints)
        {
            w.Line($"mapper.Map({bound.Endpoint.ClassName}.Method, {bound.DelegateName});");
        }

        w.Line("return mapper.Complete();");
        w.CloseBlock();

        foreach (var bound in endpoints)
        {
            w.Line();
            EmitDelegate(w, bound);
        }

        w.CloseBlock();
        w.CloseBlock();
        return w.ToString();
    }

    private static void EmitDelegate(SourceWriter w, BoundEndpoint bound)
    {
        var method = bound.Endpoint;
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

        w.Line($"/// <summary>{method.Kind.ToString().ToUpperInvariant()} <c>{SourceWriter.EscapeXml(method.Nsid)}</c>.</summary>");
        w.Line($"private static global::System.Threading.Tasks.Task {bound.DelegateName}(global::Microsoft.AspNetCore.Http.HttpContext httpContext) =>");
        w.Line($"    global::Wisp.Xrpc.Hosting.XrpcInvoker.InvokeAsync<{handler}, {method.ParamsType}, {method.InputType}, {method.OutputType}>(");
        w.Line("        httpContext,");
        w.Line($"        {method.ClassName}.Method,");
        if (resolve is not null)
        {
            w.Line($"        static services => {resolve},");
        }

        w.Line($"        {call});");
    }
}
