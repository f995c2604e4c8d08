using Microsoft.Extensions.DependencyInjection;
using Wisp.Xrpc.EventLog;
using Wisp.Xrpc.Tests.Lexicons.Com.Example.Stream;
using Xunit;

namespace Wisp.Xrpc.Tests;

/// <summary>The PostgreSQL event store: two app instances appending to one stream and serving it, over a real server (test.sh starts it).</summary>
public sealed class PostgresEventLogTests
{
    [Fact]
    public async Task Two_stores_appending_at_once_get_gapless_numbers_in_commit_order()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var first = new PostgresEventStore(database.ConnectionString);
        await using var second = new PostgresEventStore(database.ConnectionString);
        var logs = new[] { first, second }.Select(s => new XrpcEventLog<SubscribeEvents.IMessage>(s, SubscribeEvents.MessageCodec)).ToArray();

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<long>();
        var following = Task.Run(async () =>
        {
            await foreach (var stored in second.ReadAsync(logs[0].Name, 0, follow: true, cancel.Token))
            {
                seen.Add(stored.Seq);
                if (seen.Count == 200)
                {
                    return;
                }
            }
        });

        var seqs = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () => await logs[i % 2].AppendAsync(seq => new SubscribeEvents.Event { Seq = seq, Text = $"event {seq}" }))));
        await following.WaitAsync(cancel.Token);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), seqs.Order());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task A_consumer_of_one_instance_sees_what_the_other_appends_live_and_in_order()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var servers = new List<TestServer>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                servers.Add(await TestServer.StartAsync(
                    services =>
                    {
                        TestHandlers.Register(services);
                        services.AddSingleton<SubscribeEvents.IHandler, EventLogTests.LogHandler>();
                    },
                    configureXrpc: x => x.UsePostgresEventStore(database.ConnectionString).AddEventLog(SubscribeEvents.MessageCodec)));
            }

            var logs = servers.Select(s => s.Services.GetRequiredService<XrpcEventLog<SubscribeEvents.IMessage>>()).ToArray();
            await logs[0].AppendAsync(seq => new SubscribeEvents.Event { Seq = seq, Text = $"event {seq}" });

            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var seen = new List<long>();
            var reading = Task.Run(async () =>
            {
                await foreach (var message in SubscribeEvents.Connect(servers[1].Client.BaseAddress!, new() { Cursor = 0 }).WithCancellation(cancel.Token))
                {
                    seen.Add(((SubscribeEvents.Event)message).Seq);
                    if (seen.Count == 41)
                    {
                        return;
                    }
                }
            });

            // Both instances append, one after the other; the consumer of the second sees every event once, in order.
            for (var i = 0; i < 40; i++)
            {
                await logs[i % 2].AppendAsync(seq => new SubscribeEvents.Event { Seq = seq, Text = $"event {seq}" });
            }

            await reading.WaitAsync(cancel.Token);
            Assert.Equal(Enumerable.Range(1, 41).Select(i => (long)i), seen);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }
}
