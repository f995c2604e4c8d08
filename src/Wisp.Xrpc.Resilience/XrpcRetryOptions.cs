namespace Wisp.Xrpc.Resilience;

/// <summary>How an XRPC client retries (<c>AddXrpcResilienceHandler</c>).</summary>
public sealed class XrpcRetryOptions
{
    /// <summary>Retries after the first attempt: 3 unless set (0 to 10).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff when the server names no time: 1 second unless set, doubled each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff: 30 seconds unless set.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait a server may ask for (<c>Retry-After</c>, <c>ratelimit-reset</c>): 60 seconds unless set. A
    /// longer one is not waited for: the caller gets the 429 or 503 (with its headers) at once.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);
}
