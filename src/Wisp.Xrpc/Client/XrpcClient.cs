using System.Net.Http.Headers;
using System.Text.Json;
using Wisp.Xrpc.Serialization;
using Wisp.Xrpc.ServiceAuth;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Client;

/// <summary>
/// Calls XRPC methods of a service over an <see cref="HttpClient"/>, through the generated <c>CallAsync</c> of each
/// method's lexicon class: <c>await GetProfile.CallAsync(client, new() { Actor = "alice.test" })</c>. Parameters and
/// input are checked by the generated readers before anything is sent, the output when it arrives; an error answer
/// is thrown as an <see cref="XrpcException"/> with the server's error name (the lexicon's <c>Errors.Is…</c> tell
/// declared ones apart). Thread-safe; register it with <c>services.AddXrpcClient(...)</c> so IHttpClientFactory owns
/// its handlers, or create one over any <see cref="HttpClient"/> (a test server's, for in-process calls).
/// </summary>
public sealed class XrpcClient
{
    /// <summary>
    /// The request option that tells a retry handler a request must not be sent again: set to false on a request whose
    /// raw body cannot be rewound. Absent means it may be.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> CanResend = new("Wisp.Xrpc.CanResend");

    /// <summary>
    /// The request option holding the minting of the request's service-auth token: a handler that sends a request again
    /// (a retry) sets a fresh token with it, since verifiers refuse a replayed <c>jti</c> and tokens are short-lived.
    /// </summary>
    public static readonly HttpRequestOptionsKey<Func<string>> ServiceAuthToken = new("Wisp.Xrpc.ServiceAuthToken");

    private const int MaxErrorBodySize = 64 * 1024;

    private readonly HttpClient _http;
    private readonly ServiceJwtIssuer? _issuer;
    private readonly string? _acceptLabelers;
    private readonly string? _proxy;
    private readonly string? _audience;
    private readonly TimeSpan _lifetime;
    private readonly XrpcValidation _validation;
    private readonly XrpcClientOptions _read;

    /// <summary>Creates a client over <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">The HTTP client; its <see cref="HttpClient.BaseAddress"/> is the service unless <paramref name="options"/> names one.</param>
    /// <param name="options">How to call; defaults when null. Read once, here: later changes to it do not apply.</param>
    /// <param name="time">The clock for service-auth tokens; the system's when null.</param>
    public XrpcClient(HttpClient httpClient, XrpcClientOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        options ??= new XrpcClientOptions();
        XrpcClientOptionsValidation.ThrowIfInvalid(options, httpClient.BaseAddress);
        _http = httpClient;
        BaseAddress = options.BaseAddress ?? httpClient.BaseAddress
            ?? throw new ArgumentException("Neither the options nor the HttpClient name the service's address (BaseAddress)", nameof(httpClient));
        if (options.ServiceAuth is { SigningKey: { } key } auth)
        {
            _issuer = new ServiceJwtIssuer(auth.Issuer, key, time);
            _audience = auth.Audience;
            _lifetime = auth.Lifetime;
        }

        _acceptLabelers = options.AcceptLabelers.Count == 0 ? null : FormatLabelers(options.AcceptLabelers);
        _proxy = options.AtprotoProxy;
        _validation = options.Validation;
        _read = new XrpcClientOptions { MaxJsonResponseSize = options.MaxJsonResponseSize };
    }

    /// <summary>The service's address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// Calls <paramref name="method"/>. Generated <c>CallAsync</c> methods call this with the lexicon's own types; an
    /// application calls those instead.
    /// </summary>
    /// <exception cref="ArgumentException">The parameters or input break the lexicon (nothing was sent).</exception>
    /// <exception cref="XrpcException">The service answered with an error, or with output that breaks the lexicon (<c>InvalidResponse</c>, status 502).</exception>
    /// <exception cref="HttpRequestException">The service could not be reached.</exception>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code
    public async Task<TOutput> SendAsync<TParams, TInput, TOutput>(XrpcMethod method, TParams parameters, TInput input, XrpcCallOptions? options, CancellationToken cancellationToken)
        where TParams : ILexiconParams<TParams>
        where TInput : IXrpcBody<TInput>
        where TOutput : IXrpcBody<TOutput>
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(parameters);
        using var request = new HttpRequestMessage(
            method.Kind == XrpcMethodKind.Query ? HttpMethod.Get : HttpMethod.Post,
            new Uri(BaseAddress, "/xrpc/" + method.Nsid + LexiconQueryWriter.Write(parameters, method)));
        if (method.InputEncoding is not null)
        {
            ArgumentNullException.ThrowIfNull(input);
            request.Content = TInput.CreateRequestContent(input, method);
            if (input is XrpcBlob { Content.CanSeek: false })
            {
                request.Options.Set(CanResend, false);
            }
        }

        AddHeaders(request, method, options);

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            }

            if (method.OutputEncoding is null)
            {
                response.Dispose();
                return XrpcEmpty.Value is TOutput empty ? empty : throw new InvalidOperationException($"{method.Nsid} declares no output, so its output type must be {nameof(XrpcEmpty)}.");
            }

            // From here the body owns the response: a JSON one disposes it once read, a raw one when its stream is disposed.
            var owned = response;
            response = null;
            return await TOutput.ReadResponseAsync(owned, method, _read, options?.Validation ?? _validation, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            response?.Dispose();
        }
    }

    /// <summary>The <c>InvalidResponse</c> error: the service answered, but not as its lexicon says (502, as a gateway would).</summary>
    internal static XrpcException InvalidResponse(XrpcMethod method, string why, Exception? inner = null) =>
        new(502, XrpcErrorNames.InvalidResponse, $"The response of {method.Nsid} breaks its lexicon: {why}", inner);

    private void AddHeaders(HttpRequestMessage request, XrpcMethod method, XrpcCallOptions? options)
    {
        var headers = request.Headers;
        if ((options?.AtprotoProxy ?? _proxy) is { } proxy)
        {
            headers.TryAddWithoutValidation("atproto-proxy", proxy);
        }

        var labelers = options?.AcceptLabelers is { } callLabelers ? FormatLabelers(callLabelers) : _acceptLabelers;
        if (!string.IsNullOrEmpty(labelers))
        {
            headers.TryAddWithoutValidation("atproto-accept-labelers", labelers);
        }

        if (options?.Authorization is { } authorization)
        {
            headers.TryAddWithoutValidation("Authorization", authorization);
        }
        else if (_issuer is not null)
        {
            var audience = options?.ServiceAuthAudience ?? _audience!;
            var issuer = _issuer;
            var lifetime = _lifetime;
            Func<string> mint = () => issuer.CreateToken(audience, method.Nsid, lifetime);
            headers.Authorization = new AuthenticationHeaderValue("Bearer", mint());
            request.Options.Set(ServiceAuthToken, mint);
        }

        if (options?.Headers is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                if (!headers.TryAddWithoutValidation(name, value))
                {
                    throw new ArgumentException($"{name} is not a request header", nameof(options));
                }
            }
        }
    }

    private static string FormatLabelers(IEnumerable<XrpcLabeler> labelers) =>
        string.Join(", ", labelers.Select(l => l.Redact ? l.Did + ";redact" : l.Did));

    /// <summary>An error answer: its <c>error</c> and <c>message</c> when the body has them, else the status's name as the reference client gives it.</summary>
    private static async Task<XrpcException> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string? error = null;
        string? message = null;
        if (response.Content.Headers.ContentType?.MediaType is { } mediaType && mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            var body = await ReadAtMostAsync(response, MaxErrorBodySize, cancellationToken).ConfigureAwait(false);
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (document.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
                    {
                        error = e.GetString();
                    }

                    if (document.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                    {
                        message = m.GetString();
                    }
                }
            }
            catch (JsonException)
            {
                // Not an XRPC error body: the status speaks for itself.
            }
        }

        return new XrpcException(status, string.IsNullOrEmpty(error) ? XrpcErrorNames.OfStatus(status) : error, message, null, response.Headers);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAtMostAsync(HttpResponseMessage response, int max, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[max];
        var length = 0;
        int read;
        while (length < max && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return buffer.AsMemory(0, length);
    }
}
