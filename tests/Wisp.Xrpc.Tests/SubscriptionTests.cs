using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wisp.Xrpc.Subscriptions;
using Wisp.Xrpc.Tests.Lexicons.Com.Example.Stream;
using Xunit;

namespace Wisp.Xrpc.Tests;

/// <summary>Event streams over real WebSockets on loopback: the generated endpoint and handler, frames, errors, slow consumers, the typed consumer.</summary>
public sealed class SubscriptionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Uri Service => fixture.Server.Client.BaseAddress!;

    [Fact]
    public async Task Messages_arrive_in_order_from_the_cursor_as_typed_values()
    {
        var stream = SubscribeEvents.Connect(Service, new() { Cursor = 5, Limit = 20, Size = 3 }, new() { Reconnect = false });
        var events = new List<SubscribeEvents.Event>();
        await foreach (var message in stream)
        {
            events.Add(Assert.IsType<SubscribeEvents.Event>(message));
        }

        Assert.Equal(Enumerable.Range(6, 20).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Equal("event 6", events[0].Text);
        Assert.Equal(SubscriptionTestHandlers.Data(6, 3), events[0].Data);
        Assert.Equal(25, stream.Cursor);
        Assert.Equal(1, stream.Connections);
    }

    [Fact]
    public async Task Each_frame_is_a_dag_cbor_header_then_body_as_the_spec_says()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{Service.Authority}/xrpc/com.example.stream.subscribeEvents?cursor=-1&limit=1"), CancellationToken.None);
        var first = XrpcFrame.Parse(await ReceiveAsync(socket));
        Assert.Equal(XrpcFrame.MessageOp, first.Op);
        Assert.Equal("#info", first.Type);
        Assert.Equal("OutdatedCursor", first.Body["name"]!.StringValue);
        Assert.Null(first.Body["$type"]);

        var raw = await ReceiveAsync(socket);
        Assert.Equal(new byte[] { 0xa2, 0x61, 0x74, 0x66, (byte)'#', (byte)'e', (byte)'v', (byte)'e', (byte)'n', (byte)'t', 0x62, 0x6f, 0x70, 0x01 }, raw[..14]);
        Assert.Equal(1, XrpcFrame.Parse(raw).Body["seq"]!.IntegerValue);

        var end = await socket.ReceiveAsync(new byte[16], CancellationToken.None);
        Assert.Equal(WebSocketMessageType.Close, end.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task A_declared_error_is_an_error_frame_then_close_1008()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{Service.Authority}/xrpc/com.example.stream.subscribeEvents?cursor=2000000"), CancellationToken.None);
        var frame = XrpcFrame.Parse(await ReceiveAsync(socket));
        Assert.True(frame.IsError);
        Assert.Equal("FutureCursor", frame.Error);
        Assert.Equal("cursor is in the future", frame.ErrorMessage);
        var end = await socket.ReceiveAsync(new byte[16], CancellationToken.None);
        Assert.Equal(WebSocketMessageType.Close, end.MessageType);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
        Assert.Equal("FutureCursor", socket.CloseStatusDescription);

        var typed = await Assert.ThrowsAsync<XrpcException>(async () =>
        {
            await foreach (var _ in SubscribeEvents.Connect(Service, new() { Cursor = 2_000_000 }))
            {
            }
        });
        Assert.True(SubscribeEvents.Errors.IsFutureCursor(typed));
    }

    [Fact]
    public async Task Parameters_and_the_upgrade_are_checked_while_it_is_still_http()
    {
        var invalid = await fixture.Server.Client.GetAsync("/xrpc/com.example.stream.subscribeEvents?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Params/limit", await invalid.Content.ReadAsStringAsync());

        var notUpgraded = await fixture.Server.Client.GetAsync("/xrpc/com.example.stream.subscribeEvents");
        Assert.Equal(HttpStatusCode.BadRequest, notUpgraded.StatusCode);
        Assert.Contains("connect with a WebSocket", await notUpgraded.Content.ReadAsStringAsync());

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://{Service.Authority}/xrpc/com.example.stream.subscribeEvents?limit=abc"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);

        // The typed consumer checks them before connecting, and gives up on a 4xx instead of reconnecting.
        await Assert.ThrowsAsync<ArgumentException>(() => Task.FromResult(SubscribeEvents.Connect(Service, new() { Limit = 0 })));
    }

    [Fact]
    public async Task A_stream_that_requires_authentication_checks_the_caller_as_any_method_does()
    {
        var anonymous = await fixture.Server.Client.GetAsync("/xrpc/com.example.test.subscribeMine");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("AuthenticationRequired", await anonymous.Content.ReadAsStringAsync());

        var refused = await Assert.ThrowsAsync<XrpcException>(async () =>
        {
            await foreach (var _ in Lexicons.Com.Example.Test.SubscribeMine.Connect(Service))
            {
            }
        });
        Assert.Equal(401, refused.StatusCode);

        var stream = Lexicons.Com.Example.Test.SubscribeMine.Connect(Service, new()
        {
            Reconnect = false,
            ConfigureWebSocket = socket => socket.SetRequestHeader("Authorization", "DevDid did:plc:streamerstreamerstreamer"),
        });
        var mine = Assert.IsType<Lexicons.Com.Example.Test.SubscribeMine.Mine>(Assert.Single(await ToListAsync(stream)));
        Assert.Equal("did:plc:streamerstreamerstreamer", mine.Did);
    }

    [Fact]
    public async Task A_consumer_that_reconnects_resumes_from_its_cursor_without_a_gap()
    {
        var stream = SubscribeEvents.Connect(Service, new() { Limit = 7 }, new() { MinReconnectDelay = TimeSpan.FromMilliseconds(5), MaxReconnectDelay = TimeSpan.FromMilliseconds(20) });
        var seqs = new List<long>();
        await foreach (var message in stream)
        {
            seqs.Add(((SubscribeEvents.Event)message).Seq);
            if (seqs.Count == 30)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), seqs);
        Assert.True(stream.Connections >= 5, $"{stream.Connections} connections");
        Assert.Equal(30, stream.Cursor);
    }

    [Fact]
    public async Task A_slow_consumer_gets_ConsumerTooSlow_while_a_fast_one_reads_on()
    {
        await using var server = await TestServer.StartAsync(TestHandlers.Register, configureXrpc: x => x.Services.Configure<Hosting.WispXrpcOptions>(o =>
        {
            o.MaxSubscriptionBufferSize = 256 * 1024;
            o.MaxSubscriptionStall = TimeSpan.FromSeconds(1);

            // Time for this test to read out the slow socket after the fast consumer: its error frame comes last.
            o.SubscriptionCloseTimeout = TimeSpan.FromMinutes(2);
        }));
        var service = server.Client.BaseAddress!;

        // The slow one connects and reads nothing: its socket's buffers fill, then its send buffer; it takes nothing from
        // that for a second, so it is dropped. The fast one, on the same stream, reads all it asked for meanwhile.
        using var slow = new ClientWebSocket();
        slow.Options.SetBuffer(1024, 1024);
        await slow.ConnectAsync(new Uri($"ws://{service.Authority}/xrpc/com.example.stream.subscribeEvents?limit=1000000&size=4000"), CancellationToken.None);

        var fast = 0L;
        await foreach (var message in SubscribeEvents.Connect(service, new() { Limit = 3000, Size = 4000 }, new() { Reconnect = false }))
        {
            fast = ((SubscribeEvents.Event)message).Seq;
        }

        Assert.Equal(3000, fast);

        // Meanwhile the slow one's buffer filled and stayed full: it is dropped once it has read nothing for the stall
        // time. Reading it now gives what the network held, then the error frame, then close 1008.
        await Eventually.WaitUntilAsync(() => server.Logs.All.Contains("ConsumerTooSlow", StringComparison.Ordinal));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        XrpcFrame? last = null;
        while (slow.State == WebSocketState.Open)
        {
            var frame = await ReceiveAsync(slow, timeout.Token);
            if (frame.Length == 0)
            {
                break;
            }

            last = XrpcFrame.Parse(frame);
        }

        Assert.NotNull(last);
        Assert.True(last.IsError, "the last frame is the error");
        Assert.Equal("ConsumerTooSlow", last.Error);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, slow.CloseStatus);
    }

    [Fact]
    public async Task A_consumer_that_never_reads_is_cut_off_after_the_stall_and_the_close_timeout()
    {
        await using var server = await TestServer.StartAsync(TestHandlers.Register, configureXrpc: x => x.Services.Configure<Hosting.WispXrpcOptions>(o =>
        {
            o.MaxSubscriptionBufferSize = 64 * 1024;
            o.MaxSubscriptionStall = TimeSpan.FromMilliseconds(500);
            o.SubscriptionCloseTimeout = TimeSpan.FromMilliseconds(500);
        }));
        using var stuck = new ClientWebSocket();
        stuck.Options.SetBuffer(1024, 1024);
        await stuck.ConnectAsync(new Uri($"ws://{server.Client.BaseAddress!.Authority}/xrpc/com.example.stream.subscribeEvents?limit=1000000&size=4000"), CancellationToken.None);

        // Long after it stalled and its close timed out, the connection is gone: reading drains what the network held, then ends.
        await Eventually.WaitUntilAsync(() => server.Logs.All.Contains("ConsumerTooSlow", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ended = false;
        try
        {
            while (await ReceiveAsync(stuck, timeout.Token) is { Length: > 0 })
            {
            }

            ended = true;
        }
        catch (WebSocketException)
        {
            ended = true;
        }

        Assert.True(ended);
        Assert.False(timeout.IsCancellationRequested, "the server kept the connection open");
    }

    [Fact]
    public async Task Stopping_the_app_closes_every_stream_with_1001()
    {
        var server = await TestServer.StartAsync(TestHandlers.Register);
        var service = server.Client.BaseAddress!;
        var sockets = new List<ClientWebSocket>();
        for (var i = 0; i < 3; i++)
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://{service.Authority}/xrpc/com.example.stream.subscribeEvents?limit=1000000"), CancellationToken.None);
            await ReceiveAsync(socket);
            sockets.Add(socket);
        }

        var stopping = server.DisposeAsync().AsTask();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var socket in sockets)
        {
            while (await ReceiveAsync(socket, timeout.Token) is { Length: > 0 })
            {
            }

            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
            socket.Dispose();
        }

        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>One whole binary message, or empty when the server closed.</summary>
    internal static async Task<byte[]> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[1 << 20];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return [];
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return buffer[..length];
            }
        }
    }
}
