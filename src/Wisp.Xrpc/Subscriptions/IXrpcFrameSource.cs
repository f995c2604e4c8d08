namespace Wisp.Xrpc.Subscriptions;

/// <summary>
/// A stream of messages that also has them as encoded frames (an event log stores frames): a handler that returns one
/// has its frames sent as they are, encoded once for every consumer, instead of each message encoded per connection.
/// </summary>
public interface IXrpcFrameSource
{
    /// <summary>The frames, in order.</summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> ReadFramesAsync(CancellationToken cancellationToken);
}
