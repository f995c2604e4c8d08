using System.Runtime.CompilerServices;
using Wisp.Xrpc.Subscriptions;

namespace Wisp.Xrpc.EventLog;

/// <summary>Retention of an event log: how much of it is kept for consumers resuming from a cursor.</summary>
public sealed class XrpcEventLogOptions
{
    /// <summary>Events older than this are removed (none by age unless set).</summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>Only the newest this many are kept (all unless set).</summary>
    public long? MaxCount { get; set; }

    /// <summary>Retention runs after every this many appends (1,024 unless set), and whenever <see cref="XrpcEventLog{TMessage}.PruneAsync"/> is called.</summary>
    public int PruneEvery { get; set; } = 1024;
}

/// <summary>
/// A durable, resumable event stream for a handler: append typed messages (each gets the next sequence number, which
/// the message carries as its <c>seq</c>), and serve consumers from their cursor then live with
/// <see cref="Stream"/>, whose frames are sent as stored, encoded once for every consumer.
/// <code>
/// var seq = await log.AppendAsync(seq => new SubscribeEvents.Event { Seq = seq, Text = "hello" });
/// public IAsyncEnumerable&lt;SubscribeEvents.IMessage&gt; SubscribeAsync(Params p, XrpcCallContext c, CancellationToken ct) => log.Stream(p.Cursor);
/// </code>
/// </summary>
/// <typeparam name="TMessage">The stream's message union.</typeparam>
public sealed class XrpcEventLog<TMessage>
    where TMessage : class
{
    private readonly IXrpcEventStore _store;
    private readonly XrpcMessageCodec<TMessage> _codec;
    private readonly XrpcEventLogOptions _options;
    private long _appends;

    /// <summary>Creates the log of the stream <paramref name="codec"/> names, in <paramref name="store"/>.</summary>
    public XrpcEventLog(IXrpcEventStore store, XrpcMessageCodec<TMessage> codec, XrpcEventLogOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _codec = codec ?? throw new ArgumentNullException(nameof(codec));
        _options = options ?? new XrpcEventLogOptions();
        if (_options.PruneEvery <= 0 || _options.MaxCount <= 0 || _options.MaxAge <= TimeSpan.Zero)
        {
            throw new ArgumentException("XrpcEventLogOptions: PruneEvery and MaxCount must be positive, MaxAge longer than zero", nameof(options));
        }
    }

    /// <summary>The stream's NSID (its name in the store).</summary>
    public string Name => _codec.Nsid;

    /// <summary>Appends the message <paramref name="create"/> makes for its sequence number; durable when this returns.</summary>
    public async ValueTask<long> AppendAsync(Func<long, TMessage> create, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(create);
        var seq = await _store.AppendAsync(Name, seq => _codec.Encode(create(seq)), cancellationToken).ConfigureAwait(false);
        if (Interlocked.Increment(ref _appends) % _options.PruneEvery == 0 && (_options.MaxAge is not null || _options.MaxCount is not null))
        {
            await PruneAsync(cancellationToken).ConfigureAwait(false);
        }

        return seq;
    }

    /// <summary>Removes what retention no longer keeps; returns how many events.</summary>
    public ValueTask<long> PruneAsync(CancellationToken cancellationToken = default) =>
        _store.PruneAsync(Name, _options.MaxAge, _options.MaxCount, cancellationToken);

    /// <summary>The oldest and newest sequence numbers kept.</summary>
    public ValueTask<(long? Oldest, long? Newest)> RangeAsync(CancellationToken cancellationToken = default) => _store.RangeAsync(Name, cancellationToken);

    /// <summary>
    /// A consumer's stream, as the event-stream spec has it: with no cursor, new events only; with one, every event after
    /// it, then live. A cursor beyond the newest event is <c>FutureCursor</c> (an error frame); one older than what
    /// retention kept starts at the oldest kept, after <paramref name="outdated"/>'s message when given (the lexicon's
    /// <c>#info</c> <c>OutdatedCursor</c>).
    /// </summary>
    public XrpcEventStream Stream(long? cursor, Func<TMessage>? outdated = null) => new(this, cursor, outdated);

    /// <summary>A consumer's stream: typed messages, or the stored frames as they are (what the endpoint sends).</summary>
    public sealed class XrpcEventStream : IAsyncEnumerable<TMessage>, IXrpcFrameSource
    {
        private readonly XrpcEventLog<TMessage> _log;
        private readonly long? _cursor;
        private readonly Func<TMessage>? _outdated;

        internal XrpcEventStream(XrpcEventLog<TMessage> log, long? cursor, Func<TMessage>? outdated)
        {
            _log = log;
            _cursor = cursor;
            _outdated = outdated;
        }

        /// <inheritdoc />
        public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var (after, outdated) = await StartAsync(cancellationToken).ConfigureAwait(false);
            if (outdated is not null)
            {
                yield return _log._codec.Encode(outdated);
            }

            await foreach (var stored in _log._store.ReadAsync(_log.Name, after, follow: true, cancellationToken).ConfigureAwait(false))
            {
                yield return stored.Frame;
            }
        }

        /// <inheritdoc />
        public async IAsyncEnumerator<TMessage> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            var (after, outdated) = await StartAsync(cancellationToken).ConfigureAwait(false);
            if (outdated is not null)
            {
                yield return outdated;
            }

            await foreach (var stored in _log._store.ReadAsync(_log.Name, after, follow: true, cancellationToken).ConfigureAwait(false))
            {
                yield return _log._codec.Decode(XrpcFrame.Parse(stored.Frame));
            }
        }

        private async Task<(long After, TMessage? Outdated)> StartAsync(CancellationToken cancellationToken)
        {
            var (oldest, newest) = await _log._store.RangeAsync(_log.Name, cancellationToken).ConfigureAwait(false);
            if (_cursor is not { } cursor)
            {
                return (newest ?? 0, null);
            }

            if (cursor > (newest ?? 0))
            {
                throw XrpcException.Declared("FutureCursor", "Cursor in the future.");
            }

            if (oldest is { } first && cursor < first - 1)
            {
                return (first - 1, _outdated?.Invoke());
            }

            return (cursor, null);
        }
    }
}
