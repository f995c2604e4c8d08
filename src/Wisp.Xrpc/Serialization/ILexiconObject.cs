using Microsoft.AspNetCore.Http;
using Wisp.Xrpc.Hosting;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// A lexicon object type that reads, validates and writes itself with no reflection, in either encoding of the data
/// model: JSON (<see cref="LexiconJson"/>) and DAG-CBOR (<see cref="DataModel.LexiconCbor"/>). The generator implements it on
/// every DTO it emits, with one reader and one writer generic over the encoding.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface ILexiconObject<TSelf> : IXrpcBody<TSelf>
    where TSelf : ILexiconObject<TSelf>
{
    /// <summary>
    /// Reads and validates a value. The reader is on the value; on return it is past it.
    /// Throws <see cref="Validation.LexiconValidationException"/> when the value breaks the lexicon.
    /// </summary>
    /// <param name="reader">The encoding's reader.</param>
    /// <param name="path">Where the value is, for error messages (e.g. <c>Input</c>).</param>
    static abstract TSelf ReadFrom<TReader>(ref TReader reader, string path)
        where TReader : ILexiconReader, allows ref struct;

    /// <summary>Writes the value as an object (a record with its <c>$type</c>).</summary>
    void WriteTo<TWriter>(TWriter writer)
        where TWriter : ILexiconWriter;

    /// <summary>As a request body: JSON of at most <see cref="WispXrpcOptions.MaxJsonRequestBodySize"/> bytes, read and validated.</summary>
    static ValueTask<TSelf> IXrpcBody<TSelf>.ReadBodyAsync(HttpContext httpContext, XrpcMethod method, WispXrpcOptions options) =>
        XrpcRequestBody.ReadJsonAsync<TSelf>(httpContext, options.MaxJsonRequestBodySize);

    /// <summary>As a response body: JSON, checked against the lexicon first when asked.</summary>
    static Task IXrpcBody<TSelf>.WriteBodyAsync(HttpContext httpContext, XrpcMethod method, TSelf value, bool validate) =>
        validate ? XrpcResponses.WriteValidatedJsonAsync(httpContext, value) : XrpcResponses.WriteJsonAsync(httpContext, value);

    /// <summary>As a client's request body: JSON, written then read back by the type's own reader, so it is checked exactly as the server checks it.</summary>
    static HttpContent IXrpcBody<TSelf>.CreateRequestContent(TSelf value, XrpcMethod method) =>
        Client.XrpcClientBodies.JsonContent(value, method);

    /// <summary>As a client's response body: JSON of at most <see cref="Client.XrpcClientOptions.MaxJsonResponseSize"/> bytes, read and validated.</summary>
    static ValueTask<TSelf> IXrpcBody<TSelf>.ReadResponseAsync(HttpResponseMessage response, XrpcMethod method, Client.XrpcClientOptions options, Client.XrpcValidation validation, CancellationToken cancellationToken) =>
        Client.XrpcClientBodies.ReadJsonAsync<TSelf>(response, method, options, validation, cancellationToken);
}
