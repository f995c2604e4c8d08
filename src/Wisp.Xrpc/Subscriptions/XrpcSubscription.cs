using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Wisp.Xrpc.DataModel;
using Wisp.Xrpc.Serialization;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Subscriptions;

/// <summary>
/// A typed subscription to an event stream: <c>await foreach</c> over its messages. It reads one frame at a time (memory
/// bounded by <see cref="XrpcSubscriptionOptions.MaxFrameSize"/>), validates each message with the lexicon's generated
/// reader (an open union keeps a type it does not know as <c>Unknown</c>), keeps the last <c>seq</c> as
/// <see cref="Cursor"/>, and reconnects with backoff from that cursor when the connection drops or the server says
/// <c>ConsumerTooSlow</c>. Any other error frame ends it as an <see cref="XrpcException"/> with the error's name
/// (<c>FutureCursor</c>, …); so does a message that breaks the lexicon (<c>InvalidResponse</c>), after which
/// <see cref="Cursor"/> says where to resume.
/// </summary>
/// <typeparam name="TMessage">The stream's message union.</typeparam>
public sealed class XrpcSubscription<TMessage> : IAsyncEnumerable<TMessage>
    where TMessage : class
{
    private readonly Uri _service;
    private readonly XrpcMethod _method;
    private readonly XrpcMessageCodec<TMessage> _codec;
    private readonly Action<LexiconQueryWriter> _writeParameters;
    private readonly XrpcSubscriptionOptions _options;
    private readonly bool _hasCursor;

    /// <summary>Creates a subscription (generated <c>Connect</c> methods do).</summary>
    public XrpcSubscription(Uri service, XrpcMethod method, XrpcMessageCodec<TMessage> codec, Action<LexiconQueryWriter> writeParameters, long? cursor, XrpcSubscriptionOptions? options)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (!service.IsAbsoluteUri || service.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            throw new ArgumentException("The service must be an absolute http(s) or ws(s) address", nameof(service));
        }

        _service = service;
        _method = method ?? throw new ArgumentNullException(nameof(method));
        _codec = codec ?? throw new ArgumentNullException(nameof(codec));
        _writeParameters = writeParameters ?? throw new ArgumentNullException(nameof(writeParameters));
        _options = options ?? new XrpcSubscriptionOptions();
        _hasCursor = method.Parameters?.Any(p => p.Name == "cursor" && p.Type == typeof(long)) == true;
        Cursor = cursor;
    }

    /// <summary>The <c>seq</c> of the last message read (or the cursor it started from): where a new subscription resumes.</summary>
    public long? Cursor { get; private set; }

    /// <summary>Connections made so far (the first, then each reconnection).</summary>
    public int Connections { get; private set; }

    /// <inheritdoc />
    public async IAsyncEnumerator<TMessage> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var delay = _options.MinReconnectDelay;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var socket = new ClientWebSocket();
                socket.Options.CollectHttpResponseDetails = true;
                _options.ConfigureWebSocket?.Invoke(socket.Options);
                var reconnect = false;
                try
                {
                    await socket.ConnectAsync(Address(), _options.Invoker, cancellationToken).ConfigureAwait(false);
                }
                catch (WebSocketException) when (socket.HttpStatusCode is >= System.Net.HttpStatusCode.BadRequest and < System.Net.HttpStatusCode.InternalServerError)
                {
                    // The server refused the request itself (parameters, authentication): connecting again will not help.
                    throw new XrpcException((int)socket.HttpStatusCode, XrpcErrorNames.OfStatus((int)socket.HttpStatusCode), $"{_method.Nsid} refused the connection with {(int)socket.HttpStatusCode}", null, null);
                }
                catch (Exception e) when (_options.Reconnect && e is WebSocketException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    reconnect = true;
                }

                if (!reconnect)
                {
                    Connections++;
                    while (true)
                    {
                        (TMessage? Message, bool Reconnect) next;
                        try
                        {
                            var (frame, length) = await ReceiveFrameAsync(socket, buffer, cancellationToken).ConfigureAwait(false);
                            buffer = frame;
                            if (length < 0)
                            {
                                next = (null, _options.Reconnect);
                                if (!next.Reconnect)
                                {
                                    yield break;
                                }
                            }
                            else
                            {
                                // Null: the server said ConsumerTooSlow, and this subscription reconnects.
                                var message = Read(frame.AsMemory(0, length));
                                next = (message, message is null);
                                delay = _options.MinReconnectDelay;
                            }
                        }
                        catch (Exception e) when (_options.Reconnect && e is WebSocketException && !cancellationToken.IsCancellationRequested)
                        {
                            next = (null, true);
                        }

                        if (next.Reconnect)
                        {
                            reconnect = true;
                            break;
                        }

                        yield return next.Message!;
                    }
                }

                // Dropped, or too slow for the server: wait, then resume from the cursor.
                await Task.Delay(Jitter(delay), cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Uri Address()
    {
        var writer = new LexiconQueryWriter();
        _writeParameters(writer);
        if (_hasCursor && Cursor is { } cursor)
        {
            writer.Add("cursor", cursor);
        }

        var builder = new UriBuilder(new Uri(_service, "/xrpc/" + _method.Nsid))
        {
            Scheme = _service.Scheme is "https" or "wss" ? "wss" : "ws",
            Port = _service.IsDefaultPort ? -1 : _service.Port,
            Query = writer.ToQueryString().TrimStart('?'),
        };
        return builder.Uri;
    }

    /// <summary>Reads one binary message; returns the buffer (grown if needed) and its length, or -1 when the server closed normally or dropped.</summary>
    private async Task<(byte[] Buffer, int Length)> ReceiveFrameAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= _options.MaxFrameSize)
                {
                    await CloseQuietlyAsync(socket, WebSocketCloseStatus.MessageTooBig).ConfigureAwait(false);
                    throw new XrpcException(502, XrpcErrorNames.InvalidResponse, $"{_method.Nsid} sent a frame larger than {_options.MaxFrameSize} bytes", null, null);
                }

                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _options.MaxFrameSize));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await CloseQuietlyAsync(socket, WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
                return (buffer, -1);
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return (buffer, length);
            }
        }
    }

    private TMessage? Read(ReadOnlyMemory<byte> bytes)
    {
        XrpcFrame frame;
        try
        {
            frame = XrpcFrame.Parse(bytes);
        }
        catch (DagCborException invalid)
        {
            throw new XrpcException(502, XrpcErrorNames.InvalidResponse, $"{_method.Nsid} sent a frame that is not valid DAG-CBOR: {invalid.Message}", invalid, null);
        }

        if (frame.IsError)
        {
            if (frame.Error == "ConsumerTooSlow" && _options.Reconnect)
            {
                return null;
            }

            throw XrpcException.Declared(frame.Error!, frame.ErrorMessage);
        }

        TMessage message;
        var lenient = _options.Validation == Client.XrpcValidation.Lenient ? LexiconValidationScope.Lenient() : default(LexiconValidationScope.Scope?);
        try
        {
            message = _codec.Decode(frame);
        }
        catch (LexiconValidationException invalid)
        {
            throw new XrpcException(502, XrpcErrorNames.InvalidResponse, $"A message of {_method.Nsid} breaks its lexicon: {invalid.Message}", invalid, null);
        }
        catch (DagCborException invalid)
        {
            // The body is decoded with the message (XrpcFrame.Parse reads the header only).
            throw new XrpcException(502, XrpcErrorNames.InvalidResponse, $"{_method.Nsid} sent a frame that is not valid DAG-CBOR: {invalid.Message}", invalid, null);
        }
        finally
        {
            lenient?.Dispose();
        }

        if (frame.Seq is { } seq)
        {
            Cursor = seq;
        }

        return message;
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket, WebSocketCloseStatus status)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(status, null, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Closing is a courtesy; the socket is disposed either way.
        }
    }

    private static TimeSpan Jitter(TimeSpan delay) => TimeSpan.FromTicks((long)(delay.Ticks * (0.5 + Random.Shared.NextDouble() / 2)));
}
