using System.Buffers.Binary;
using System.Diagnostics;
using Wisp.Xrpc.Lexicons.App.Bsky.Feed;
using Wisp.Xrpc.Lexicons.App.Bsky.Graph;
using Wisp.Xrpc.Lexicons.Com.Atproto.Sync;
using Wisp.Xrpc.Subscriptions;

// Usage: Wisp.Xrpc.FirehoseConsumer <firehose.bin> <seconds>
// Per message, what a consumer of SubscribeRepos.Connect does with each frame it receives: parse the frame, read the
// message into its type (validated), then ReadBlocks (the CAR, every block checked against its CID, the commit
// decoded, each written record found and read into its generated type, validated). Prints messages per second, as benchmarks/firehose/consume.mjs does.
var file = File.ReadAllBytes(args[0]);
var seconds = double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var frames = new List<byte[]>();
for (var offset = 0; offset < file.Length;)
{
    var length = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset));
    frames.Add(file[(offset + 4)..(offset + 4 + length)]);
    offset += 4 + length;
}

long records = 0;
Run(TimeSpan.FromSeconds(1));
records = 0;
var (messages, elapsed) = Run(TimeSpan.FromSeconds(seconds));
Console.WriteLine(FormattableString.Invariant($"{{\"messages\":{messages},\"records\":{records},\"seconds\":{elapsed.TotalSeconds:F3},\"messagesPerSecond\":{messages / elapsed.TotalSeconds:F0}}}"));

(long Messages, TimeSpan Elapsed) Run(TimeSpan duration)
{
    long count = 0;
    var watch = Stopwatch.StartNew();
    while (watch.Elapsed < duration)
    {
        foreach (var bytes in frames)
        {
            if (SubscribeRepos.MessageCodec.Decode(XrpcFrame.Parse(bytes)) is SubscribeRepos.Commit commit)
            {
                foreach (var op in commit.ReadBlocks().Operations.Where(o => o.RecordBlock is not null))
                {
                    // Each record read as a consumer would: into its generated type, validated (more than the
                    // JavaScript side's cborToLexRecord, which decodes without validating).
                    _ = op.Collection switch
                    {
                        Post.Id => op.ReadRecord<Post.Main>(),
                        Like.Id => op.ReadRecord<Like.Main>(),
                        Repost.Id => op.ReadRecord<Repost.Main>(),
                        Follow.Id => op.ReadRecord<Follow.Main>(),
                        _ => (object)op.Record!,
                    };
                    records++;
                }
            }
        }

        count += frames.Count;
    }

    return (count, watch.Elapsed);
}
