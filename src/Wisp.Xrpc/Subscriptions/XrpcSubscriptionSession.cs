using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Wisp.Xrpc.Hosting;

namespace Wisp.Xrpc.Subscriptions;

/// <summary>
/// One consumer's connection: the handler's frames go through a send buffer bounded in bytes
/// (<see cref="WispXrpcOptions.MaxSubscriptionBufferSize"/>) to the socket. Each connection reads its source on its
/// own, so a slow consumer slows only its own stream: a full buffer holds that stream back (an event log's reader then
/// reads on from the log, not from memory), and a consumer that takes nothing from a full buffer for
/// <see cref="WispXrpcOptions.MaxSubscriptionStall"/> gets <c>ConsumerTooSlow</c> and is disconnected, its frames
/// dropped. Memory per connection is bounded either way. Like the reference server: an error frame, then close 1008 with the error
/// as reason; the stream's end, close 1000; shutdown, close 1001. A close that does not complete within
/// <see cref="WispXrpcOptions.SubscriptionCloseTimeout"/> is cut.
/// </summary>
internal sealed partial class XrpcSubscriptionSession(
    WebSocket socket,
    string nsid,
    WispXrpcOptions options,
    ILogger logger,
    CancellationToken stopping,
    CancellationToken aborted,
    Action abortConnection)
{
    private readonly Channel<ReadOnlyMemory<byte>> _queue = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
    private readonly SemaphoreSlim _sent = new(0, int.MaxValue);
    private long _buffered;
    private long _sentFrames;
    private volatile bool _producerWaiting;
    private Ending? _ending;

    public async Task RunAsync(Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>> frames)
    {
        using var produce = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted);
        using var cut = new CancellationTokenSource();
        // Cutting aborts the connection itself: a send stuck on a consumer that reads nothing ends only that way.
        using var cutSocket = cut.Token.Register(() =>
        {
            socket.Abort();
            abortConnection();
        });
        using var onStopping = stopping.Register(() => End(new Ending(WebSocketCloseStatus.EndpointUnavailable, null, null, DropBacklog: true), cut));

        var receiving = ReceiveUntilClosedAsync(produce);
        var producing = ProduceAsync(frames, produce, cut);
        try
        {
            await foreach (var frame in _queue.Reader.ReadAllAsync(aborted).ConfigureAwait(false))
            {
                if (Volatile.Read(ref _ending) is { DropBacklog: true })
                {
                    break;
                }

                await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, aborted).ConfigureAwait(false);
                Interlocked.Add(ref _buffered, -frame.Length);
                Interlocked.Increment(ref _sentFrames);
                if (_producerWaiting)
                {
                    _sent.Release();
                }
            }

            var ending = Volatile.Read(ref _ending) ?? new Ending(WebSocketCloseStatus.NormalClosure, null, null);
            if (ending.Error is { } error)
            {
                await socket.SendAsync(XrpcFrame.ErrorFrame(error, ending.Message), WebSocketMessageType.Binary, endOfMessage: true, aborted).ConfigureAwait(false);
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                cut.CancelAfter(options.SubscriptionCloseTimeout);
                await socket.CloseOutputAsync(ending.Status, Reason(ending.Error), aborted).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The consumer went away, or the connection was cut: nothing is left to send to.
            LogEnded(logger, nsid, e.GetType().Name);
        }
        finally
        {
            produce.Cancel();
            await producing.ConfigureAwait(false);

            // Wait for the consumer's close (it answers ours), but not for longer than a close may take.
            cut.CancelAfter(options.SubscriptionCloseTimeout);
            await receiving.ConfigureAwait(false);
            _sent.Dispose();
        }
    }

    private async Task ProduceAsync(Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>> frames, CancellationTokenSource produce, CancellationTokenSource cut)
    {
        await Task.Yield();
        try
        {
            await foreach (var frame in frames(produce.Token).ConfigureAwait(false))
            {
                // A full buffer holds the stream back (an event log's reader just reads on later, from the log); a
                // consumer that takes nothing from it for MaxSubscriptionStall has stopped, and is dropped.
                if (!await WaitForRoomAsync(frame.Length, produce.Token).ConfigureAwait(false))
                {
                    LogTooSlow(logger, nsid, options.MaxSubscriptionStall.TotalSeconds);
                    End(new Ending(WebSocketCloseStatus.PolicyViolation, "ConsumerTooSlow", "Stream consumer too slow", DropBacklog: true), cut);
                    return;
                }

                Interlocked.Add(ref _buffered, frame.Length);
                _queue.Writer.TryWrite(frame);
            }
        }
        catch (OperationCanceledException) when (produce.IsCancellationRequested)
        {
            // The consumer left or the app is stopping.
        }
        catch (XrpcException declared)
        {
            End(new Ending(WebSocketCloseStatus.PolicyViolation, declared.Error, declared.ErrorMessage), cut: null);
        }
        catch (Exception failure)
        {
            LogFailed(logger, nsid, failure);
            End(new Ending(WebSocketCloseStatus.PolicyViolation, XrpcErrorNames.InternalServerError, "Internal Server Error"), cut: null);
        }
        finally
        {
            _queue.Writer.TryComplete();
        }
    }

    /// <summary>Waits until <paramref name="length"/> more bytes fit the buffer (an empty buffer takes any frame); false when the consumer took nothing for <see cref="WispXrpcOptions.MaxSubscriptionStall"/>.</summary>
    private async ValueTask<bool> WaitForRoomAsync(int length, CancellationToken cancellationToken)
    {
        var progress = Volatile.Read(ref _sentFrames);
        var since = Environment.TickCount64;
        while (Volatile.Read(ref _buffered) is var buffered && buffered > 0 && buffered + length > options.MaxSubscriptionBufferSize)
        {
            _producerWaiting = true;
            try
            {
                // Short slices: a wake-up the sender gave just before this wait is not missed for long.
                await _sent.WaitAsync(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _producerWaiting = false;
            }

            var now = Volatile.Read(ref _sentFrames);
            if (now != progress)
            {
                progress = now;
                since = Environment.TickCount64;
            }
            else if (Environment.TickCount64 - since > options.MaxSubscriptionStall.TotalMilliseconds)
            {
                return false;
            }
        }

        return true;
    }

    private async Task ReceiveUntilClosedAsync(CancellationTokenSource produce)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                // Consumers send nothing on an event stream; anything they do send is read and dropped.
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended without a close.
        }
        finally
        {
            produce.Cancel();
            _queue.Writer.TryComplete();
        }
    }

    /// <summary>Decides how the stream ends (the first decision stands) and, when the backlog is dropped, bounds how long closing may take.</summary>
    private void End(Ending ending, CancellationTokenSource? cut)
    {
        if (Interlocked.CompareExchange(ref _ending, ending, null) is not null)
        {
            return;
        }

        _queue.Writer.TryComplete();
        cut?.CancelAfter(options.SubscriptionCloseTimeout);
    }

    private static string? Reason(string? error)
    {
        if (error is null)
        {
            return null;
        }

        // A close reason is at most 123 bytes of UTF-8.
        return Encoding.UTF8.GetByteCount(error) <= 123 ? error : error[..Math.Min(error.Length, 40)];
    }

    private sealed record Ending(WebSocketCloseStatus Status, string? Error, string? Message, bool DropBacklog = false);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Event stream {Nsid}: a consumer read nothing of its full send buffer for {Seconds} s and was disconnected (ConsumerTooSlow)")]
    private static partial void LogTooSlow(ILogger logger, string nsid, double seconds);

    [LoggerMessage(EventId = 22, Level = LogLevel.Debug, Message = "Event stream {Nsid}: a connection ended early ({Reason})")]
    private static partial void LogEnded(ILogger logger, string nsid, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Event stream {Nsid} failed with an unhandled exception")]
    private static partial void LogFailed(ILogger logger, string nsid, Exception exception);
}
