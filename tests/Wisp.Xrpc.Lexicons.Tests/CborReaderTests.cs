using System.Text.Json;
using Wisp.Xrpc.DataModel;
using Wisp.Xrpc.Lexicons.Tests.Lexicons.App.Bsky.Feed;
using Wisp.Xrpc.Lexicons.Tests.Lexicons.Com.Atproto.Repo;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Lexicons.Tests;

/// <summary>
/// The generated readers and writers over DAG-CBOR directly (one reader generic over the encoding): the same
/// messages as JSON for the same problem, unknown fields and unknown union members kept with their bytes and links
/// so both encodings hash alike, and hostile bytes refused with a clear error, never a crash or a hang.
/// </summary>
public sealed class CborReaderTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "data-model.json"))).RootElement;

    private const string Created = "\"createdAt\": \"2024-01-01T00:00:00.000Z\"";
    private const string Blob = "{\"$type\": \"blob\", \"ref\": {\"$link\": \"bafkreihdc6lwgtpj7mtpijgnsjlntneaole5p3vjapy2htd5k6tryjrocu\"}, \"mimeType\": \"image/jpeg\", \"size\": 10}";

    [Theory]
    [InlineData("{\"$type\": \"app.bsky.feed.post\", " + Created + "}")] // text missing
    [InlineData("{\"$type\": \"app.bsky.feed.post\", \"text\": 1, " + Created + "}")]
    [InlineData("{\"$type\": \"app.bsky.feed.post\", \"text\": \"x\", \"createdAt\": \"yesterday\"}")]
    [InlineData("{\"$type\": \"app.bsky.feed.post\", \"text\": \"x\", " + Created + ", \"langs\": [\"en\", 3]}")]
    [InlineData("{\"$type\": \"app.bsky.feed.post\", \"text\": \"x\", " + Created + ", \"langs\": [\"en\", \"not a language!\"]}")]
    [InlineData("{\"$type\": \"app.bsky.feed.post\", \"text\": \"x\", " + Created + ", \"langs\": \"en\"}")]
    [InlineData("{\"$type\": \"app.bsky.feed.post\", \"text\": \"x\", " + Created + ", \"embed\": {\"images\": []}}")] // union member without $type
    [InlineData("{\"$type\": \"app.bsky.feed.post\", \"text\": \"x\", " + Created + ", \"embed\": {\"$type\": \"app.bsky.embed.images\", \"images\": [{\"alt\": \"a\", \"image\": {\"$type\": \"blob\"}}]}}")]
    [InlineData("{\"$type\": \"app.bsky.feed.post\", \"text\": \"x\", " + Created + ", \"embed\": {\"$type\": \"app.bsky.embed.images\", \"images\": [{\"alt\": \"a\", \"image\": " + Blob + "}, {\"alt\": 2, \"image\": " + Blob + "}]}}")]
    [InlineData("{\"$type\": \"app.bsky.feed.post\", \"text\": \"x\", " + Created + ", \"reply\": {\"root\": {\"uri\": \"at://did:plc:a/app.bsky.feed.post/1\", \"cid\": \"nope\"}, \"parent\": {\"uri\": \"at://did:plc:a/app.bsky.feed.post/1\", \"cid\": \"nope\"}}}")]
    [InlineData("{\"$type\": \"app.bsky.feed.post\", \"text\": \"x\", " + Created + ", \"facets\": [{\"index\": {\"byteStart\": 0, \"byteEnd\": 1}, \"features\": [{\"$type\": \"app.bsky.richtext.facet#link\"}]}]}")]
    [InlineData("{\"$type\": \"app.bsky.feed.post\", \"text\": \"x\", " + Created + ", \"labels\": {\"$type\": \"com.atproto.label.defs#selfLabels\", \"values\": [{\"val\": true}]}}")]
    public void An_invalid_record_gets_the_same_message_from_either_encoding(string json)
    {
        var cbor = DataModelValue.FromJson(json).ToDagCbor();

        var fromJson = Assert.Throws<LexiconValidationException>(() => Lexicon.Read<Post.Main>(json));
        var fromCbor = Assert.Throws<LexiconValidationException>(() => LexiconCbor.ReadDagCbor<Post.Main>(cbor));

        Assert.Equal(fromJson.Message, fromCbor.Message);
    }

    [Fact]
    public void Unknown_fields_and_members_keep_their_bytes_and_links_and_both_encodings_hash_alike()
    {
        var json = """
            {"$type": "app.bsky.feed.post", "text": "x", "createdAt": "2024-01-01T00:00:00.000Z",
             "zz": {"$bytes": "AAEC"}, "link": {"$link": "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a"},
             "nested": [{"deep": {"$bytes": "/w"}}, null, true, -7],
             "embed": {"$type": "com.example.newEmbed", "data": {"$bytes": "AQ"}, "ref": {"$link": "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a"}}}
            """;
        var expected = DataModelValue.FromJson(json);

        var fromJson = Lexicon.Read<Post.Main>(json);
        var fromCbor = LexiconCbor.ReadDagCbor<Post.Main>(expected.ToDagCbor());

        Assert.Equal(DataModelKind.Bytes, fromJson.ExtensionData!["zz"].Kind);
        Assert.Equal(DataModelKind.Link, fromCbor.ExtensionData!["link"].Kind);
        var unknown = Assert.IsType<Post.Main.IEmbed.Unknown>(fromCbor.Embed);
        Assert.Equal("com.example.newEmbed", unknown.Type);
        Assert.Equal(DataModelKind.Bytes, unknown.Value["data"]!.Kind);
        Assert.Equal(expected.ToDagCbor(), fromJson.ToDagCbor());
        Assert.Equal(expected.ToDagCbor(), fromCbor.ToDagCbor());
        Assert.Equal(expected.ComputeCid(), fromJson.ComputeCid());
        Assert.Equal(expected, DataModelValue.FromJson(Lexicon.Write(fromCbor)));
    }

    [Fact]
    public void A_union_member_or_a_record_drops_its_own_type_a_plain_object_keeps_it_and_both_encodings_write_back_the_same_bytes()
    {
        // $type last in some objects (JSON keys come in any order). recordWithMedia's "record" is a plain ref to a type
        // that is elsewhere a union member; facets and the reply's refs are plain objects that happen to say their type.
        const string StrongRef = "\"uri\": \"at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3k43tv4rft22g\", \"cid\": \"bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a\"";
        var json = $$"""
            {"text": "x", "createdAt": "2024-01-01T00:00:00.000Z", "$type": "app.bsky.feed.post",
             "reply": {"$type": "app.bsky.feed.post#replyRef", "root": {"$type": "com.atproto.repo.strongRef", {{StrongRef}}}, "parent": { {{StrongRef}} } },
             "embed": {"record": {"record": { {{StrongRef}} }, "$type": "app.bsky.embed.record"},
                       "media": {"images": [{"alt": "a", "image": {{Blob}} }], "$type": "app.bsky.embed.images"},
                       "$type": "app.bsky.embed.recordWithMedia"},
             "facets": [{"features": [{"tag": "a", "$type": "app.bsky.richtext.facet#tag"}], "index": {"byteStart": 0, "byteEnd": 1}, "$type": "app.bsky.richtext.facet"}]}
            """;
        var expected = DataModelValue.FromJson(json);

        foreach (var post in new[] { Lexicon.Read<Post.Main>(json), LexiconCbor.ReadDagCbor<Post.Main>(expected.ToDagCbor()) })
        {
            Assert.Null(post.ExtensionData); // the record's own $type
            var embed = Assert.IsType<Lexicons.App.Bsky.Embed.RecordWithMedia.Main>(post.Embed);
            Assert.Null(embed.ExtensionData); // a union member's
            Assert.Null(Assert.IsType<Lexicons.App.Bsky.Embed.Images.Main>(embed.Media).ExtensionData);
            Assert.Null(Assert.IsType<Lexicons.App.Bsky.Richtext.Facet.Tag>(post.Facets![0].Features[0]).ExtensionData);
            Assert.Equal("app.bsky.embed.record", embed.Record.ExtensionData!["$type"]!.StringValue); // plain refs keep theirs
            Assert.Equal("app.bsky.richtext.facet", post.Facets[0].ExtensionData!["$type"]!.StringValue);
            Assert.Equal("app.bsky.feed.post#replyRef", post.Reply!.ExtensionData!["$type"]!.StringValue);
            Assert.Equal("com.atproto.repo.strongRef", post.Reply.Root.ExtensionData!["$type"]!.StringValue);
            Assert.Null(post.Reply.Parent.ExtensionData);

            Assert.Equal(expected.ToDagCbor(), post.ToDagCbor());
            Assert.Equal(expected, DataModelValue.FromJson(Lexicon.Write(post)));
        }
    }

    [Fact]
    public void An_unknown_value_read_from_cbor_is_a_data_model_value()
    {
        var json = """{"repo": "did:plc:alice", "collection": "app.bsky.feed.post", "record": {"$type": "app.bsky.feed.post", "sig": {"$bytes": "AAEC"}}}""";

        var input = LexiconCbor.ReadDagCbor<CreateRecord.Input>(DataModelValue.FromJson(json).ToDagCbor(), "Input");

        Assert.Equal(DataModelKind.Bytes, input.Record["sig"]!.Kind);
        Assert.Equal(DataModelValue.FromJson(json), DataModelValue.FromJson(Lexicon.Write(input)));
    }

    [Fact]
    public void A_record_of_another_type_is_not_read_as_this_one()
    {
        const string Json = """{"$type": "app.bsky.feed.like", "text": "x", "createdAt": "2024-01-01T00:00:00.000Z"}""";

        var fromJson = Assert.Throws<LexiconValidationException>(() => Lexicon.Read<Post.Main>(Json));
        var fromCbor = Assert.Throws<LexiconValidationException>(() => LexiconCbor.ReadDagCbor<Post.Main>(DataModelValue.FromJson(Json).ToDagCbor()));

        Assert.Equal("Record/$type must be \"app.bsky.feed.post\"", fromJson.Message);
        Assert.Equal(fromJson.Message, fromCbor.Message);
    }

    [Fact]
    public void A_float_in_an_unknown_field_is_refused_from_json_with_its_path()
    {
        var error = Assert.Throws<LexiconValidationException>(() => Lexicon.Read<Post.Main>("""{"$type": "app.bsky.feed.post", "text": "x", "createdAt": "2024-01-01T00:00:00.000Z", "score": 1.5}"""));

        Assert.StartsWith("Record/score must be a data-model value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a2647465787461786474657874617a")] // {"text": "x", "text": "z"}: a duplicate key
    [InlineData("a2652474797065726170702e62736b792e666565642e706f737464746578746178")] // {"$type", "text"}: keys out of DAG-CBOR's order (shorter first)
    [InlineData("bf64746578746178ff")] // an indefinite-length map
    [InlineData("a1647465787479")] // truncated
    [InlineData("a164746578747b7fffffffffffffff")] // a string declaring 2^63 bytes
    [InlineData("a1617a99ffff")] // an undeclared property: an array declaring 65,535 items in no bytes
    [InlineData("a1617afb3ff8000000000000")] // an undeclared property: a float
    [InlineData("a1617af7")] // an undeclared property: undefined
    [InlineData("a1617ad82a4100")] // a tag 42 that is no CID
    [InlineData("a1617ad9010000")] // a tag other than 42
    public void Non_canonical_or_malformed_cbor_is_a_dag_cbor_error(string hex)
    {
        Assert.Throws<DagCborException>(() => LexiconCbor.ReadDagCbor<Post.Main>(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Deep_nesting_is_refused_before_the_stack_is()
    {
        // {"z": [[[[ ... ]]]]}: 100,000 levels inside an undeclared property, read before anything else.
        byte[] nested = [0xa4, 0x61, (byte)'z', .. Enumerable.Repeat((byte)0x81, 100_000)];

        var error = Assert.ThrowsAny<Exception>(() => LexiconCbor.ReadDagCbor<Post.Main>(nested));

        Assert.IsType<DagCborException>(error);
    }

    [Fact]
    public void Mutated_records_are_refused_cleanly_or_read_back_to_the_same_bytes()
    {
        var random = new Random(14);
        var inputs = Vectors.GetProperty("vectors").EnumerateArray()
            .Where(v => v.GetProperty("name").GetString()!.StartsWith("post", StringComparison.Ordinal))
            .Select(v => Convert.FromHexString(v.GetProperty("cbor").GetString()!))
            .ToList();
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = (byte[])inputs[i % inputs.Count].Clone();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                switch (random.Next(3))
                {
                    case 0:
                        bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                        break;
                    case 1:
                        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                        break;
                    default:
                        bytes = bytes[..Math.Max(1, random.Next(bytes.Length))];
                        break;
                }
            }

            try
            {
                var post = LexiconCbor.ReadDagCbor<Post.Main>(bytes);
                // What was accepted is written back byte for byte; a record that came without its $type gains it.
                var value = DataModelValue.FromDagCbor(bytes);
                var expected = value["$type"] is null
                    ? DataModelValue.Map([.. value.Entries, new("$type", DataModelValue.String(Post.Id))]).ToDagCbor()
                    : bytes;
                Assert.True(expected.AsSpan().SequenceEqual(post.ToDagCbor()), $"{value}\n{DataModelValue.FromDagCbor(post.ToDagCbor())}");
                accepted++;
            }
            catch (Exception e) when (e is DagCborException or LexiconValidationException)
            {
            }
        }

        Assert.InRange(accepted, 1, 19_999);
    }
}
