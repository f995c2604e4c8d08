using Wisp.Xrpc.DataModel;
using Wisp.Xrpc.EventLog;
using Wisp.Xrpc.Subscriptions;

// Usage: Wisp.Xrpc.EventLogWriter <database> [stream]
// Appends events (as com.example.stream.subscribeEvents#event frames) until killed; prints "acked <seq>" once each is durable.
var store = new SqliteEventStore(args[0]);
var stream = args.Length > 1 ? args[1] : "com.example.stream.subscribeEvents";
while (true)
{
    var seq = await store.AppendAsync(stream, static seq => XrpcFrame.Message("#event", DataModelValue.Map([
        new("seq", DataModelValue.Integer(seq)),
        new("text", DataModelValue.String($"event {seq}")),
    ])), CancellationToken.None);
    Console.WriteLine($"acked {seq}");
}
