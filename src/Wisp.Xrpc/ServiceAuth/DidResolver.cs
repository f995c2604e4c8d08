using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.ServiceAuth;

/// <summary>Finds the atproto signing key of a DID.</summary>
public interface IDidResolver
{
    /// <summary>
    /// The key of the verification method <c>#{keyId}</c> of <paramref name="did"/>'s document, or null when the DID
    /// cannot be resolved or has no such key. <paramref name="bypassCache"/> fetches the document again
    /// (after a signature failure: the account may have rotated its key).
    /// </summary>
    ValueTask<AtprotoPublicKey?> ResolveSigningKeyAsync(string did, string keyId, bool bypassCache, CancellationToken cancellationToken);
}

/// <summary>Options of <see cref="DidResolver"/>.</summary>
public sealed class DidResolverOptions
{
    /// <summary>The PLC directory for did:plc. Default: https://plc.directory.</summary>
    public Uri PlcDirectory { get; set; } = new("https://plc.directory");

    /// <summary>How long a resolved key is reused. Default: 10 minutes.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one fetch may take. Default: 5 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest DID document read, in bytes. Default: 64 KiB.</summary>
    public int MaxDocumentSize { get; set; } = 64 * 1024;

    /// <summary>
    /// Fetch did:web documents over plain http. Only for tests on loopback: the did:web method requires https.
    /// </summary>
    public bool DidWebUseHttp { get; set; }
}

/// <summary>
/// Resolves did:plc (through the PLC directory) and did:web (<c>https://{host}/.well-known/did.json</c>, host-level
/// only, as atproto allows) with a timeout, a size limit and a cache.
/// </summary>
public sealed partial class DidResolver(HttpClient http, IMemoryCache cache, IOptions<DidResolverOptions> options, ILogger<DidResolver> logger) : IDidResolver
{
    /// <summary>The name of the HttpClient this resolver uses (configure it with AddHttpClient).</summary>
    public const string HttpClientName = "Wisp.Xrpc.DidResolver";

    private DidResolverOptions Options => options.Value;

    /// <inheritdoc />
    public async ValueTask<AtprotoPublicKey?> ResolveSigningKeyAsync(string did, string keyId, bool bypassCache, CancellationToken cancellationToken)
    {
        var cacheKey = (typeof(DidResolver), did, keyId);
        if (!bypassCache && cache.TryGetValue(cacheKey, out AtprotoPublicKey? cached))
        {
            return cached;
        }

        var key = await FetchKeyAsync(did, keyId, cancellationToken);
        if (key is not null)
        {
            // Keys are not disposed on eviction: a request may still be verifying with one.
            cache.Set(cacheKey, key, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Options.CacheDuration, Size = 1 });
        }

        return key;
    }

    private async Task<AtprotoPublicKey?> FetchKeyAsync(string did, string keyId, CancellationToken cancellationToken)
    {
        var url = DocumentUrl(did);
        if (url is null)
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.Timeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogResolutionFailed(logger, did, $"HTTP {(int)response.StatusCode}");
                return null;
            }

            if (response.Content.Headers.ContentLength > Options.MaxDocumentSize)
            {
                LogResolutionFailed(logger, did, "document too large");
                return null;
            }

            var buffer = new byte[Options.MaxDocumentSize + 1];
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, timeout.Token);
            if (length > Options.MaxDocumentSize)
            {
                LogResolutionFailed(logger, did, "document too large");
                return null;
            }

            return KeyFromDocument(did, keyId, buffer.AsSpan(0, length));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or FormatException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogResolutionFailed(logger, did, e.GetType().Name + ": " + e.Message);
            return null;
        }
    }

    private Uri? DocumentUrl(string did)
    {
        if (!LexiconFormats.IsDid(did))
        {
            return null;
        }

        if (did.StartsWith("did:plc:", StringComparison.Ordinal))
        {
            return new Uri(Options.PlcDirectory, "/" + Uri.EscapeDataString(did));
        }

        if (did.StartsWith("did:web:", StringComparison.Ordinal))
        {
            var host = Uri.UnescapeDataString(did["did:web:".Length..]);
            if (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith("localhost:", StringComparison.Ordinal) && !host.StartsWith("127.0.0.1:", StringComparison.Ordinal))
            {
                // atproto uses host-level did:web only; a port is allowed for local testing.
                return null;
            }

            return Uri.TryCreate($"{(Options.DidWebUseHttp ? "http" : "https")}://{host}/.well-known/did.json", UriKind.Absolute, out var url) ? url : null;
        }

        return null;
    }

    private static AtprotoPublicKey? KeyFromDocument(string did, string keyId, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("id", out var id) || id.GetString() != did
            || !root.TryGetProperty("verificationMethod", out var methods) || methods.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var method in methods.EnumerateArray())
        {
            if (method.ValueKind == JsonValueKind.Object
                && method.TryGetProperty("id", out var methodId)
                && methodId.GetString() is { } value
                && (value == "#" + keyId || value == did + "#" + keyId)
                && method.TryGetProperty("publicKeyMultibase", out var multibase)
                && multibase.GetString() is { } encoded)
            {
                return AtprotoKeys.FromMultibase(encoded);
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Could not resolve the signing key of {Did}: {Reason}")]
    private static partial void LogResolutionFailed(ILogger logger, string did, string reason);
}
