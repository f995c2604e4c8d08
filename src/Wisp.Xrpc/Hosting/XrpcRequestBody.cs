using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Wisp.Xrpc.Serialization;

namespace Wisp.Xrpc.Hosting;

/// <summary>Reads a JSON request body the way @atproto/xrpc-server does: encoding checked, size bounded.</summary>
internal static class XrpcRequestBody
{
    public static async ValueTask<T> ReadJsonAsync<T>(HttpContext httpContext, long maxBytes)
        where T : ILexiconObject<T>
    {
        var request = httpContext.Request;
        if (!HasBody(request))
        {
            throw XrpcException.InvalidRequest("A request body is expected but none was provided");
        }

        CheckContentEncoding(request);
        if (!IsJson(request.ContentType))
        {
            throw XrpcException.InvalidRequest(
                $"Wrong request encoding (Content-Type): {(string.IsNullOrEmpty(request.ContentType) ? "(none)" : request.ContentType)}; expected application/json");
        }

        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(httpContext.RequestAborted);
            if (result.Buffer.Length > maxBytes)
            {
                reader.AdvanceTo(result.Buffer.Start);
                throw TooLarge(maxBytes);
            }

            if (result.IsCompleted)
            {
                try
                {
                    return Parse<T>(result.Buffer);
                }
                finally
                {
                    reader.AdvanceTo(result.Buffer.End);
                }
            }

            // Not everything yet: keep it all buffered and ask for more.
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    /// <summary>
    /// The body of a method with a non-JSON encoding, as a stream the handler reads. The Content-Type must fit the
    /// lexicon's encoding (<c>*/*</c>, <c>type/*</c>, an exact type, or a comma-separated list of those); Kestrel
    /// enforces the size limit while the handler reads (413).
    /// </summary>
    public static XrpcBlob ReadRaw(HttpContext httpContext, string encoding, long maxBytes)
    {
        var request = httpContext.Request;
        if (!HasBody(request))
        {
            throw XrpcException.InvalidRequest("A request body is expected but none was provided");
        }

        CheckContentEncoding(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.HasValue)
        {
            throw XrpcException.InvalidRequest("Request encoding (Content-Type) required but not provided");
        }

        var mediaType = contentType.MediaType.Value!;
        if (!Accepts(encoding, mediaType))
        {
            throw XrpcException.InvalidRequest($"Wrong request encoding (Content-Type): {mediaType}; expected {encoding}");
        }

        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        if (httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        return new XrpcBlob(mediaType, request.Body, request.ContentLength);
    }

    /// <summary>True when <paramref name="mediaType"/> fits a lexicon encoding (globs and comma-separated lists).</summary>
    public static bool Accepts(string encoding, string mediaType)
    {
        foreach (var candidate in encoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate == "*/*" || string.Equals(candidate, mediaType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (candidate.EndsWith("/*", StringComparison.Ordinal)
                && mediaType.StartsWith(candidate[..^1], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the request says it carries a body (a length above zero, or chunked).</summary>
    public static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static T Parse<T>(ReadOnlySequence<byte> body)
        where T : ILexiconObject<T>
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 128 });
        try
        {
            if (!reader.Read())
            {
                throw XrpcException.InvalidRequest("A request body is expected but none was provided");
            }

            var value = LexiconJson.Read<T>(ref reader, "Input");
            if (reader.Read())
            {
                throw XrpcException.InvalidRequest("Request body is not valid JSON: unexpected content after the end of the value");
            }

            return value;
        }
        catch (JsonException e)
        {
            throw XrpcException.InvalidRequest($"Request body is not valid JSON: {JsonErrorSummary(e)}");
        }
        catch (InvalidOperationException e) when (e.InnerException is null || e.InnerException is System.Text.DecoderFallbackException)
        {
            // Utf8JsonReader checks UTF-8 only when a string is decoded: a body with invalid UTF-8 in one is the client's error.
            throw XrpcException.InvalidRequest("Request body is not valid JSON: a string is not valid UTF-8");
        }
    }

    // Compressed bodies are decoded by ASP.NET Core's request decompression middleware (gzip, deflate, br),
    // which removes the header; an encoding still present here is one nothing can decode.
    private static void CheckContentEncoding(HttpRequest request)
    {
        if (request.Headers.ContentEncoding is { Count: > 0 } encoding
            && !(encoding.Count == 1 && string.Equals(encoding[0], "identity", StringComparison.OrdinalIgnoreCase)))
        {
            throw new XrpcException(
                StatusCodes.Status415UnsupportedMediaType,
                XrpcErrorNames.InvalidRequest,
                $"Unsupported Content-Encoding: {encoding}; add app.UseRequestDecompression() to accept gzip, deflate or br");
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static XrpcException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, XrpcErrorNames.PayloadTooLarge, $"Request body is larger than {maxBytes} bytes");

    // System.Text.Json's messages quote the offending input; keep only the position so nothing of the body is echoed.
    private static string JsonErrorSummary(JsonException e) =>
        e.LineNumber is { } line && e.BytePositionInLine is { } column
            ? $"syntax error at line {line + 1}, byte {column + 1}"
            : "syntax error";
}
