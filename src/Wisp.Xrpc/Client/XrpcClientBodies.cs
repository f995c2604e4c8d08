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
            LexiconJson.Read<T>(ref reader, "Input");
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
        if (!MediaTypeHeaderValue.TryParse(blob.ContentType, out var type) || type.MediaType is null)
        {
            throw new ArgumentException($"The input of {method.Nsid} has no valid content type: {blob.ContentType}", "input");
        }

        if (!XrpcRequestBody.Accepts(method.InputEncoding!, type.MediaType))
        {
            throw new ArgumentException($"The input of {method.Nsid} must be {method.InputEncoding}, not {type.MediaType}", "input");
        }

        var content = new StreamContent(blob.Content);
        content.Headers.ContentType = type;
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

    /// <summary>
    /// A raw response, handed over as a stream that ends the response when disposed; the call's cancellation, when it
    /// comes, ends it too (a read in progress then fails).
    /// </summary>
    public static async ValueTask<XrpcBlob> ReadBlobAsync(HttpResponseMessage response, XrpcMethod method, XrpcValidation validation, CancellationToken cancellationToken)
    {
        try
        {
            var contentType = response.Content.Headers.ContentType?.ToString();
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (validation == XrpcValidation.Strict && (mediaType is null || !XrpcRequestBody.Accepts(method.OutputEncoding!, mediaType)))
            {
                throw XrpcClient.InvalidResponse(method, $"the response is {mediaType ?? "untyped"}, not {method.OutputEncoding}");
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new XrpcBlob(contentType ?? "application/octet-stream", new ResponseStream(stream, response, cancellationToken), response.Content.Headers.ContentLength);
        }
        catch
        {
            response.Dispose();
            throw;
        }
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
            var value = LexiconJson.Read<T>(ref reader, "Output");
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
        catch (InvalidOperationException invalid)
        {
            // Utf8JsonReader's answer to a string that is not valid UTF-8.
            throw XrpcClient.InvalidResponse(method, "the response is not valid UTF-8 JSON", invalid);
        }
        finally
        {
            lenient?.Dispose();
        }
    }

    /// <summary>
    /// The response's stream; disposing it disposes the response (and frees its connection). Cancelling the call ends
    /// it: the response is disposed (a read in progress stops) and every read from then on throws, so a cancelled
    /// download can never look like one that ended.
    /// </summary>
    private sealed class ResponseStream : Stream
    {
        private readonly Stream inner;
        private readonly HttpResponseMessage response;
        private readonly CancellationToken _call;
        private readonly CancellationTokenRegistration _cancel;

        public ResponseStream(Stream inner, HttpResponseMessage response, CancellationToken cancellationToken)
        {
            this.inner = inner;
            this.response = response;
            _call = cancellationToken;
            _cancel = cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            _call.ThrowIfCancellationRequested();
            var read = inner.Read(buffer);
            _call.ThrowIfCancellationRequested();
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _call.ThrowIfCancellationRequested();
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            _call.ThrowIfCancellationRequested();
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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
                _cancel.Dispose();
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await _cancel.DisposeAsync().ConfigureAwait(false);
            await inner.DisposeAsync().ConfigureAwait(false);
            response.Dispose();
            await base.DisposeAsync().ConfigureAwait(false);
        }
    }
}
