using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Xrpc.Benchmarks.Lexicons.Com.Example.Stream;
using Wisp.Xrpc.Subscriptions;

namespace Wisp.Xrpc.Benchmarks;

/// <summary>
/// The event-stream delivery benchmark (benchmarks/streams/compare.sh): a server with the generated endpoint of
/// com.example.stream.subscribeEvents sending <c>limit</c> copies of one frame (stored frames, as an event log sends
/// them), and beside it <c>/raw</c>, a bare ASP.NET Core WebSocket endpoint sending the same bytes: the ceiling.
/// </summary>
public static class StreamBenchmarkServer
{
    /// <summary>The frame both endpoints send: an #event with a 200-byte payload, as the handler's codec encodes it.</summary>
    public static readonly byte[] Frame = SubscribeEvents.MessageCodec.Encode(new SubscribeEvents.Event { Seq = 12345678, Text = "a benchmark event", Data = new byte[200] });

    public static async Task<(WebApplication App, Uri Address)> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddWispXrpc(o => o.MaxSubscriptionBufferSize = 64L * 1024 * 1024);
        builder.Services.AddSingleton<SubscribeEvents.IHandler, FramesHandler>();
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/raw", RawAsync);
        app.MapWispXrpc();
        await app.StartAsync();
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    /// <summary>Opens <paramref name="consumers"/> connections to <paramref name="url"/>, reads every frame of each, and answers frames per second over all.</summary>
    public static async Task<(long Frames, TimeSpan Elapsed)> ConsumeAsync(Uri url, int consumers)
    {
        var sockets = new List<ClientWebSocket>();
        for (var i = 0; i < consumers; i++)
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(url, CancellationToken.None);
            sockets.Add(socket);
        }

        var watch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(sockets.Select(ReadAllAsync));
        watch.Stop();
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }

        return (counts.Sum(), watch.Elapsed);
    }

    private static async Task<long> ReadAllAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        long frames = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return frames;
            }

            if (result.EndOfMessage)
            {
                frames++;
            }
        }
    }

    private static async Task RawAsync(HttpContext context)
    {
        var limit = long.Parse(context.Request.Query["limit"]!, System.Globalization.CultureInfo.InvariantCulture);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        for (long i = 0; i < limit; i++)
        {
            await socket.SendAsync(Frame, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        }

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        var buffer = new byte[16];
        while (socket.State == WebSocketState.CloseSent && (await socket.ReceiveAsync(buffer, CancellationToken.None)).MessageType != WebSocketMessageType.Close)
        {
        }
    }

    private sealed class FramesHandler : SubscribeEvents.IHandler
    {
        public IAsyncEnumerable<SubscribeEvents.IMessage> SubscribeAsync(SubscribeEvents.Params parameters, XrpcCallContext context, CancellationToken cancellationToken) =>
            new Frames(parameters.Limit ?? 10);

        private sealed class Frames(long limit) : IAsyncEnumerable<SubscribeEvents.IMessage>, IXrpcFrameSource
        {
            public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
            {
                for (long i = 0; i < limit; i++)
                {
                    // A live source hands over what it has, then waits: yield to the sender every so often.
                    if (i % 256 == 0)
                    {
                        await Task.Yield();
                    }

                    yield return Frame;
                }
            }

            public IAsyncEnumerator<SubscribeEvents.IMessage> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
                throw new NotSupportedException("Served as frames");
        }
    }
}
