using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Xrpc.Tests.Lexicons.Com.Example.Stream;

namespace Wisp.Xrpc.Tests;

/// <summary>
/// This project's handler of com.example.stream.subscribeEvents (tests/reference/lexicons), answering as the reference
/// server in tests/reference/server.mjs does: events seq cursor+1 … cursor+limit, then the end of the stream.
/// </summary>
public static class SubscriptionTestHandlers
{
    public const long FutureCursor = 1_000_000;

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<SubscribeEvents.IHandler, EventsHandler>();
        services.AddSingleton<Lexicons.Com.Example.Test.SubscribeMine.IHandler, MineHandler>();
    }

    /// <summary>Event <paramref name="seq"/>'s data: <paramref name="size"/> bytes, byte i = (seq + i) mod 256.</summary>
    public static byte[] Data(long seq, long size)
    {
        var data = new byte[size];
        for (var i = 0; i < size; i++)
        {
            data[i] = (byte)((seq + i) % 256);
        }

        return data;
    }

    private sealed class MineHandler : Lexicons.Com.Example.Test.SubscribeMine.IHandler
    {
        public async IAsyncEnumerable<Lexicons.Com.Example.Test.SubscribeMine.IMessage> SubscribeAsync(XrpcCallContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return new Lexicons.Com.Example.Test.SubscribeMine.Mine { Seq = 1, Did = context.RequireCallerDid() };
        }
    }

    private sealed class EventsHandler : SubscribeEvents.IHandler
    {
        public async IAsyncEnumerable<SubscribeEvents.IMessage> SubscribeAsync(SubscribeEvents.Params parameters, XrpcCallContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (parameters.Cursor > FutureCursor)
            {
                throw SubscribeEvents.Errors.FutureCursor("cursor is in the future");
            }

            var start = parameters.Cursor ?? 0;
            if (start < 0)
            {
                yield return new SubscribeEvents.Info { Name = SubscribeEvents.Info.NameValues.OutdatedCursor, Message = "starting from 1" };
                start = 0;
            }

            for (var seq = start + 1; seq <= start + parameters.Limit!.Value; seq++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return new SubscribeEvents.Event { Seq = seq, Text = $"event {seq}", Data = parameters.Size is { } size ? Data(seq, size) : null };
                // Paced as a live stream is (about 16 events a millisecond), so a consumer that reads keeps up.
                if (seq % 16 == 0)
                {
                    await Task.Delay(1, cancellationToken);
                }
            }
        }
    }
}
