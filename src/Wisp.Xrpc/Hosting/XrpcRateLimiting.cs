using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Wisp.Xrpc.Hosting;

/// <summary>
/// Makes <c>RequireRateLimiting()</c> on XRPC methods answer 429 <c>RateLimitExceeded</c> with the XRPC body
/// (the rate limiter's own default is an empty 503). Other endpoints, and any <c>OnRejected</c> the app set,
/// keep their behaviour.
/// </summary>
internal static class XrpcRateLimiting
{
    public static void AnswerRejectionsAsXrpc(RateLimiterOptions options)
    {
        var appHandler = options.OnRejected;
        options.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            if (http.GetEndpoint()?.Metadata.GetMetadata<XrpcMethod>() is null)
            {
                if (appHandler is not null)
                {
                    await appHandler(context, cancellationToken);
                }

                return;
            }

            if (context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter))
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await XrpcResponses.WriteErrorAsync(http, StatusCodes.Status429TooManyRequests, XrpcErrorNames.RateLimitExceeded, "Rate Limit Exceeded");
        };
    }
}
