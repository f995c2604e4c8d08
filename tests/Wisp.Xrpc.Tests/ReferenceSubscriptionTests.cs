using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Xrpc.Lexicons.Com.Atproto.Label;
using Wisp.Xrpc.Tests.Lexicons.Com.Example.Stream;
using Xunit;

namespace Wisp.Xrpc.Tests;

/// <summary>
/// Event streams against the reference (@atproto/xrpc-server 0.13.2, tests/reference): this project's consumer reading
/// the reference server, and the reference's Subscription client reading this project's server, on a stream lexicon of
/// this project's and on com.atproto.label.subscribeLabels.
/// </summary>
public sealed class ReferenceSubscriptionTests(ReferenceServerFixture reference) : IClassFixture<ReferenceServerFixture>
{
    [Fact]
    public async Task This_consumer_reads_the_reference_servers_stream_typed_with_bytes_and_its_errors()
    {
        var events = new List<SubscribeEvents.IMessage>();
        await foreach (var message in SubscribeEvents.Connect(reference.Address, new() { Cursor = -1, Limit = 3, Size = 4 }, new() { Reconnect = false }))
        {
            events.Add(message);
        }

        Assert.Equal("OutdatedCursor", Assert.IsType<SubscribeEvents.Info>(events[0]).Name);
        var first = Assert.IsType<SubscribeEvents.Event>(events[1]);
        Assert.Equal(1, first.Seq);
        Assert.Equal("event 1", first.Text);
        Assert.Equal(SubscriptionTestHandlers.Data(1, 4), first.Data);
        Assert.Equal([1L, 2, 3], events.Skip(1).Select(e => ((SubscribeEvents.Event)e).Seq));

        var future = await Assert.ThrowsAsync<XrpcException>(async () =>
        {
            await foreach (var _ in SubscribeEvents.Connect(reference.Address, new() { Cursor = 2_000_000 }, new() { Reconnect = false }))
            {
            }
        });
        Assert.True(SubscribeEvents.Errors.IsFutureCursor(future));
        Assert.Equal("cursor is in the future", future.ErrorMessage);
    }

    [Fact]
    public async Task This_consumer_reads_the_reference_servers_subscribeLabels()
    {
        var messages = new List<SubscribeLabels.IMessage>();
        var stream = SubscribeLabels.Connect(reference.Address, new() { Cursor = 10 }, new() { Reconnect = false });
        await foreach (var message in stream)
        {
            messages.Add(message);
        }

        Assert.Equal([11L, 12, 13, 14, 15], messages.OfType<SubscribeLabels.Labels>().Select(l => l.Seq));
        var label = messages.OfType<SubscribeLabels.Labels>().First().LabelsValue.Single();
        Assert.Equal("did:plc:labelerlabelerlabelerla", label.Src);
        Assert.Equal("spam", label.Val);
        Assert.Equal("OutdatedCursor", Assert.IsType<SubscribeLabels.Info>(messages[^1]).Name);
        Assert.Equal(15, stream.Cursor);
    }

    [Fact]
    public async Task The_reference_client_reads_this_servers_streams()
    {
        await using var server = await TestServer.StartAsync(
            services =>
            {
                TestHandlers.Register(services);
                services.AddSingleton<SubscribeLabels.IHandler, LabelsHandler>();
            },
            configureApp: app =>
            {
                app.MapWispXrpc();
                app.MapXrpcMethods(SubscribeLabels.Endpoint);
            });
        var address = server.Client.BaseAddress!.ToString().TrimEnd('/');

        var events = await SubscribeAsync(address, "com.example.stream.subscribeEvents", """{"cursor":5,"limit":3,"size":4}""");
        Assert.Equal(3, events.Count);
        Assert.Equal("com.example.stream.subscribeEvents#event", events[0].GetProperty("$type").GetString());
        Assert.Equal(6, events[0].GetProperty("seq").GetInt64());
        Assert.Equal(Convert.ToBase64String(SubscriptionTestHandlers.Data(6, 4)).TrimEnd('='), events[0].GetProperty("data").GetProperty("$bytes").GetString());

        var outdated = await SubscribeAsync(address, "com.example.stream.subscribeEvents", """{"cursor":-1,"limit":2}""");
        Assert.Equal("com.example.stream.subscribeEvents#info", outdated[0].GetProperty("$type").GetString());
        Assert.Equal(3, outdated.Count);

        var error = Assert.Single(await SubscribeAsync(address, "com.example.stream.subscribeEvents", """{"cursor":2000000}"""));
        Assert.Equal("FutureCursor", error.GetProperty("errorFrame").GetProperty("error").GetString());
        Assert.Equal("cursor is in the future", error.GetProperty("errorFrame").GetProperty("message").GetString());

        var labels = await SubscribeAsync(address, "com.atproto.label.subscribeLabels", """{"cursor":10}""");
        Assert.Equal(6, labels.Count);
        Assert.Equal("com.atproto.label.subscribeLabels#labels", labels[0].GetProperty("$type").GetString());
        Assert.Equal(11, labels[0].GetProperty("seq").GetInt64());
        Assert.Equal("spam", labels[0].GetProperty("labels")[0].GetProperty("val").GetString());
        Assert.Equal("com.atproto.label.subscribeLabels#info", labels[5].GetProperty("$type").GetString());
    }

    private static async Task<List<JsonElement>> SubscribeAsync(string address, string nsid, string parameters)
    {
        var output = await ReferencePeers.RunAsync("subscribe.mjs", [address, nsid, parameters, "100"]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }

    /// <summary>subscribeLabels as the reference server in tests/reference answers it: five labels from the cursor, then #info.</summary>
    private sealed class LabelsHandler : SubscribeLabels.IHandler
    {
        public async IAsyncEnumerable<SubscribeLabels.IMessage> SubscribeAsync(SubscribeLabels.Params parameters, XrpcCallContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (parameters.Cursor > SubscriptionTestHandlers.FutureCursor)
            {
                throw SubscribeLabels.Errors.FutureCursor("cursor is in the future");
            }

            var start = parameters.Cursor ?? 0;
            for (var seq = start + 1; seq <= start + 5; seq++)
            {
                yield return new SubscribeLabels.Labels
                {
                    Seq = seq,
                    LabelsValue =
                    [
                        new Defs.Label
                        {
                            Ver = 1,
                            Src = "did:plc:labelerlabelerlabelerla",
                            Uri = $"at://did:plc:subjectsubjectsubjectsu/app.bsky.feed.post/3kabc{seq}",
                            Val = "spam",
                            Cts = "2026-01-02T03:04:05.000Z",
                        },
                    ],
                };
                await Task.Yield();
            }

            yield return new SubscribeLabels.Info { Name = "OutdatedCursor" };
        }
    }
}
