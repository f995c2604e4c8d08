using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Timeout;
using Wisp.Xrpc.Client;

namespace Wisp.Xrpc.Resilience;

/// <summary>
/// When an XRPC call is sent again, and after how long. Queries (GET, idempotent) are retried on 429, 502, 503, 504,
/// timeouts and network failures. Procedures (POST) only when the server cannot have run them: 429, a 503 that says
/// when to come back (<c>Retry-After</c> or <c>ratelimit-reset</c>: a refusal, where a bare 503 may follow work done,
/// as this project's handlers answer when a store fails), and a connection that was never made; never after a timeout,
/// a reset or another 5xx. A request whose raw body cannot be rewound is never sent twice.
/// </summary>
public static class XrpcRetryPolicy
{
    /// <summary>Whether the attempt that ended with <paramref name="outcome"/> may be repeated.</summary>
    public static bool ShouldRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome, XrpcRetryOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (request is null || (request.Options.TryGetValue(XrpcClient.CanResend, out var canResend) && !canResend))
        {
            return false;
        }

        var isQuery = request.Method == HttpMethod.Get;
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                // Never connected: nothing was sent, so even a procedure is safe to send.
                HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
                HttpRequestException or TimeoutRejectedException => isQuery,
                _ => false,
            };
        }

        var response = outcome.Result;
        if (response is null)
        {
            return false;
        }

        switch (response.StatusCode)
        {
            case HttpStatusCode.TooManyRequests:
                return RetryAfter(response, now) is not { } wait || wait <= options.MaxRetryAfter;
            case HttpStatusCode.ServiceUnavailable:
                return RetryAfter(response, now) is { } after ? after <= options.MaxRetryAfter : isQuery;
            case HttpStatusCode.BadGateway:
            case HttpStatusCode.GatewayTimeout:
                return isQuery;
            default:
                return false;
        }
    }

    /// <summary>
    /// How long the server asks to wait: <c>Retry-After</c> (seconds or an HTTP date), else atproto's
    /// <c>ratelimit-reset</c> (the reference PDS sends the reset time in Unix seconds; a small number is taken as
    /// seconds from now, as the IETF draft has it); null when it names none.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }

        if (response.Headers.TryGetValues("ratelimit-reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            // Anything after 2001-09-09 is a timestamp; a smaller number, seconds from now.
            var wait = reset >= 1_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(reset) - now : TimeSpan.FromSeconds(reset);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
