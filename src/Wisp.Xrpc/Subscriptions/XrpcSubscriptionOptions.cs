using System.Net.WebSockets;
using Wisp.Xrpc.Client;

namespace Wisp.Xrpc.Subscriptions;

/// <summary>How an <see cref="XrpcSubscription{TMessage}"/> connects, reads and reconnects.</summary>
public sealed class XrpcSubscriptionOptions
{
    /// <summary>Reconnect when the connection drops or the server says <c>ConsumerTooSlow</c>, resuming from the last <c>seq</c> seen: on unless set.</summary>
    public bool Reconnect { get; set; } = true;

    /// <summary>The first wait before reconnecting (1 s unless set), doubled after each failed attempt, with jitter.</summary>
    public TimeSpan MinReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts: 60 s unless set.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest frame read, in bytes (8 MiB unless set; a firehose commit is at most a few MiB): a larger one ends the subscription with <c>InvalidResponse</c>.</summary>
    public int MaxFrameSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>How strictly messages are checked against the lexicon (as <see cref="XrpcClientOptions.Validation"/>).</summary>
    public XrpcValidation Validation { get; set; } = XrpcValidation.Strict;

    /// <summary>Sets up each connection's socket (headers such as <c>Authorization</c>, a proxy, keep-alive).</summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; set; }

    /// <summary>Connects through this invoker instead of a socket of its own (tests: a TestServer's handler); null for a normal connection.</summary>
    public HttpMessageInvoker? Invoker { get; set; }
}
