namespace Wisp.Xrpc.EventLog;

/// <summary>
/// The newest events of one stream in memory, for consumers following it live: a store adds each event once, in
/// order, and every follower reads it from here instead of querying the database (a hundred followers, one query).
/// Bounded: it keeps the last <c>capacity</c> events; a follower further behind reads from the store.
/// </summary>
internal sealed class EventTail(int capacity, long startAfter = 0)
{
    private readonly object _gate = new();
    private readonly XrpcStoredEvent?[] _ring = new XrpcStoredEvent?[capacity];
    private long _newest = startAfter;
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The newest sequence number added (0 before any).</summary>
    public long Newest
    {
        get
        {
            lock (_gate)
            {
                return _newest;
            }
        }
    }

    /// <summary>Adds the event after the newest; out-of-order or repeated events are ignored (a store's listener may see one twice).</summary>
    public void Add(XrpcStoredEvent stored)
    {
        TaskCompletionSource wake;
        lock (_gate)
        {
            if (_newest != 0 && stored.Seq != _newest + 1)
            {
                if (stored.Seq <= _newest)
                {
                    return;
                }

                // A gap (events this tail missed): start over from this one; followers behind it read from the store.
                Array.Clear(_ring);
            }

            _ring[stored.Seq % capacity] = stored;
            _newest = stored.Seq;
            wake = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    /// <summary>Copies the events after <paramref name="after"/> that are held; false when the tail no longer has the one right after it (read from the store).</summary>
    public bool TryRead(long after, List<XrpcStoredEvent> into, out Task appended)
    {
        lock (_gate)
        {
            appended = _appended.Task;
            if (after >= _newest)
            {
                return true;
            }

            for (var seq = after + 1; seq <= _newest; seq++)
            {
                if (_ring[seq % capacity] is not { } stored || stored.Seq != seq)
                {
                    return into.Count > 0;
                }

                into.Add(stored);
            }

            return true;
        }
    }
}
