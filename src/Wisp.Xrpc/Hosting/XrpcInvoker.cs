using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wisp.Xrpc.Serialization;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Hosting;

/// <summary>
/// The request pipeline of every generated XRPC endpoint, in the order of @atproto/xrpc-server:
/// verb, handler, caller, input, handler call, output; every failure becomes an XRPC error body.
/// Called by generated code; generic over the generated types so that nothing is reflected.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public static partial class XrpcInvoker
{
    /// <summary>Serves one call of a method whose handler is the <typeparamref name="THandler"/> service.</summary>
    /// <typeparam name="THandler">The method's generated handler interface.</typeparam>
    /// <typeparam name="TParams">The parameters type, or <see cref="XrpcEmpty"/>.</typeparam>
    /// <typeparam name="TInput">The input type, or <see cref="XrpcEmpty"/>.</typeparam>
    /// <typeparam name="TOutput">The output type, or <see cref="XrpcEmpty"/> when the method returns no body.</typeparam>
    /// <param name="httpContext">The request.</param>
    /// <param name="method">The method's metadata.</param>
    /// <param name="invoke">Calls the handler.</param>
    public static Task InvokeAsync<THandler, TParams, TInput, TOutput>(
        HttpContext httpContext,
        XrpcMethod method,
        Func<THandler, TParams, TInput, XrpcCallContext, ValueTask<TOutput>> invoke)
        where THandler : class
        where TParams : ILexiconParams<TParams>
        where TInput : IXrpcBody<TInput>
        where TOutput : IXrpcBody<TOutput> =>
        InvokeAsync(httpContext, method, HandlerService<THandler>.Resolve, invoke);

    /// <summary>Serves one call of a method.</summary>
    /// <typeparam name="THandler">The method's generated handler interface.</typeparam>
    /// <typeparam name="TParams">The parameters type, or <see cref="XrpcEmpty"/>.</typeparam>
    /// <typeparam name="TInput">The input type, or <see cref="XrpcEmpty"/>.</typeparam>
    /// <typeparam name="TOutput">The output type, or <see cref="XrpcEmpty"/> when the method returns no body.</typeparam>
    /// <param name="httpContext">The request.</param>
    /// <param name="method">The method's metadata.</param>
    /// <param name="resolveHandler">Finds the handler in the request's services; null when there is none (501).</param>
    /// <param name="invoke">Calls the handler.</param>
    public static async Task InvokeAsync<THandler, TParams, TInput, TOutput>(
        HttpContext httpContext,
        XrpcMethod method,
        Func<IServiceProvider, THandler?> resolveHandler,
        Func<THandler, TParams, TInput, XrpcCallContext, ValueTask<TOutput>> invoke)
        where THandler : class
        where TParams : ILexiconParams<TParams>
        where TInput : IXrpcBody<TInput>
        where TOutput : IXrpcBody<TOutput>
    {
        try
        {
            if (!HttpMethods.Equals(httpContext.Request.Method, method.HttpMethod))
            {
                throw XrpcException.InvalidRequest($"Incorrect HTTP method ({httpContext.Request.Method}) expected {method.HttpMethod}");
            }

            var services = httpContext.RequestServices;
            var handler = resolveHandler(services)
                ?? throw new XrpcException(StatusCodes.Status501NotImplemented, XrpcErrorNames.MethodNotImplemented, "Method Not Implemented");

            var options = services.GetRequiredService<IOptions<WispXrpcOptions>>().Value;
            var call = new XrpcCallContext(httpContext, method, options);

            // The caller is checked before the body is read: an anonymous client learns nothing about validation.
            if (method.RequiresAuthentication && call.CallerDid is null)
            {
                await ChallengeAsync(httpContext);
                return;
            }

            // Request.Query parses the query string; a method without parameters never asks for it.
            var parameters = typeof(TParams) == typeof(XrpcEmpty)
                ? (TParams)(object)XrpcEmpty.Value
                : TParams.ReadQuery(httpContext.Request.Query, "Params");

            TInput input;
            if (method.InputEncoding is null)
            {
                if (XrpcRequestBody.HasBody(httpContext.Request))
                {
                    throw XrpcException.InvalidRequest("A request body was provided when none was expected");
                }

                input = XrpcEmpty.Value is TInput empty
                    ? empty
                    : throw new InvalidOperationException($"{method.Nsid} declares no input, so its input type must be {nameof(XrpcEmpty)}.");
            }
            else
            {
                input = await TInput.ReadBodyAsync(httpContext, method, options);
            }

            var output = await invoke(handler, parameters, input, call);
            if (method.OutputEncoding is null)
            {
                httpContext.Response.StatusCode = StatusCodes.Status200OK;
                return;
            }

            try
            {
                await TOutput.WriteBodyAsync(httpContext, method, output, validate: options.ValidateOutput == true);
            }
            catch (LexiconValidationException violation)
            {
                // The handler broke the lexicon: the client gets a plain 500, the log gets the rule.
                throw new InvalidOperationException($"The handler of {method.Nsid} returned output that breaks its lexicon: {violation.Message}", violation);
            }
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception exception)
        {
            await WriteFailureAsync(httpContext, method.Nsid, exception);
        }
    }

    /// <summary>Answers an <c>/xrpc/</c> path that names no mapped method.</summary>
    internal static Task UnknownMethodAsync(HttpContext httpContext)
    {
        var nsid = httpContext.Request.RouteValues["path"] as string;
        return nsid is not null && LexiconFormats.IsNsid(nsid)
            ? XrpcResponses.WriteErrorAsync(httpContext, StatusCodes.Status501NotImplemented, XrpcErrorNames.MethodNotImplemented, "Method Not Implemented")
            : XrpcResponses.WriteErrorAsync(httpContext, StatusCodes.Status400BadRequest, XrpcErrorNames.InvalidRequest, "Invalid XRPC method name (NSID) in the path");
    }

    internal static async Task ChallengeAsync(HttpContext httpContext)
    {
        // Let the configured scheme add its WWW-Authenticate challenge; then answer with the XRPC body.
        var schemes = httpContext.RequestServices.GetService<IAuthenticationSchemeProvider>();
        if (schemes is not null && await schemes.GetDefaultChallengeSchemeAsync() is not null)
        {
            await httpContext.ChallengeAsync();
        }

        if (httpContext.Response.HasStarted)
        {
            return;
        }

        if (httpContext.Response.Headers.WWWAuthenticate.Count == 0)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer";
        }

        httpContext.Response.Headers.Location = default;
        await XrpcResponses.WriteErrorAsync(httpContext, XrpcException.AuthenticationRequired());
    }

    internal static async Task WriteFailureAsync(HttpContext httpContext, string nsid, Exception exception)
    {
        var error = exception switch
        {
            XrpcException xrpc => xrpc,
            LexiconValidationException validation => XrpcException.InvalidRequest(validation.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                new XrpcException(StatusCodes.Status413PayloadTooLarge, XrpcErrorNames.PayloadTooLarge, "Request body is too large"),
            BadHttpRequestException badRequest => XrpcException.InvalidRequest(badRequest.Message),
            _ => null,
        };

        if (error is null)
        {
            var logger = httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Wisp.Xrpc.XrpcInvoker");
            if (exception is Secrets.SecretStoreUnavailableException unavailable)
            {
                // Fail closed, say why in the log (never a token), and tell the client to come back later.
                LogStoreUnavailable(logger, nsid, unavailable);
                error = new XrpcException(StatusCodes.Status503ServiceUnavailable, XrpcErrorNames.ServiceUnavailable, "Secret storage is unavailable");
            }
            else
            {
                LogUnhandled(logger, nsid, exception);
                error = new XrpcException(StatusCodes.Status500InternalServerError, XrpcErrorNames.InternalServerError, "Internal Server Error");
            }
        }

        if (httpContext.Response.HasStarted)
        {
            // Part of a response is on the wire already; all that is left is to cut the connection.
            httpContext.Abort();
            return;
        }

        httpContext.Response.Clear();
        await XrpcResponses.WriteErrorAsync(httpContext, error);
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "XRPC method {Nsid} could not use the secret store")]
    private static partial void LogStoreUnavailable(ILogger logger, string nsid, Exception exception);

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "XRPC method {Nsid} failed with an unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, string nsid, Exception exception);

    /// <summary>Finds a handler among the request's services without a delegate per generated method.</summary>
    private static class HandlerService<THandler>
        where THandler : class
    {
        public static readonly Func<IServiceProvider, THandler?> Resolve = static services => (THandler?)services.GetService(typeof(THandler));
    }
}
