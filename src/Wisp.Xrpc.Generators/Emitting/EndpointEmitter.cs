using System.Linq;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits <c>MapWispXrpc()</c>: maps the generated <c>Endpoint</c> of every method of the project's own lexicons, then
/// the 501 fallback. Methods of referenced lexicon libraries are not mapped here: the app names them with
/// <c>MapXrpcMethods(...)</c>.
/// </summary>
internal static class EndpointEmitter
{
    public const string HintName = "WispXrpcEndpoints.g.cs";

    public static string Emit(EquatableArray<EndpointSpec> endpoints)
    {
        var w = new SourceWriter();
        w.Line(SourceWriter.Header);
        w.OpenBlock("namespace Microsoft.AspNetCore.Builder");
        w.Line("/// <summary>Maps the XRPC methods of this project's lexicons.</summary>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Wisp.Xrpc.Generators\", \"" + ThisAssembly.Version + "\")]");
        w.OpenBlock("internal static class WispXrpcEndpointRouteBuilderExtensions");
        w.Line("/// <summary>");
        w.Line("/// Maps every XRPC method of the project's lexicons at <c>/xrpc/{nsid}</c> and answers every other <c>/xrpc/</c> path");
        w.Line("/// with 501 MethodNotImplemented. Conventions added to the result apply to all methods. Methods of referenced lexicon");
        w.Line("/// libraries are served only when mapped with <c>MapXrpcMethods(...)</c>.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line(endpoints.Count == 0 ? "/// No lexicon of the project declares a method." : "/// Methods: " + string.Join(", ", endpoints.Select(e => $"<c>{SourceWriter.EscapeXml(e.Nsid)}</c>")) + ".");
        w.Line("/// </remarks>");
        w.OpenBlock("public static global::Wisp.Xrpc.Hosting.XrpcEndpointConventionBuilder MapWispXrpc(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)");
        w.Line("var mapper = global::Wisp.Xrpc.Hosting.XrpcEndpointMapper.Begin(endpoints);");
        foreach (var endpoint in endpoints)
        {
            w.Line($"mapper.Map({endpoint.ClassName}.Endpoint);");
        }

        w.Line("return mapper.Complete();");
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
        return w.ToString();
    }
}
