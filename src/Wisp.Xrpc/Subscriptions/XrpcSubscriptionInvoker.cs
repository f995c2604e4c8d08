using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wisp.Xrpc.Hosting;
using Wisp.Xrpc.Serialization;

namespace Wisp.Xrpc.Subscriptions;

/// <summary>
/// Serves one connection to an event stream: the request is checked as any XRPC call is (verb, handler, caller,
/// parameters) while it is still HTTP, so a bad one gets a 4xx with an XRPC body; then the WebSocket is accepted and the
/// handler's messages are sent as frames (<see cref="XrpcSubscriptionSession"/>). Called by generated code.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public static class XrpcSubscriptionInvoker
{
    /// <summary>Serves a connection to the stream whose handler is the <typeparamref name="THandler"/> service.</summary>
    /// <typeparam name="THandler">The stream's generated handler interface.</typeparam>
    /// <typeparam name="TParams">The parameters type, or <see cref="XrpcEmpty"/>.</typeparam>
    /// <typeparam name="TMessage">The message union.</typeparam>
    public static async Task InvokeAsync<THandler, TParams, TMessage>(
        HttpContext httpContext,
        XrpcMethod method,
        XrpcMessageCodec<TMessage> codec,
        Func<THandler, TParams, XrpcCallContext, CancellationToken, IAsyncEnumerable<TMessage>> subscribe)
        where THandler : class
        where TParams : ILexiconParams<TParams>
        where TMessage : class
    {
        XrpcCallContext call;
        TParams parameters;
        THandler handler;
        WispXrpcOptions options;
        try
        {
            if (!HttpMethods.IsGet(httpContext.Request.Method))
            {
                throw XrpcException.InvalidRequest($"Incorrect HTTP method ({httpContext.Request.Method}) expected GET");
            }

            var services = httpContext.RequestServices;
            handler = services.GetService<THandler>()
                ?? throw new XrpcException(StatusCodes.Status501NotImplemented, XrpcErrorNames.MethodNotImplemented, "Method Not Implemented");
            options = services.GetRequiredService<IOptions<WispXrpcOptions>>().Value;
            call = new XrpcCallContext(httpContext, method, options);
            if (method.RequiresAuthentication && call.CallerDid is null)
            {
                await XrpcInvoker.ChallengeAsync(httpContext);
                return;
            }

            parameters = typeof(TParams) == typeof(XrpcEmpty)
                ? (TParams)(object)XrpcEmpty.Value
                : TParams.ReadQuery(httpContext.Request.Query, "Params");
            if (!httpContext.WebSockets.IsWebSocketRequest)
            {
                throw XrpcException.InvalidRequest($"{method.Nsid} is an event stream: connect with a WebSocket");
            }
        }
        catch (Exception exception)
        {
            await XrpcInvoker.WriteFailureAsync(httpContext, method.Nsid, exception);
            return;
        }

        using var socket = await httpContext.WebSockets.AcceptWebSocketAsync();
                var session = new XrpcSubscriptionSession(
            socket,
            method.Nsid,
            options,
            httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Wisp.Xrpc.Subscriptions"),
            httpContext.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None,
            httpContext.RequestAborted,
            httpContext.Abort);
        await session.RunAsync(token => Frames(subscribe(handler, parameters, call, token), codec, token));
    }

    /// <summary>The handler's messages as frames: encoded here, or as they are stored when the stream is an <see cref="IXrpcFrameSource"/> (an event log's).</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Frames<TMessage>(IAsyncEnumerable<TMessage> messages, XrpcMessageCodec<TMessage> codec, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        where TMessage : class
    {
        if (messages is IXrpcFrameSource source)
        {
            await foreach (var frame in source.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return frame;
            }

            yield break;
        }

        await foreach (var message in messages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return codec.Encode(message);
        }
    }
}
