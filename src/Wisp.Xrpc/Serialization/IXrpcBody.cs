using Microsoft.AspNetCore.Http;
using Wisp.Xrpc.Hosting;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// A method's input or output as the XRPC runtime reads and writes it: every lexicon object as validated JSON
/// (<see cref="ILexiconObject{TSelf}"/> supplies that), <see cref="XrpcBlob"/> as a stream of its encoding, on the
/// server's side and the client's. The runtime calls these, so no type has members it cannot honour and the invoker does not branch on types.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public interface IXrpcBody<TSelf>
    where TSelf : IXrpcBody<TSelf>
{
    /// <summary>Reads the request body of <paramref name="method"/>, within the limits of <paramref name="options"/>.</summary>
    static abstract ValueTask<TSelf> ReadBodyAsync(HttpContext httpContext, XrpcMethod method, WispXrpcOptions options);

    /// <summary>Writes <paramref name="value"/> as the response body; <paramref name="validate"/> checks it against the lexicon first.</summary>
    static abstract Task WriteBodyAsync(HttpContext httpContext, XrpcMethod method, TSelf value, bool validate);

    /// <summary>The client's side: <paramref name="value"/> as the request body of <paramref name="method"/>, checked against the lexicon first.</summary>
    static abstract HttpContent CreateRequestContent(TSelf value, XrpcMethod method);

    /// <summary>The client's side: reads and validates the response body of <paramref name="method"/>.</summary>
    static abstract ValueTask<TSelf> ReadResponseAsync(HttpResponseMessage response, XrpcMethod method, Client.XrpcClientOptions options, Client.XrpcValidation validation, CancellationToken cancellationToken);
}
