using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Xrpc.Lexicons.App.Bsky.Feed;
using Wisp.Xrpc.Lexicons.App.Bsky.Graph;
using Wisp.Xrpc.Lexicons.Com.Atproto.Sync;
using Wisp.Xrpc.Repository;
using Wisp.Xrpc.ServiceAuth;
using Wisp.Xrpc.Subscriptions;
using Xunit;

namespace Wisp.Xrpc.Tests;

/// <summary>
/// com.atproto.sync.subscribeRepos end to end, on 300 #commit frames the reference implementation made from real
/// commits (tests/vectors/make-firehose.mjs): decoded into typed messages, their CAR blocks checked, the signed commit
/// verified with the account's key, each write's record read as its lexicon's type; and served and consumed over
/// WebSockets with a cursor.
/// </summary>
public sealed class FirehoseTests
{
    /// <summary>The key make-firehose.mjs signs with.</summary>
    private const string SigningKeyHex = "9085d2bef69286a6cbb51623c8fa258629945cd55ca705cc4e66700396894e0c";

    public static IReadOnlyList<byte[]> Frames { get; } = ReadFrames();

    [Fact]
    public void Every_recorded_commit_is_read_verified_and_its_records_typed()
    {
        using var signer = AtprotoSigningKey.FromHex(AtprotoCurve.Secp256k1, SigningKeyHex);
        using var key = signer.PublicKey();
        var counts = new Dictionary<string, int>();
        long seq = 999;
        foreach (var bytes in Frames)
        {
            var commit = Assert.IsType<SubscribeRepos.Commit>(SubscribeRepos.MessageCodec.Decode(XrpcFrame.Parse(bytes)));
            Assert.Equal(++seq, commit.Seq);
            var read = commit.ReadBlocks(verifyWith: key);
            Assert.Equal("did:plc:firehosefirehosefirehose", read.Commit.Did);
            foreach (var op in read.Operations)
            {
                counts[op.Collection] = counts.GetValueOrDefault(op.Collection) + 1;
                Assert.Equal("create", op.Action);
                Assert.Equal(op.Cid, op.Record!.ComputeCid());
                switch (op.Collection)
                {
                    case Post.Id:
                        Assert.False(string.IsNullOrEmpty(op.ReadRecord<Post.Main>().Text));
                        break;
                    case Like.Id:
                        Assert.StartsWith("at://", op.ReadRecord<Like.Main>().Subject.Uri, StringComparison.Ordinal);
                        break;
                    case Repost.Id:
                        op.ReadRecord<Repost.Main>();
                        break;
                    case Follow.Id:
                        Assert.StartsWith("did:plc:follow", op.ReadRecord<Follow.Main>().Subject, StringComparison.Ordinal);
                        break;
                    default:
                        Assert.Fail(op.Collection);
                        break;
                }
            }
        }

        Assert.Equal(1299, seq);
        Assert.Equal(750, counts.Values.Sum());
        Assert.Equal(375, counts[Post.Id]);
    }

    [Fact]
    public void Identity_account_sync_and_info_messages_round_trip_as_their_types_with_the_short_t()
    {
        SubscribeRepos.IMessage[] messages =
        [
            new SubscribeRepos.Identity { Seq = 1, Did = "did:plc:firehosefirehosefirehose", Time = "2026-01-02T03:04:05.000Z", Handle = "alice.example.com" },
            new SubscribeRepos.Account { Seq = 2, Did = "did:plc:firehosefirehosefirehose", Time = "2026-01-02T03:04:05.000Z", Active = false, Status = "takendown" },
            new SubscribeRepos.Info { Name = "OutdatedCursor" },
        ];
        foreach (var message in messages)
        {
            var frame = XrpcFrame.Parse(SubscribeRepos.MessageCodec.Encode(message));
            Assert.StartsWith("#", frame.Type, StringComparison.Ordinal);
            var again = SubscribeRepos.MessageCodec.Decode(frame);
            Assert.IsType(message.GetType(), again);
        }

        // A type a newer lexicon adds is kept, not refused (the message union is open).
        var unknown = SubscribeRepos.MessageCodec.Decode(new XrpcFrame(XrpcFrame.MessageOp, "#newThing", Wisp.Xrpc.DataModel.DataModelValue.FromJson("""{"seq": 5}""")));
        Assert.Equal("com.atproto.sync.subscribeRepos#newThing", Assert.IsType<SubscribeRepos.IMessage.Unknown>(unknown).Type);
        var forwarded = XrpcFrame.Parse(SubscribeRepos.MessageCodec.Encode(unknown));
        Assert.Equal("#newThing", forwarded.Type);
        Assert.Equal(5, forwarded.Seq);
        Assert.Null(forwarded.Body["$type"]);
    }

    [Fact]
    public void A_message_body_is_decoded_when_it_is_read_and_strictly_then()
    {
        var frame = XrpcFrame.Parse(Frames[0]);
        Assert.Equal(Frames[0].AsMemory(Frames[0].Length - frame.EncodedBody.Length).ToArray(), frame.EncodedBody.ToArray());
        Assert.Equal(frame.Body["seq"]!.IntegerValue, frame.Seq);

        // A body whose keys are out of DAG-CBOR's order: the header is fine, the body is refused when read.
        var header = new byte[Frames[0].Length - frame.EncodedBody.Length];
        Frames[0].AsSpan(0, header.Length).CopyTo(header);
        byte[] unsorted = [.. header, 0xa2, 0x63, (byte)'s', (byte)'e', (byte)'q', 0x01, 0x61, (byte)'z', 0x02];
        var bad = XrpcFrame.Parse(unsorted);
        Assert.Throws<Wisp.Xrpc.DataModel.DagCborException>(() => bad.Body);
        Assert.Throws<Wisp.Xrpc.DataModel.DagCborException>(() => SubscribeRepos.MessageCodec.Decode(bad));
        byte[] notAMap = [.. header, 0x81, 0x01];
        Assert.Throws<Wisp.Xrpc.DataModel.DagCborException>(() => XrpcFrame.Parse(notAMap));
    }

    [Fact]
    public void A_commit_signed_by_another_key_or_with_tampered_blocks_is_refused()
    {
        using var other = AtprotoSigningKey.Generate(AtprotoCurve.Secp256k1);
        using var otherKey = other.PublicKey();
        var commit = (SubscribeRepos.Commit)SubscribeRepos.MessageCodec.Decode(XrpcFrame.Parse(Frames[0]));
        Assert.Throws<RepositoryFormatException>(() => commit.ReadBlocks(verifyWith: otherKey));

        var blocks = commit.Blocks.ToArray();
        blocks[^5] ^= 0x01;
        var tampered = new SubscribeRepos.Commit
        {
            Seq = commit.Seq, Repo = commit.Repo, CommitValue = commit.CommitValue, Rev = commit.Rev, Since = commit.Since,
            Blocks = blocks, Ops = commit.Ops, Blobs = commit.Blobs, Time = commit.Time, Rebase = commit.Rebase, TooBig = commit.TooBig,
        };
        Assert.Throws<RepositoryFormatException>(() => tampered.ReadBlocks());
    }

    [Fact]
    public async Task The_firehose_served_from_a_cursor_is_consumed_typed_over_websockets()
    {
        await using var server = await TestServer.StartAsync(
            services => services.AddSingleton<SubscribeRepos.IHandler, RecordedFirehose>(),
            configureApp: app =>
            {
                app.MapWispXrpc();
                app.MapXrpcMethods(SubscribeRepos.Endpoint);
            });
        using var signer = AtprotoSigningKey.FromHex(AtprotoCurve.Secp256k1, SigningKeyHex);
        using var key = signer.PublicKey();

        var stream = SubscribeRepos.Connect(server.Client.BaseAddress!, new() { Cursor = 1199 }, new() { Reconnect = false });
        var posts = 0;
        var commits = 0;
        await foreach (var message in stream)
        {
            var commit = Assert.IsType<SubscribeRepos.Commit>(message);
            commits++;
            posts += commit.ReadBlocks(verifyWith: key).Operations.Count(o => o.Collection == Post.Id && o.ReadRecord<Post.Main>() is not null);
        }

        Assert.Equal(100, commits);
        Assert.True(posts > 0);
        Assert.Equal(1299, stream.Cursor);
    }

    private static List<byte[]> ReadFrames()
    {
        var file = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "vectors", "firehose.bin"));
        var frames = new List<byte[]>();
        for (var offset = 0; offset < file.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset));
            frames.Add(file[(offset + 4)..(offset + 4 + length)]);
            offset += 4 + length;
        }

        return frames;
    }

    /// <summary>The recorded frames after the consumer's cursor, sent as they are (an <see cref="IXrpcFrameSource"/>), then the end.</summary>
    private sealed class RecordedFirehose : SubscribeRepos.IHandler
    {
        public IAsyncEnumerable<SubscribeRepos.IMessage> SubscribeAsync(SubscribeRepos.Params parameters, XrpcCallContext context, CancellationToken cancellationToken) =>
            new Recorded(parameters.Cursor ?? 999);

        private sealed class Recorded(long cursor) : IAsyncEnumerable<SubscribeRepos.IMessage>, IXrpcFrameSource
        {
            public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
            {
                foreach (var frame in Frames.Skip((int)(cursor - 999)))
                {
                    await Task.Yield();
                    yield return frame;
                }
            }

            public async IAsyncEnumerator<SubscribeRepos.IMessage> GetAsyncEnumerator(CancellationToken cancellationToken = default)
            {
                await foreach (var frame in ReadFramesAsync(cancellationToken))
                {
                    yield return SubscribeRepos.MessageCodec.Decode(XrpcFrame.Parse(frame));
                }
            }
        }
    }
}
