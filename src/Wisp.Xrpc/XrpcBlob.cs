using Wisp.Xrpc.Serialization;

namespace Wisp.Xrpc;

/// <summary>
/// A raw body: the input or output of a method whose lexicon encoding is not <c>application/json</c>
/// (<c>*/*</c>, <c>image/*</c>, <c>application/vnd.ipld.car</c>, ...). Input arrives as a stream that has not been
/// read yet; output is streamed to the client with its content type, and the stream is disposed afterwards. A
/// client's download is one too: its <see cref="Content"/> reads the response as it arrives; dispose it when done.
/// </summary>
public sealed class XrpcBlob : IXrpcBody<XrpcBlob>, IDisposable, IAsyncDisposable
{
    /// <summary>Creates a raw body.</summary>
    /// <param name="contentType">Its MIME type, sent as Content-Type (for output it must fit the lexicon's encoding).</param>
    /// <param name="content">The bytes.</param>
    /// <param name="length">The length in bytes, when known (sent as Content-Length).</param>
    public XrpcBlob(string contentType, Stream content, long? length = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        ArgumentNullException.ThrowIfNull(content);
        ContentType = contentType;
        Content = content;
        Length = length;
    }

    /// <summary>The MIME type.</summary>
    public string ContentType { get; }

    /// <summary>The bytes. For input, read it within the handler: it is the request body.</summary>
    public Stream Content { get; }

    /// <summary>The length in bytes, when known.</summary>
    public long? Length { get; }

    /// <inheritdoc />
    static ValueTask<XrpcBlob> IXrpcBody<XrpcBlob>.ReadBodyAsync(Microsoft.AspNetCore.Http.HttpContext httpContext, XrpcMethod method, Hosting.WispXrpcOptions options) =>
        ValueTask.FromResult(Hosting.XrpcRequestBody.ReadRaw(httpContext, method.InputEncoding!, options.MaxRawRequestBodySize));

    /// <inheritdoc />
    static Task IXrpcBody<XrpcBlob>.WriteBodyAsync(Microsoft.AspNetCore.Http.HttpContext httpContext, XrpcMethod method, XrpcBlob value, bool validate) =>
        Hosting.XrpcResponses.WriteBlobAsync(httpContext, method, value);

    /// <inheritdoc />
    static HttpContent IXrpcBody<XrpcBlob>.CreateRequestContent(XrpcBlob value, XrpcMethod method) =>
        Client.XrpcClientBodies.BlobContent(value, method);

    /// <inheritdoc />
    static ValueTask<XrpcBlob> IXrpcBody<XrpcBlob>.ReadResponseAsync(HttpResponseMessage response, XrpcMethod method, Client.XrpcClientOptions options, Client.XrpcValidation validation, CancellationToken cancellationToken) =>
        Client.XrpcClientBodies.ReadBlobAsync(response, method, validation, cancellationToken);

    /// <summary>Disposes <see cref="Content"/> (for a client's download, that ends the response).</summary>
    public void Dispose() => Content.Dispose();

    /// <summary>Disposes <see cref="Content"/> (for a client's download, that ends the response).</summary>
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
