using System.Text.Json;
using Wisp.Xrpc.DataModel;
using Wisp.Xrpc.Lexicons.Tests.Lexicons.App.Bsky.Actor;
using Wisp.Xrpc.Lexicons.Tests.Lexicons.App.Bsky.Feed;
using Wisp.Xrpc.Lexicons.Tests.Lexicons.App.Bsky.Graph;
using Wisp.Xrpc.Repository;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Lexicons.Tests;

/// <summary>
/// Generated types in DAG-CBOR: the reference's bytes read into them, validated as JSON is, written back to the same
/// bytes, and their CIDs the reference's; every record of the reference's repository read into its type.
/// </summary>
public sealed class LexiconCborTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "data-model.json"))).RootElement;

    [Theory]
    [InlineData("post: plain")]
    [InlineData("post: facets and emoji")]
    [InlineData("post: images")]
    [InlineData("post: reply, quote and self-labels")]
    [InlineData("post: external embed with thumb")]
    public void A_post_read_from_the_reference_s_cbor_writes_the_same_bytes_and_cid(string name) =>
        RoundTrip<Post.Main>(name);

    [Fact]
    public void A_profile_like_and_follow_round_trip_alike()
    {
        RoundTrip<Profile.Main>("profile");
        RoundTrip<Like.Main>("like");
        RoundTrip<Follow.Main>("follow");
    }

    [Fact]
    public void Cbor_is_validated_exactly_as_json_is()
    {
        var json = """{"$type": "app.bsky.feed.post", "text": "x", "createdAt": "not a date"}""";
        var cbor = DataModelValue.FromJson(json).ToDagCbor();

        var fromJson = Assert.Throws<LexiconValidationException>(() => Lexicon.Read<Post.Main>(json));
        var fromCbor = Assert.Throws<LexiconValidationException>(() => LexiconCbor.ReadDagCbor<Post.Main>(cbor));
        Assert.Equal(fromJson.Message, fromCbor.Message);
        Assert.Throws<DagCborException>(() => LexiconCbor.ReadDagCbor<Post.Main>(new byte[] { 0xfb, 0, 0, 0, 0, 0, 0, 0, 0 }));
    }

    [Fact]
    public async Task Every_record_of_the_reference_s_repository_reads_into_its_type_and_keeps_its_cid()
    {
        var repo = await RepositoryExport.ReadAsync(new MemoryStream(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "vectors", "repo.car"))));
        var count = 0;
        foreach (var record in repo.ListRecords())
        {
            var cid = record.Collection switch
            {
                Post.Id => record.Read<Post.Main>().ComputeCid(),
                Like.Id => record.Read<Like.Main>().ComputeCid(),
                Profile.Id => record.Read<Profile.Main>().ComputeCid(),
                Follow.Id => record.Read<Follow.Main>().ComputeCid(),
                var other => throw new InvalidOperationException(other),
            };
            Assert.Equal(record.Cid, cid);
            count++;
        }

        Assert.Equal(82, count);
    }

    private static void RoundTrip<T>(string name)
        where T : Wisp.Xrpc.Serialization.ILexiconObject<T>
    {
        var vector = Vectors.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);
        var cbor = Convert.FromHexString(vector.GetProperty("cbor").GetString()!);

        var value = LexiconCbor.ReadDagCbor<T>(cbor);

        Assert.Equal(vector.GetProperty("cbor").GetString(), Convert.ToHexStringLower(value.ToDagCbor()));
        Assert.Equal(vector.GetProperty("cid").GetString(), value.ComputeCid().ToString());
        Assert.Equal(value.ComputeCid(), Lexicon.Read<T>(vector.GetProperty("json").GetRawText()).ComputeCid());
    }
}
