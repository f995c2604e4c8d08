using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits a method's client call, <c>CallAsync</c>, in its lexicon's class: a typed front for the runtime's
/// <c>XrpcClient.SendAsync</c>, taking only what the lexicon declares (parameters, input). Reading, writing and checking
/// are the generated types' own, the ones the server uses.
/// </summary>
internal static class ClientEmitter
{
    public static void Emit(SourceWriter w, string nsid, string? description, EndpointSpec method)
    {
        var output = method.HasOutput ? $"global::System.Threading.Tasks.Task<{method.OutputType}>" : "global::System.Threading.Tasks.Task";
        var parameters = "global::Wisp.Xrpc.Client.XrpcClient client"
            + (method.HasParams ? $", {method.ParamsType} parameters" : string.Empty)
            + (method.HasInput ? $", {method.InputType} input" : string.Empty)
            + ", global::Wisp.Xrpc.Client.XrpcCallOptions? options = null, global::System.Threading.CancellationToken cancellationToken = default";

        w.Line();
        w.Line($"/// <summary>Calls <c>{SourceWriter.EscapeXml(nsid)}</c> on the service <paramref name=\"client\"/> names.</summary>");
        w.Doc("remarks", description);

        w.Line("/// <param name=\"client\">The service's client.</param>");
        if (method.HasParams)
        {
            w.Line("/// <param name=\"parameters\">The query-string parameters, checked against the lexicon before anything is sent.</param>");
        }

        if (method.HasInput)
        {
            w.Line("/// <param name=\"input\">The request body, checked against the lexicon before anything is sent.</param>");
        }

        w.Line("/// <param name=\"options\">Headers and settings for this call only.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        w.Line(method.HasOutput
            ? "/// <returns>The output, checked against the lexicon.</returns>"
            : "/// <returns>When the service has answered.</returns>");
        w.Line("/// <exception cref=\"global::Wisp.Xrpc.XrpcException\">The service answered with an error (test it with <c>Errors</c>), or with output that breaks the lexicon (<c>InvalidResponse</c>).</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The parameters or input break the lexicon.</exception>");
        w.OpenBlock($"public static {output} CallAsync({parameters})");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(client);");
        w.Line($"return client.SendAsync<{method.ParamsType}, {method.InputType}, {method.OutputType}>(Method, {(method.HasParams ? "parameters" : "global::Wisp.Xrpc.Serialization.XrpcEmpty.Value")}, {(method.HasInput ? "input" : "global::Wisp.Xrpc.Serialization.XrpcEmpty.Value")}, options, cancellationToken);");
        w.CloseBlock();
    }
}
