using System.Linq;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits what an event stream declares in its lexicon's class: <c>Errors</c>, <c>Params</c>, the message union
/// <c>IMessage</c>, and, when it has one, the <c>Method</c>, the <c>MessageCodec</c> (frames), the <c>IHandler</c> that
/// yields messages, the WebSocket <c>Endpoint</c> and the consumer's <c>Connect</c>. All the work is in the runtime
/// (<c>XrpcSubscriptionInvoker</c>, <c>XrpcSubscription</c>), generic over these types.
/// </summary>
internal static class SubscriptionEmitter
{
    public static void Emit(SourceWriter w, DocumentSpec document, SubscriptionSpec subscription)
    {
        if (subscription.Endpoint is { } endpoint)
        {
            EmitServing(w, document, subscription, endpoint);
        }

        ErrorsEmitter.Emit(w, subscription.Errors);
        if (subscription.Parameters is { } parameters)
        {
            w.Line();
            ParamsEmitter.Emit(w, parameters);
        }

        if (subscription.Message is { } message)
        {
            w.Line();
            UnionEmitter.Emit(w, message);
        }
    }

    private static void EmitServing(SourceWriter w, DocumentSpec document, SubscriptionSpec subscription, EndpointSpec endpoint)
    {
        var message = endpoint.OutputType;
        var parameters = subscription.Parameters?.Properties ?? EquatableArray<PropertySpec>.Empty;

        w.Line();
        w.Line("/// <summary>The event stream, as the runtime sees it (attached to its endpoint as metadata).</summary>");
        w.Indent("public static readonly global::Wisp.Xrpc.XrpcMethod Method = new(").Line("Id,");
        w.Line("global::Wisp.Xrpc.XrpcMethodKind.Subscription,");
        w.Line("InputEncoding: null,");
        w.Line("OutputEncoding: null,");
        w.Line($"RequiresAuthentication: {(subscription.RequiresAuthentication ? "true" : "false")},");
        w.Line($"Description: {(subscription.Description is null ? "null" : SourceWriter.Literal(subscription.Description))},");
        w.Line($"Parameters: [{string.Join(", ", parameters.Select(MethodEmitter.Parameter))}],");
        w.Line($"Errors: [{string.Join(", ", subscription.Errors.Select(e => SourceWriter.Literal(e.Error)))}]);");
        w.Outdent();

        w.Line();
        w.Line("/// <summary>The stream's messages as event-stream frames and back: DAG-CBOR, the member's <c>$type</c> as the header's <c>t</c>.</summary>");
        w.Line($"public static readonly global::Wisp.Xrpc.Subscriptions.XrpcMessageCodec<{message}> MessageCodec = new(Id, {message}.WriteTo<global::Wisp.Xrpc.DataModel.CborLexiconWriter>, {message}.ReadFrom<global::Wisp.Xrpc.DataModel.CborLexiconReader>);");

        var handlerParameters = (endpoint.HasParams ? $"{endpoint.ParamsType} parameters, " : string.Empty)
            + "global::Wisp.Xrpc.XrpcCallContext context, global::System.Threading.CancellationToken cancellationToken";
        w.Line();
        w.Summary($"Serves the {document.Nsid} event stream. Register an implementation in DI (e.g. services.AddSingleton<{document.ClassName}.IHandler, MyHandler>()); without one a connection is answered 501 MethodNotImplemented.");
        w.OpenBlock("public interface IHandler");
        w.Summary(subscription.Description ?? $"Streams the messages of {document.Nsid}.",
            "<para>Yield messages until <paramref name=\"cancellationToken\"/> is cancelled (the consumer left, or the app is stopping); throw an <see cref=\"global::Wisp.Xrpc.XrpcException\"/> (a declared error, such as <c>FutureCursor</c>) to send it as an error frame and close. Return an event log's stream to send its frames as stored.</para>");
        w.Line($"global::System.Collections.Generic.IAsyncEnumerable<{message}> SubscribeAsync({handlerParameters});");
        w.CloseBlock();

        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Serves the stream at <c>/xrpc/{SourceWriter.EscapeXml(document.Nsid)}</c> (WebSocket) with the registered <see cref=\"IHandler\"/>: parameters and");
        w.Line("/// caller are checked before the upgrade. <c>MapWispXrpc()</c> maps it for the project's own lexicons; <c>app.MapXrpcMethods(Endpoint)</c> for a library's.");
        w.Line("/// </summary>");
        w.Indent("public static readonly global::Wisp.Xrpc.Hosting.XrpcEndpoint Endpoint = new(").Line("Method,");
        w.Line($"static httpContext => global::Wisp.Xrpc.Subscriptions.XrpcSubscriptionInvoker.InvokeAsync<IHandler, {endpoint.ParamsType}, {message}>(");
        w.Line("    httpContext,");
        w.Line("    Method,");
        w.Line("    MessageCodec,");
        w.Line(endpoint.HasParams
            ? "    static (handler, parameters, context, cancellationToken) => handler.SubscribeAsync(parameters, context, cancellationToken)));"
            : "    static (handler, _, context, cancellationToken) => handler.SubscribeAsync(context, cancellationToken)));");
        w.Outdent();

        w.Line();
        w.Line($"/// <summary>Connects to the {SourceWriter.EscapeXml(document.Nsid)} event stream of <paramref name=\"service\"/>: <c>await foreach</c> over its messages, reconnecting from the last <c>seq</c>.</summary>");
        w.Line("/// <param name=\"service\">The service's address (<c>https://bsky.network</c>; <c>wss://</c> works too).</param>");
        if (endpoint.HasParams)
        {
            w.Line("/// <param name=\"parameters\">The query-string parameters, checked against the lexicon when connecting.</param>");
        }

        w.Line("/// <param name=\"options\">Reconnection, validation, frame size limit, socket set-up.</param>");
        var cursor = subscription.CursorProperty is { } name ? $"parameters.{name}" : "null";
        w.OpenBlock($"public static global::Wisp.Xrpc.Subscriptions.XrpcSubscription<{message}> Connect(global::System.Uri service{(endpoint.HasParams ? $", {endpoint.ParamsType} parameters" : string.Empty)}, global::Wisp.Xrpc.Subscriptions.XrpcSubscriptionOptions? options = null)");
        if (endpoint.HasParams)
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(parameters);");
            w.Line("_ = global::Wisp.Xrpc.Serialization.LexiconQueryWriter.Write(parameters, Method);");
            w.Line($"return new(service, Method, MessageCodec, parameters.WriteQuery, {cursor}, options);");
        }
        else
        {
            w.Line("return new(service, Method, MessageCodec, static _ => { }, null, options);");
        }

        w.CloseBlock();
    }
}
