using System.Net.Http.Headers;
using Wisp.Xrpc.Client;

namespace Wisp.Xrpc.Resilience;

/// <summary>
/// Mints a new service-auth token for every attempt after the first of a call (<see cref="XrpcClient.ServiceAuthToken"/>):
/// verifiers refuse a replayed <c>jti</c>, and a token may have expired while a retry waited.
/// </summary>
internal sealed class XrpcServiceAuthRefreshHandler : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<bool> Sent = new("Wisp.Xrpc.Resilience.Sent");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(XrpcClient.ServiceAuthToken, out var mint))
        {
            if (request.Options.TryGetValue(Sent, out var sent) && sent)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mint());
            }

            request.Options.Set(Sent, true);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
