using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Wisp.Xrpc.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds XRPC-aware retries to an XRPC client's HTTP pipeline.</summary>
public static class XrpcResilienceHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds a retry handler (Microsoft.Extensions.Http.Resilience) that follows <see cref="XrpcRetryPolicy"/>: 429 and
    /// 503 are retried after the time the server names (<c>Retry-After</c>, <c>ratelimit-reset</c>), other failures
    /// with exponential backoff and jitter, and a procedure only when it cannot have run. Each attempt of a call with
    /// service auth carries a fresh token. Mind <see cref="HttpClient.Timeout"/> (100 s unless set): it bounds a call's
    /// attempts and waits together, and a call that runs out of it ends with a <see cref="TaskCanceledException"/>.
    /// <code>services.AddXrpcClient("appview", o => o.BaseAddress = new("https://api.bsky.app")).AddXrpcResilienceHandler();</code>
    /// </summary>
    public static IHttpResiliencePipelineBuilder AddXrpcResilienceHandler(this IHttpClientBuilder builder, Action<XrpcRetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var optionsName = builder.Name;
        var options = builder.Services.AddOptions<XrpcRetryOptions>(optionsName)
            .Validate(o => o.MaxRetryAttempts is >= 0 and <= 10, "XrpcRetryOptions.MaxRetryAttempts must be from 0 to 10")
            .Validate(o => o.BaseDelay > TimeSpan.Zero && o.MaxDelay >= o.BaseDelay, "XrpcRetryOptions.BaseDelay must be positive and MaxDelay at least as long")
            .Validate(o => o.MaxRetryAfter >= TimeSpan.Zero, "XrpcRetryOptions.MaxRetryAfter must not be negative");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        var resilience = builder.AddResilienceHandler("xrpc", (pipeline, context) =>
        {
            var retry = context.ServiceProvider.GetRequiredService<IOptionsMonitor<XrpcRetryOptions>>().Get(optionsName);
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            if (retry.MaxRetryAttempts == 0)
            {
                return;
            }

            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(XrpcRetryPolicy.ShouldRetry(args.Context.GetRequestMessage(), args.Outcome, retry, time.GetUtcNow())),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? XrpcRetryPolicy.RetryAfter(response, time.GetUtcNow()) : null),
            });
        });

        // Inside the retries, so it runs on every attempt: a retried call carries a service-auth token of its own.
        builder.AddHttpMessageHandler(static () => new XrpcServiceAuthRefreshHandler());
        return resilience;
    }
}
