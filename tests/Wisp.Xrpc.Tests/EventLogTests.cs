using System.Diagnostics;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Xrpc.EventLog;
using Wisp.Xrpc.Subscriptions;
using Wisp.Xrpc.Tests.Lexicons.Com.Example.Stream;
using Xunit;

namespace Wisp.Xrpc.Tests;

/// <summary>The durable event log: sequence numbers, cursors, retention, restarts, kill -9, and a stream served from it over WebSockets.</summary>
public sealed class EventLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wisp-events-").FullName;

    private string Database => Path.Combine(_folder, "events.db");

    [Fact]
    public async Task Appends_get_gapless_numbers_in_order_even_when_concurrent_and_survive_a_restart()
    {
        using (var store = new SqliteEventStore(Database))
        {
            var log = new XrpcEventLog<SubscribeEvents.IMessage>(store, SubscribeEvents.MessageCodec);
            var seqs = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () => await log.AppendAsync(seq => Event(seq)))));
            Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), seqs.Order());
            var stored = await ReadAllAsync(store, 0);
            Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), stored.Select(s => s.Seq));

            // Each event carries its own number: the one it was appended under.
            Assert.All(stored, s => Assert.Equal(s.Seq, ((SubscribeEvents.Event)SubscribeEvents.MessageCodec.Decode(XrpcFrame.Parse(s.Frame))).Seq));
        }

        using var reopened = new SqliteEventStore(Database);
        var again = new XrpcEventLog<SubscribeEvents.IMessage>(reopened, SubscribeEvents.MessageCodec);
        Assert.Equal(201, await again.AppendAsync(seq => Event(seq)));
        Assert.Equal((1L, 201L), ((long, long))(await again.RangeAsync() is var (o, n) ? (o!.Value, n!.Value) : default));
    }

    [Fact]
    public async Task A_cursor_reads_the_backlog_then_follows_live_and_a_future_one_is_refused()
    {
        using var store = new SqliteEventStore(Database);
        var log = new XrpcEventLog<SubscribeEvents.IMessage>(store, SubscribeEvents.MessageCodec);
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(seq => Event(seq));
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<long>();
        var reading = Task.Run(async () =>
        {
            await foreach (var message in log.Stream(cursor: 2).WithCancellation(cancel.Token))
            {
                seen.Add(((SubscribeEvents.Event)message).Seq);
                if (seen.Count == 6)
                {
                    return;
                }
            }
        });

        await Eventually.WaitUntilAsync(() => seen.Count == 3);
        await log.AppendAsync(seq => Event(seq));
        await log.AppendAsync(seq => Event(seq));
        await log.AppendAsync(seq => Event(seq));
        await reading.WaitAsync(cancel.Token);
        Assert.Equal([3L, 4, 5, 6, 7, 8], seen);

        var future = await Assert.ThrowsAsync<XrpcException>(async () =>
        {
            await foreach (var _ in log.Stream(cursor: 9))
            {
            }
        });
        Assert.Equal("FutureCursor", future.Error);
    }

    [Fact]
    public async Task Retention_keeps_the_newest_and_an_older_cursor_starts_at_the_oldest_after_OutdatedCursor()
    {
        using var store = new SqliteEventStore(Database);
        var log = new XrpcEventLog<SubscribeEvents.IMessage>(store, SubscribeEvents.MessageCodec, new XrpcEventLogOptions { MaxCount = 10, PruneEvery = 5 });
        for (var i = 0; i < 32; i++)
        {
            await log.AppendAsync(seq => Event(seq));
        }

        await log.PruneAsync();
        Assert.Equal((23L, 32L), ((long, long))(await log.RangeAsync() is var (o, n) ? (o!.Value, n!.Value) : default));

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var messages = new List<SubscribeEvents.IMessage>();
        await foreach (var message in log.Stream(cursor: 3, outdated: () => new SubscribeEvents.Info { Name = "OutdatedCursor" }).WithCancellation(cancel.Token))
        {
            messages.Add(message);
            if (messages.Count == 11)
            {
                break;
            }
        }

        Assert.Equal("OutdatedCursor", Assert.IsType<SubscribeEvents.Info>(messages[0]).Name);
        Assert.Equal(Enumerable.Range(23, 10).Select(i => (long)i), messages.Skip(1).Select(m => ((SubscribeEvents.Event)m).Seq));
    }

    [Fact]
    public async Task Every_acknowledged_event_survives_kill_9_of_the_writer_with_no_gap()
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "event-log-writer", "Wisp.Xrpc.EventLogWriter.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(writer);
        start.ArgumentList.Add(Database);
        long acknowledged = 0;
        using (var process = Process.Start(start)!)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (acknowledged < 300 && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                acknowledged = long.Parse(line["acked ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }

            // SIGKILL while it is writing: whatever it acknowledged must be there.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.True(acknowledged >= 300);
        using var store = new SqliteEventStore(Database);
        var stored = await ReadAllAsync(store, 0);
        Assert.True(stored.Count >= acknowledged, $"{stored.Count} stored, {acknowledged} acknowledged");
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(s => s.Seq));
        var log = new XrpcEventLog<SubscribeEvents.IMessage>(store, SubscribeEvents.MessageCodec);
        Assert.Equal(stored.Count + 1, await log.AppendAsync(seq => Event(seq)));
    }

    [Fact]
    public async Task A_stream_served_from_the_log_resumes_from_a_cursor_over_websockets_and_survives_a_server_restart()
    {
        var content = Path.Combine(_folder, "app");
        Directory.CreateDirectory(content);
        long next = 0;
        for (var restart = 0; restart < 2; restart++)
        {
            await using var server = await TestServer.StartAsync(
                services =>
                {
                    TestHandlers.Register(services);
                    services.AddSingleton<SubscribeEvents.IHandler, LogHandler>();
                },
                contentRoot: content,
                configureXrpc: x => x.AddEventLog(SubscribeEvents.MessageCodec));
            var log = server.Services.GetRequiredService<XrpcEventLog<SubscribeEvents.IMessage>>();
            for (var i = 0; i < 10; i++)
            {
                await log.AppendAsync(seq => Event(seq));
            }

            // A consumer that has seen `next` reads everything after it, then what is appended live.
            var stream = SubscribeEvents.Connect(server.Client.BaseAddress!, new() { Cursor = next });
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var seen = new List<long>();
            var appending = Task.Run(async () =>
            {
                await Eventually.WaitUntilAsync(() => seen.Count >= 5);
                for (var i = 0; i < 5; i++)
                {
                    await log.AppendAsync(seq => Event(seq));
                }
            });
            await foreach (var message in stream.WithCancellation(cancel.Token))
            {
                seen.Add(((SubscribeEvents.Event)message).Seq);
                if (seen.Count == 15)
                {
                    break;
                }
            }

            await appending;
            Assert.Equal(Enumerable.Range((int)next + 1, 15).Select(i => (long)i), seen);
            next = seen[^1];
        }

        Assert.Equal(30, next);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static SubscribeEvents.Event Event(long seq) => new() { Seq = seq, Text = $"event {seq}" };

    private static async Task<List<XrpcStoredEvent>> ReadAllAsync(IXrpcEventStore store, long after)
    {
        var all = new List<XrpcStoredEvent>();
        await foreach (var stored in store.ReadAsync("com.example.stream.subscribeEvents", after, follow: false, CancellationToken.None))
        {
            all.Add(stored);
        }

        return all;
    }

    /// <summary>The stream served from the app's event log.</summary>
    internal sealed class LogHandler(XrpcEventLog<SubscribeEvents.IMessage> log) : SubscribeEvents.IHandler
    {
        public IAsyncEnumerable<SubscribeEvents.IMessage> SubscribeAsync(SubscribeEvents.Params parameters, XrpcCallContext context, CancellationToken cancellationToken) =>
            log.Stream(parameters.Cursor, () => new SubscribeEvents.Info { Name = SubscribeEvents.Info.NameValues.OutdatedCursor });
    }
}
