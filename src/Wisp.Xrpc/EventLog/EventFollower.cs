using System.Runtime.CompilerServices;

namespace Wisp.Xrpc.EventLog;

/// <summary>
/// How a store's reader goes through a stream: pages from the database until it has nothing newer, then new events
/// from the in-memory <see cref="EventTail"/> as they arrive, back to the database when the tail no longer holds what
/// comes next, and to the database every poll interval when nothing arrives (a writer the tail does not hear about).
/// </summary>
internal static class EventFollower
{
    /// <summary>Reads a stream's events after <paramref name="after"/>.</summary>
    /// <param name="page">Reads up to a page of events after a sequence number, in order.</param>
    /// <param name="tail">The stream's newest events in memory (used only when following).</param>
    /// <param name="after">The sequence number to start after.</param>
    /// <param name="follow">Keep following new events when the stored ones are read.</param>
    /// <param name="poll">How often to look in the database when nothing arrives.</param>
    /// <param name="cancellationToken">Stops following.</param>
    internal static async IAsyncEnumerable<XrpcStoredEvent> ReadAsync(
        Func<long, CancellationToken, Task<List<XrpcStoredEvent>>> page,
        EventTail? tail,
        long after,
        bool follow,
        TimeSpan poll,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = after;
        var live = new List<XrpcStoredEvent>();
        while (true)
        {
            var stored = await page(last, cancellationToken).ConfigureAwait(false);
            foreach (var item in stored)
            {
                yield return item;
                last = item.Seq;
            }

            if (stored.Count > 0)
            {
                continue;
            }

            if (!follow || tail is null)
            {
                yield break;
            }

            while (true)
            {
                live.Clear();
                if (!tail.TryRead(last, live, out var appended))
                {
                    break;
                }

                foreach (var item in live)
                {
                    yield return item;
                    last = item.Seq;
                }

                if (live.Count > 0)
                {
                    continue;
                }

                var woke = await Task.WhenAny(appended, Task.Delay(poll, cancellationToken)).ConfigureAwait(false) == appended;
                cancellationToken.ThrowIfCancellationRequested();
                if (!woke)
                {
                    break;
                }
            }
        }
    }
}
