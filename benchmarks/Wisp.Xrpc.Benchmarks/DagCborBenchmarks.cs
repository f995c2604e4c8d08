using BenchmarkDotNet.Attributes;
using Wisp.Xrpc.Benchmarks.Lexicons.App.Bsky.Feed;
using Wisp.Xrpc.DataModel;
using Wisp.Xrpc.Repository;

namespace Wisp.Xrpc.Benchmarks;

/// <summary>
/// DAG-CBOR on the bytes benchmarks/dag-cbor/bench.mjs decodes with @atcute/cbor and @ipld/dag-cbor: the post of
/// post.json (decoded into the data model and into the generated Post.Main; encoded with its CID), and every block of
/// the reference's repository export (tests/vectors/repo.car), pre-split as the JavaScript side has them.
/// </summary>
[MemoryDiagnoser]
public class DagCborBenchmarks
{
    private byte[] _post = [];
    private Post.Main _typed = null!;
    private DataModelValue _value = null!;
    private List<ReadOnlyMemory<byte>> _blocks = [];
    private List<ReadOnlyMemory<byte>> _frames = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = BenchmarkFiles.Root;
        _value = DataModelValue.FromJson(File.ReadAllText(Path.Combine(root, "benchmarks", "dag-cbor", "post.json")));
        _post = _value.ToDagCbor();
        _typed = LexiconCbor.ReadDagCbor<Post.Main>(_post);
        var reader = CarReader.OpenAsync(new MemoryStream(File.ReadAllBytes(Path.Combine(root, "tests", "vectors", "repo.car")))).GetAwaiter().GetResult();
        _blocks = reader.ReadBlocksAsync().ToBlockingEnumerable().Select(b => b.Data).ToList();
        var firehose = File.ReadAllBytes(Path.Combine(root, "benchmarks", "dag-cbor", "firehose.bin"));
        for (var at = 0; at < firehose.Length;)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(firehose.AsSpan(at));
            _frames.Add(firehose.AsMemory(at + 4, length));
            at += 4 + length;
        }

        var (allocated, retained) = AllocatedAndRetained(() => LexiconCbor.ReadDagCbor<Post.Main>(_post));
        Console.WriteLine($"// decode post -> Post.Main: {allocated:F0} B allocated per read, {retained:F0} B of objects kept: {allocated / retained:F2}x");
        Console.WriteLine($"// post: {_post.Length} bytes; repository: {_blocks.Count} blocks, {_blocks.Sum(b => b.Length)} bytes; firehose: {_frames.Count} frames, {_frames.Sum(f => f.Length)} bytes");
    }

    [Benchmark(Description = "decode post -> DataModelValue")]
    public DataModelValue DecodePost() => DagCbor.Decode(_post);

    [Benchmark(Description = "decode post -> Post.Main (validated)")]
    public Post.Main DecodePostTyped() => LexiconCbor.ReadDagCbor<Post.Main>(_post);

    [Benchmark(Description = "encode post + CID (DataModelValue)")]
    public Cid EncodePost() => Cid.ForDagCbor(_value.ToDagCbor());

    [Benchmark(Description = "encode post + CID (Post.Main)")]
    public Cid EncodePostTyped() => _typed.ComputeCid();

    /// <summary>The floor under encode + CID on System.Formats.Cbor: a ready tree walked into a Lax CborWriter, no sorting, no CID.</summary>
    [Benchmark(Description = "floor: the post's tree through a Lax CborWriter")]
    public byte[] EncodePostFloor() => DagCbor.Encode(_value);

    /// <summary>The other floor under encode + CID: the BCL's SHA-256 of the post's 922 bytes, as a CID.</summary>
    [Benchmark(Description = "floor: SHA-256 of the post's bytes (its CID)")]
    public Cid HashPostFloor() => Cid.ForDagCbor(_post);

    [Benchmark(Description = "decode every repository block -> DataModelValue")]
    public int DecodeBlocks()
    {
        var n = 0;
        foreach (var block in _blocks)
        {
            n += DagCbor.Decode(block).Kind == DataModelKind.Map ? 1 : 0;
        }

        return n;
    }

    /// <summary>
    /// The firehose-shaped corpus (tests/vectors/make-firehose.mjs: 300 #commit frames the reference made): each frame's
    /// header and body decoded, the body's CAR parsed with every block checked against its CID, every block decoded.
    /// </summary>
    [Benchmark(Description = "decode 300 #commit frames (CAR blocks verified and decoded)")]
    public int DecodeFirehose()
    {
        var n = 0;
        foreach (var frame in _frames)
        {
            DagCbor.DecodeFirst(frame, out var headerLength);
            var body = DagCbor.Decode(frame[headerLength..]);
            foreach (var block in CarReader.Parse(body["blocks"]!.BytesValue).Blocks)
            {
                n += DagCbor.Decode(block.Data).Kind == DataModelKind.Map ? 1 : 0;
            }
        }

        return n;
    }

    /// <summary>
    /// What reading allocates against what it leaves: the bytes allocated per read, and the bytes still reachable
    /// when 10,000 results are kept (the resulting objects themselves), measured after full collections.
    /// </summary>
    private static (double Allocated, double Retained) AllocatedAndRetained(Func<object> read)
    {
        const int Count = 10_000;
        read();
        var kept = new object[Count];
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Count; i++)
        {
            kept[i] = read();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(kept);
        return ((double)allocated / Count, (double)(after - before) / Count);
    }
}
