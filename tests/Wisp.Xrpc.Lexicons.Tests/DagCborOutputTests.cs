using Wisp.Xrpc.DataModel;
using Wisp.Xrpc.Lexicons.Tests.Lexicons.App.Bsky.Feed;
using Wisp.Xrpc.Serialization;

namespace Wisp.Xrpc.Lexicons.Tests;

/// <summary>
/// The DAG-CBOR writer's fast path: keys written as they come (generated writers give them in DAG-CBOR's order, the
/// binder having decided it), each checked against the one before, <c>$type</c> held until its place; anything out
/// of order is written again by the Canonical writer, so the bytes are canonical either way.
/// </summary>
public sealed class DagCborOutputTests
{
    [Fact]
    public void Keys_in_order_are_written_as_they_come_and_type_waits_for_its_place()
    {
        var output = new DagCborOutput(canonical: false);
        var writer = new CborLexiconWriter(output);
        writer.WriteStartObject();
        writer.WriteType("com.example.thing"); // after "cid" and "uri", before "createdAt"
        writer.WritePropertyName("cid"u8);
        writer.WriteIntegerValue(1);
        writer.WritePropertyName("uri"u8);
        writer.WriteStartObject();
        writer.WriteType("com.example.inner"); // alone: written as the map ends
        writer.WriteEndObject();
        writer.WritePropertyName("createdAt");
        writer.WriteStringValue("now");
        writer.WriteEndObject();

        Assert.True(output.InOrder);
        var expected = DataModelValue.Map(new Dictionary<string, DataModelValue>
        {
            ["$type"] = DataModelValue.String("com.example.thing"),
            ["cid"] = DataModelValue.Integer(1),
            ["uri"] = DataModelValue.Map(new Dictionary<string, DataModelValue> { ["$type"] = DataModelValue.String("com.example.inner") }),
            ["createdAt"] = DataModelValue.String("now"),
        });
        Assert.Equal(expected.ToDagCbor(), output.Writer.Encode());
    }

    [Theory]
    [InlineData("text", "uri")] // longer before shorter
    [InlineData("uri", "cid")] // same length, bytes descending
    [InlineData("uri", "uri")] // twice
    [InlineData("createdAt", "$type")] // a $type given as a key, late
    public void A_key_out_of_order_is_noticed(string first, string second)
    {
        var output = new DagCborOutput(canonical: false);
        var writer = new CborLexiconWriter(output);
        writer.WriteStartObject();
        writer.WritePropertyName(first);
        writer.WriteNullValue();
        writer.WritePropertyName(second);
        writer.WriteNullValue();
        writer.WriteEndObject();

        Assert.False(output.InOrder);
    }

    [Fact]
    public void A_generated_record_with_every_property_writes_on_the_fast_path()
    {
        const string Json = """
            {"$type": "app.bsky.feed.post", "text": "hello @alice.test #atproto", "createdAt": "2024-11-26T12:34:56.789Z", "langs": ["en", "pt-BR"],
             "entities": [{"index": {"start": 6, "end": 17}, "type": "mention", "value": "did:plc:ewvi7nxzyoun6zhxrhs64oiz"}],
             "facets": [{"index": {"byteStart": 6, "byteEnd": 17}, "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:ewvi7nxzyoun6zhxrhs64oiz"}]},
                        {"index": {"byteStart": 18, "byteEnd": 26}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "atproto"}]}],
             "reply": {"root": {"uri": "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3k43tv4rft22g", "cid": "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a"},
                       "parent": {"uri": "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3k43tv4rft22g", "cid": "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a"}},
             "embed": {"$type": "app.bsky.embed.images", "images": [{"alt": "a cat", "aspectRatio": {"width": 1200, "height": 800},
                       "image": {"$type": "blob", "ref": {"$link": "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy"}, "mimeType": "image/jpeg", "size": 123456}}]},
             "labels": {"$type": "com.atproto.label.defs#selfLabels", "values": [{"val": "nudity"}]},
             "tags": ["cats", "keyboards"]}
            """;
        var post = Lexicon.Read<Post.Main>(Json);
        var output = new DagCborOutput(canonical: false);

        post.WriteTo(new CborLexiconWriter(output));

        Assert.True(output.InOrder);
        Assert.Equal(DataModelValue.FromJson(Json).ToDagCbor(), output.Writer.Encode());
    }

    [Fact]
    public void Undeclared_properties_are_sorted_in_and_a_declared_name_among_them_is_refused()
    {
        var post = new Post.Main
        {
            Text = "x",
            CreatedAt = "2024-01-01T00:00:00.000Z",
            ExtensionData = new Dictionary<string, DataModelValue> { ["a"] = DataModelValue.Integer(1), ["zzzzzzzzzzzz"] = DataModelValue.Integer(2), ["tags2"] = DataModelValue.Null },
        };

        var bytes = post.ToDagCbor();

        Assert.Equal(DataModelValue.FromJson(Lexicon.Write(post)).ToDagCbor(), bytes);
        Assert.Equal(DataModelValue.FromJson(Lexicon.Write(post)).ComputeCid(), post.ComputeCid());

        var clash = new Post.Main { Text = "x", CreatedAt = "2024-01-01T00:00:00.000Z", ExtensionData = new Dictionary<string, DataModelValue> { ["text"] = DataModelValue.String("y") } };
        Assert.Throws<InvalidOperationException>(() => clash.ToDagCbor());
    }

    [Fact]
    public void Json_keeps_type_first()
    {
        var post = new Post.Main { Text = "x", CreatedAt = "2024-01-01T00:00:00.000Z", Langs = ["en"] };

        Assert.Equal("""{"$type":"app.bsky.feed.post","text":"x","langs":["en"],"createdAt":"2024-01-01T00:00:00.000Z"}""", Lexicon.Write(post));
    }

    /// <summary>
    /// A Lax CborWriter writes U+FFFD for a lone surrogate; the Canonical one refused it. The fast path refuses it
    /// too, or a CID would name other text than the record holds (and two keys could encode to the same bytes).
    /// </summary>
    [Fact]
    public void A_lone_surrogate_is_refused_not_replaced()
    {
        var post = new Post.Main { Text = "cut in the middle of an emoji \uD83C", CreatedAt = "2024-01-01T00:00:00.000Z" };
        var twoKeys = DataModelValue.Map(new Dictionary<string, DataModelValue> { ["\uD800"] = DataModelValue.Integer(1), ["\uDC00"] = DataModelValue.Integer(2) });
        var inExtensionData = new Post.Main { Text = "x", CreatedAt = "2024-01-01T00:00:00.000Z", ExtensionData = new Dictionary<string, DataModelValue> { ["note"] = DataModelValue.String("\uDC00") } };

        Assert.Throws<ArgumentException>(() => post.ComputeCid());
        Assert.Throws<ArgumentException>(() => post.ToDagCbor());
        Assert.Throws<ArgumentException>(() => twoKeys.ToDagCbor());
        Assert.Throws<ArgumentException>(() => inExtensionData.ComputeCid());
        Assert.Equal(DataModelValue.String("fine 🎉").ToDagCbor(), Convert.FromHexString("6966696e6520f09f8e89"));
    }
}
