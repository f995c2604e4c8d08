using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using Wisp.Xrpc.Hosting;
using Wisp.Xrpc.Serialization;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Client;

/// <summary>
/// The client's half of <see cref="IXrpcBody{TSelf}"/>: JSON written and checked by the generated types' own
/// readers and writers (the server's code path), raw bodies streamed both ways.
/// </summary>
internal static class XrpcClientBodies
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Writes <paramref name="value"/>, then reads the bytes back with the type's reader: the check the server makes.</summary>
    public static HttpContent JsonContent<T>(T value, XrpcMethod method)
        where T : ILexiconObject<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteJson(writer);
        }

        try
        {
            var reader = new Utf8JsonReader(buffer.WrittenSpan);
            reader.Read();
            T.ReadJson(ref reader, "Input");
        }
        catch (LexiconValidationException invalid)
        {
            throw new ArgumentException($"The input of {method.Nsid} breaks its lexicon: {invalid.Message}", "input", invalid);
        }

        var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = Json;
        return content;
    }

    /// <summary>A raw body, streamed; its type must fit the lexicon's encoding.</summary>
    public static HttpContent BlobContent(XrpcBlob blob, XrpcMethod method)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (!XrpcRequestBody.Accepts(method.InputEncoding!, blob.ContentType))
        {
            throw new ArgumentException($"The input of {method.Nsid} must be {method.InputEncoding}, not {blob.ContentType}", "input");
        }

        var content = new StreamContent(blob.Content);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(blob.ContentType);
        if (blob.Length is { } length)
        {
            content.Headers.ContentLength = length;
        }

        return content;
    }

    /// <summary>Reads a JSON response of at most <see cref="XrpcClientOptions.MaxJsonResponseSize"/> bytes and validates it.</summary>
    public static async ValueTask<T> ReadJsonAsync<T>(HttpResponseMessage response, XrpcMethod method, XrpcClientOptions options, XrpcValidation validation, CancellationToken cancellationToken)
        where T : ILexiconObject<T>
    {
        using (response)
        {
            if (response.Content.Headers.ContentType?.MediaType is not { } mediaType || !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                throw XrpcClient.InvalidResponse(method, $"the response is {response.Content.Headers.ContentType?.MediaType ?? "untyped"}, not application/json");
            }

            var max = options.MaxJsonResponseSize;
            if (response.Content.Headers.ContentLength > max)
            {
                throw XrpcClient.InvalidResponse(method, $"the response is larger than {max} bytes");
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(response.Content.Headers.ContentLength ?? 0, 4096) + 1, Math.Min(max + 1, Array.MaxLength)));
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (length > max)
                        {
                            throw XrpcClient.InvalidResponse(method, $"the response is larger than {max} bytes");
                        }

                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Math.Min(max + 1, Array.MaxLength)));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }

                if (length > max)
                {
                    throw XrpcClient.InvalidResponse(method, $"the response is larger than {max} bytes");
                }

                return Parse<T>(buffer.AsSpan(0, length), method, validation);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>A raw response, handed over as a stream that ends the response when disposed.</summary>
    public static XrpcBlob ReadBlob(HttpResponseMessage response, XrpcMethod method, XrpcValidation validation)
    {
        var contentType = response.Content.Headers.ContentType?.ToString();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (validation == XrpcValidation.Strict && (mediaType is null || !XrpcRequestBody.Accepts(method.OutputEncoding!, mediaType)))
        {
            response.Dispose();
            throw XrpcClient.InvalidResponse(method, $"the response is {mediaType ?? "untyped"}, not {method.OutputEncoding}");
        }

        // ReadAsStream on a response read with ResponseHeadersRead returns the connection's stream at once.
        var stream = response.Content.ReadAsStream();
        return new XrpcBlob(contentType ?? "application/octet-stream", new ResponseStream(stream, response), response.Content.Headers.ContentLength);
    }

    private static T Parse<T>(ReadOnlySpan<byte> json, XrpcMethod method, XrpcValidation validation)
        where T : ILexiconObject<T>
    {
        if (json.IsEmpty)
        {
            throw XrpcClient.InvalidResponse(method, "the response body is empty");
        }

        var lenient = validation == XrpcValidation.Lenient ? LexiconValidationScope.Lenient() : default(LexiconValidationScope.Scope?);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 128 });
            reader.Read();
            var value = T.ReadJson(ref reader, "Output");
            // Anything after the value is a JsonException from Read(): the reader takes one value only.
            reader.Read();
            return value;
        }
        catch (LexiconValidationException invalid)
        {
            throw XrpcClient.InvalidResponse(method, invalid.Message, invalid);
        }
        catch (JsonException invalid)
        {
            throw XrpcClient.InvalidResponse(method, $"the response is not valid JSON (line {invalid.LineNumber + 1}, byte {invalid.BytePositionInLine + 1})", invalid);
        }
        finally
        {
            lenient?.Dispose();
        }
    }

    /// <summary>The response's stream; disposing it disposes the response (and frees its connection).</summary>
    private sealed class ResponseStream(Stream inner, HttpResponseMessage response) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken) => inner.CopyToAsync(destination, bufferSize, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            response.Dispose();
            await base.DisposeAsync().ConfigureAwait(false);
        }
    }
}
