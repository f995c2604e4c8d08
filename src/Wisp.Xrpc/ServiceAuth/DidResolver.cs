using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
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

    /// <summary>
    /// Connect to loopback, private, link-local, multicast and unspecified addresses. A did:web names its own host,
    /// so without this rule an unauthenticated request could make the server fetch from its own network. Default
    /// (null): allowed in the Development environment only. The PLC directory's host is always allowed.
    /// </summary>
    public bool? AllowPrivateAddresses { get; set; }

    /// <summary>Hosts that may resolve to non-public addresses in any environment (an internal did:web host).</summary>
    public ICollection<string> PrivateAddressAllowList { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Resolves did:plc (through the PLC directory) and did:web (<c>https://{host}/.well-known/did.json</c>, host-level
/// only, as atproto allows) with a timeout, a size limit and a cache. Each resolution takes a client from the
/// factory (so DNS and handler lifetimes follow <c>IHttpClientFactory</c>), whose handler refuses non-public
/// addresses at connect time (<see cref="DidResolverOptions.AllowPrivateAddresses"/>): the address checked is the
/// one connected to, so a name that resolves to loopback, or re-resolves to it, is refused too.
/// </summary>
public sealed partial class DidResolver(IHttpClientFactory httpClients, IMemoryCache cache, IOptions<DidResolverOptions> options, ILogger<DidResolver> logger) : IDidResolver
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
            var http = httpClients.CreateClient(HttpClientName);
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

    /// <summary>The primary handler of the resolver's client: connects only to addresses the options allow.</summary>
    public static SocketsHttpHandler CreateHandler(DidResolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // a redirect could lead anywhere; DID documents are served where the DID says
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, options, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, DidResolverOptions options, CancellationToken cancellationToken)
    {
        var allowPrivate = options.AllowPrivateAddresses == true
            || options.PrivateAddressAllowList.Contains(endpoint.Host)
            || string.Equals(endpoint.Host, options.PlcDirectory.Host, StringComparison.OrdinalIgnoreCase);
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var usable = allowPrivate ? addresses : Array.FindAll(addresses, IsPublic);
        if (usable.Length == 0)
        {
            throw new HttpRequestException($"{endpoint.Host} resolves to no public address; non-public addresses are refused outside Development (DidResolverOptions.AllowPrivateAddresses, PrivateAddressAllowList)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether an address is on the public internet: not unspecified, loopback, private (RFC 1918, unique local),
    /// carrier-grade NAT, link-local, benchmarking, multicast or reserved (IPv4-mapped IPv6 checked as IPv4).
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && b[1] is 18 or 19));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            return !(address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
                || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal);
        }

        return false;
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
