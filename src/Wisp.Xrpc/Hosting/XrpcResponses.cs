using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Wisp.Xrpc.Serialization;

namespace Wisp.Xrpc.Hosting;

/// <summary>Writes XRPC responses: JSON bodies and <c>{"error", "message"}</c> errors.</summary>
public static class XrpcResponses
{
    private const string JsonContentType = "application/json; charset=utf-8";

    // The bodies are application/json, never HTML: only what JSON itself requires is escaped, like JSON.stringify.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes an XRPC error body with its status code.</summary>
    public static async Task WriteErrorAsync(HttpContext httpContext, int statusCode, string error, string? message)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        WriteError(response.BodyWriter, error, message);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>Writes an <see cref="XrpcException"/> as its XRPC error response.</summary>
    public static Task WriteErrorAsync(HttpContext httpContext, XrpcException exception) =>
        WriteErrorAsync(httpContext, exception.StatusCode, exception.Error, exception.ErrorMessage);

    /// <summary>Writes a 200 response with a lexicon object as its JSON body.</summary>
    public static async Task WriteJsonAsync<T>(HttpContext httpContext, T value)
        where T : ILexiconObject<T>
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            value.WriteJson(writer);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>Streams a raw output with its content type, which must fit the method's output encoding.</summary>
    public static async Task WriteBlobAsync(HttpContext httpContext, XrpcMethod method, XrpcBlob blob)
    {
        await using var content = blob.Content;
        if (method.OutputEncoding is { } encoding && !XrpcRequestBody.Accepts(encoding, blob.ContentType))
        {
            throw new InvalidOperationException($"The handler of {method.Nsid} returned {blob.ContentType}, which its lexicon's output encoding {encoding} does not allow.");
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = blob.ContentType;
        response.ContentLength = blob.Length;
        await content.CopyToAsync(response.Body, httpContext.RequestAborted);
    }

    /// <summary>
    /// Writes a 200 response after validating the output against its lexicon by reading back what was written;
    /// a violation throws <see cref="Validation.LexiconValidationException"/> before anything is sent.
    /// </summary>
    public static async Task WriteValidatedJsonAsync<T>(HttpContext httpContext, T value)
        where T : ILexiconObject<T>
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            value.WriteJson(writer);
        }

        Validate<T>(buffer.WrittenSpan);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }

    private static void Validate<T>(ReadOnlySpan<byte> json)
        where T : ILexiconObject<T>
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        LexiconJson.Read<T>(ref reader, "Output");
    }

    private static void WriteError(System.Buffers.IBufferWriter<byte> output, string error, string? message)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("error"u8, error);
        if (message is not null)
        {
            writer.WriteString("message"u8, message);
        }

        writer.WriteEndObject();
    }
}
