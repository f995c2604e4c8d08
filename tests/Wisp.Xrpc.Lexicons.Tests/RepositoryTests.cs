using System.Text.Json;
using Wisp.Xrpc.DataModel;
using Wisp.Xrpc.Repository;
using Wisp.Xrpc.ServiceAuth;

namespace Wisp.Xrpc.Lexicons.Tests;

/// <summary>
/// A repository written and signed by the reference implementation (tests/vectors/make-repo.mjs, @atproto/repo with a
/// fixed secp256k1 key): the export read back record by record with every CID checked, the commit signature verified
/// with the account's key, and a getRecord proof verified; tampered files refused.
/// </summary>
public sealed class RepositoryTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "vectors");
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "repo.json"))).RootElement;
    private static readonly byte[] Export = File.ReadAllBytes(Path.Combine(Folder, "repo.car"));
    private static readonly byte[] Proof = File.ReadAllBytes(Path.Combine(Folder, "record-proof.car"));

    private static AtprotoPublicKey SigningKey => AtprotoKeys.FromMultibase(Expected.GetProperty("signingKey").GetString()!["did:key:".Length..]);

    [Fact]
    public async Task The_export_lists_every_record_in_key_order_with_the_reference_s_cids()
    {
        var repo = await RepositoryExport.ReadAsync(new MemoryStream(Export));

        Assert.Equal(Expected.GetProperty("commit").GetString(), repo.CommitCid.ToString());
        Assert.Equal(Expected.GetProperty("did").GetString(), repo.Commit.Did);
        Assert.Equal(Expected.GetProperty("rev").GetString(), repo.Commit.Rev);
        Assert.Equal(Expected.GetProperty("data").GetString(), repo.Commit.Data.ToString());
        Assert.Null(repo.Commit.Prev);

        var expected = Expected.GetProperty("records").EnumerateArray()
            .Select(r => (Path: r.GetProperty("path").GetString()!, Cid: r.GetProperty("cid").GetString()!))
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ToList();
        var records = repo.ListRecords().ToList();
        Assert.Equal(expected, records.Select(r => ($"{r.Collection}/{r.RecordKey}", r.Cid.ToString())));
        Assert.All(records, r => Assert.Equal(r.Cid, r.Value.ComputeCid())); // each record re-encodes to its CID

        Assert.Equal(20, repo.ListRecords("app.bsky.feed.like").Count());
        var profile = repo.GetRecord("app.bsky.actor.profile", "self");
        Assert.Equal("Vectors", profile!.Value["displayName"]!.StringValue);
        Assert.Null(repo.GetRecord("app.bsky.feed.post", "nope"));
    }

    [Fact]
    public async Task The_commit_is_signed_by_the_account_s_key_and_no_other()
    {
        var repo = await RepositoryExport.ReadAsync(new MemoryStream(Export));

        Assert.True(repo.Commit.VerifySignature(SigningKey));
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.CreateFromFriendlyName("secp256k1"));
        var q = other.ExportParameters(false).Q;
        var compressed = new byte[33];
        compressed[0] = (byte)((q.Y![^1] & 1) == 0 ? 2 : 3);
        q.X!.CopyTo(compressed, 1);
        Assert.False(repo.Commit.VerifySignature(AtprotoKeys.FromCompressedPoint(AtprotoCurve.Secp256k1, compressed)));
        Assert.False((repo.Commit with { Rev = "3l2222222222b" }).VerifySignature(SigningKey));
    }

    [Fact]
    public async Task A_record_proof_proves_its_record_and_the_absence_of_others_on_its_path()
    {
        var path = Expected.GetProperty("proven").GetString()!.Split('/');
        var did = Expected.GetProperty("did").GetString()!;

        var record = await RecordProof.VerifyAsync(new MemoryStream(Proof), did, SigningKey, path[0], path[1]);

        Assert.NotNull(record);
        Assert.Equal(Expected.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("path").GetString() == string.Join('/', path)).GetProperty("cid").GetString(), record.Cid.ToString());
        await Assert.ThrowsAsync<RepositoryFormatException>(() => RecordProof.VerifyAsync(new MemoryStream(Proof), "did:plc:someoneelse", SigningKey, path[0], path[1]));
        // Another record's path leaves the nodes this proof holds: it proves nothing about it.
        await Assert.ThrowsAsync<RepositoryFormatException>(() => RecordProof.VerifyAsync(new MemoryStream(Proof), did, SigningKey, "app.bsky.feed.like", "3llik00000019"));
    }

    [Fact]
    public async Task A_tampered_or_truncated_car_is_refused_with_a_clear_error()
    {
        var tampered = Export.ToArray();
        tampered[^5] ^= 1; // a byte of the last block's data
        var e = await Assert.ThrowsAsync<RepositoryFormatException>(() => RepositoryExport.ReadAsync(new MemoryStream(tampered)));
        Assert.Contains("does not hash to its CID", e.Message, StringComparison.Ordinal);

        var truncated = Export[..^7];
        e = await Assert.ThrowsAsync<RepositoryFormatException>(() => RepositoryExport.ReadAsync(new MemoryStream(truncated)));
        Assert.Contains("ends inside", e.Message, StringComparison.Ordinal);

        e = await Assert.ThrowsAsync<RepositoryFormatException>(() => CarReader.OpenAsync(new MemoryStream([0xff, 0xff, 0xff, 0xff, 0x0f])));
        Assert.Contains("header", e.Message, StringComparison.Ordinal);

        e = await Assert.ThrowsAsync<RepositoryFormatException>(() => CarReader.OpenAsync(new MemoryStream([0x81, 0x00])));
        Assert.Contains("minimally", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_block_larger_than_the_limit_is_refused_before_it_is_read()
    {
        var reader = await CarReader.OpenAsync(new MemoryStream(Export), new CarReaderOptions { MaxBlockSize = 64 });
        await Assert.ThrowsAsync<RepositoryFormatException>(async () =>
        {
            await foreach (var _ in reader.ReadBlocksAsync())
            {
            }
        });
    }

    [Fact]
    public async Task Writing_the_blocks_back_gives_the_same_file()
    {
        var reader = await CarReader.OpenAsync(new MemoryStream(Export));
        using var output = new MemoryStream();
        var writer = await CarWriter.CreateAsync(output, reader.Roots);
        await foreach (var block in reader.ReadBlocksAsync())
        {
            await writer.WriteBlockAsync(block.Cid, block.Data);
        }

        Assert.Equal(Export, output.ToArray());
        await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteBlockAsync(reader.Roots[0], new byte[] { 1, 2, 3 }));
    }

    /// <summary>Mutated exports (fixed seed): read fully or refused with a RepositoryFormatException, never anything else.</summary>
    [Fact]
    public async Task Mutated_exports_are_read_or_refused_never_anything_else()
    {
        var random = new Random(1414);
        int read = 0, refused = 0;
        for (var i = 0; i < 400; i++)
        {
            var bytes = Export.ToList();
            for (var m = random.Next(1, 3); m > 0; m--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                    case 1: bytes.Insert(at, (byte)random.Next(256)); break;
                    default: bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at)); break;
                }
            }

            try
            {
                var repo = await RepositoryExport.ReadAsync(new MemoryStream(bytes.ToArray()));
                _ = repo.ListRecords().Count();
                read++;
            }
            catch (RepositoryFormatException)
            {
                refused++;
            }
        }

        Assert.True(refused > 0, $"{read} read, {refused} refused");
    }

    [Fact]
    public async Task A_car_in_memory_parses_to_the_same_blocks_as_the_stream_reader_reads()
    {
        var reader = await CarReader.OpenAsync(new MemoryStream(Export));
        var streamed = await reader.ReadBlocksAsync().ToListAsync();

        var parsed = CarReader.Parse(Export);

        Assert.Equal(reader.Roots, parsed.Roots);
        Assert.Equal(streamed.Select(b => b.Cid), parsed.Blocks.Select(b => b.Cid));
        Assert.All(parsed.Blocks.Zip(streamed), p => Assert.True(p.First.Data.Span.SequenceEqual(p.Second.Data.Span)));
        Assert.Throws<RepositoryFormatException>(() => CarReader.Parse(Export[..^3]));
        var tampered = Export.ToArray();
        tampered[^1] ^= 0x40;
        Assert.Contains("does not hash", Assert.Throws<RepositoryFormatException>(() => CarReader.Parse(tampered)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_back_to_back_decode_one_at_a_time()
    {
        byte[] frame = [.. DataModelValue.FromJson("""{"op": 1, "t": "#commit"}""").ToDagCbor(), .. DataModelValue.FromJson("""{"seq": 7}""").ToDagCbor()];

        var header = DagCbor.DecodeFirst(frame, out var consumed);
        var body = DagCbor.Decode(frame.AsMemory(consumed));

        Assert.Equal("#commit", header["t"]!.StringValue);
        Assert.Equal(7, body["seq"]!.IntegerValue);
        Assert.Throws<DagCborException>(() => DagCbor.Decode(frame)); // one value only
    }

    [Fact]
    public void Key_layers_are_the_spec_s()
    {
        foreach (var entry in Expected.GetProperty("keyDepths").EnumerateObject())
        {
            Assert.Equal(entry.Value.GetInt32(), MerkleSearchTree.Layer(entry.Name));
        }
    }
}
