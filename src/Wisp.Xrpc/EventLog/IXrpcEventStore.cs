namespace Wisp.Xrpc.EventLog;

/// <summary>One stored event: its sequence number, its frame as sent, and when it was appended.</summary>
/// <param name="Seq">The sequence number: 1, 2, 3, … per stream, in append order, never reused.</param>
/// <param name="Frame">The event-stream frame (header and body), as consumers receive it.</param>
/// <param name="Time">When it was appended.</param>
public sealed record XrpcStoredEvent(long Seq, ReadOnlyMemory<byte> Frame, DateTimeOffset Time);

/// <summary>
/// Durable storage of event streams: an append-only log per stream, read from a cursor then followed live. The
/// embedded default is <see cref="SqliteEventStore"/>; Wisp.Xrpc.EventLog.PostgreSql shares one log between instances.
/// An event is durable when <see cref="AppendAsync"/> returns.
/// </summary>
public interface IXrpcEventStore
{
    /// <summary>
    /// Appends one event to <paramref name="stream"/> and returns its sequence number, the next after every event
    /// appended before it (by any instance sharing the store). <paramref name="frame"/> makes the frame from that
    /// number (the body of an event holds its own <c>seq</c>).
    /// </summary>
    ValueTask<long> AppendAsync(string stream, Func<long, byte[]> frame, CancellationToken cancellationToken);

    /// <summary>The events of <paramref name="stream"/> after <paramref name="after"/>, in order; then, when <paramref name="follow"/>, each new one as it is appended, until cancelled.</summary>
    IAsyncEnumerable<XrpcStoredEvent> ReadAsync(string stream, long after, bool follow, CancellationToken cancellationToken);

    /// <summary>The oldest and newest sequence numbers kept (nulls for an empty stream).</summary>
    ValueTask<(long? Oldest, long? Newest)> RangeAsync(string stream, CancellationToken cancellationToken);

    /// <summary>Removes the events retention no longer keeps: older than <paramref name="maxAge"/>, beyond the newest <paramref name="maxCount"/>.</summary>
    ValueTask<long> PruneAsync(string stream, TimeSpan? maxAge, long? maxCount, CancellationToken cancellationToken);
}
