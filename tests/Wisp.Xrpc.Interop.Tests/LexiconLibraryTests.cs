using Wisp.Xrpc.Fixtures.Bookmarks;
using Wisp.Xrpc.Fixtures.Reactions;
using Wisp.Xrpc.Interop.Tests.Lexicons.Com.Example.Interop;
using Wisp.Xrpc.Lexicons.App.Bsky.Feed;
using Wisp.Xrpc.Lexicons.Com.Atproto.Repo;
using Wisp.Xrpc.Serialization;
using Wisp.Xrpc.Validation;
using Atproto = Wisp.Xrpc.Lexicons;
using static Wisp.Xrpc.Lexicons.Tests.Lexicon;

namespace Wisp.Xrpc.Interop.Tests;

/// <summary>
/// This project's lexicons ref AT Protocol's and are built against the prebuilt package, with no atproto file copied
/// (the build itself is the first test: 0 errors, 0 warnings). Records round-trip through both libraries' types.
/// </summary>
public sealed class LexiconLibraryTests
{
    private const string Cid = "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a";
    private const string Did = "did:plc:ewvi7nxzyoun6zhxrhs64oiz";

    private const string Post = $$$"""
        {"$type": "app.bsky.feed.post",
         "text": "hello @alice.example.com see https://example.com #atproto",
         "createdAt": "2026-11-26T12:34:56.789Z",
         "langs": ["en"],
         "facets": [
           {"index": {"byteStart": 6, "byteEnd": 24}, "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "{{{Did}}}"}]},
           {"index": {"byteStart": 29, "byteEnd": 48}, "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://example.com"}]},
           {"index": {"byteStart": 49, "byteEnd": 57}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "atproto"}]}
         ],
         "embed": {"$type": "app.bsky.embed.images", "images": [
           {"alt": "a cat", "image": {"$type": "blob", "ref": {"$link": "{{{Cid}}}"}, "mimeType": "image/jpeg", "size": 123456}, "aspectRatio": {"width": 1200, "height": 800}}]},
         "reply": {"root": {"uri": "at://{{{Did}}}/app.bsky.feed.post/3k43tv4rft22g", "cid": "{{{Cid}}}"},
                   "parent": {"uri": "at://{{{Did}}}/app.bsky.feed.post/3k43tv4rft22g", "cid": "{{{Cid}}}"}},
         "labels": {"$type": "com.atproto.label.defs#selfLabels", "values": [{"val": "graphic-media"}]}}
        """;

    [Fact]
    public void A_note_reusing_facets_embeds_replies_and_labels_round_trips_unchanged()
    {
        var json = Post.Replace("{\"$type\": \"app.bsky.feed.post\"", "{\"$type\": \"com.example.interop.note\"", StringComparison.Ordinal);
        Assert.Contains("com.example.interop.note", json, StringComparison.Ordinal);

        var note = Read<Note.Main>(json);

        var images = Assert.IsType<Note.Main.IEmbed.Images>(note.Embed).Value;
        Assert.Equal("a cat", images.Images[0].Alt);
        Assert.IsType<Atproto.App.Bsky.Richtext.Facet.Mention>(note.Facets![0].Features[0]);
        Assert.Equal("graphic-media", Assert.IsType<Note.Main.ILabels.SelfLabels>(note.Labels).Value.Values[0].Val);
        AssertSameJson(json, Write(note));
    }

    [Fact]
    public void A_bluesky_post_becomes_a_note_through_both_libraries_types_and_back()
    {
        var post = Read<Post.Main>(Post);

        // The same C# objects move from the package's record to this project's: no copy, no conversion.
        var note = new Note.Main
        {
            Text = post.Text,
            Facets = post.Facets,
            Reply = post.Reply,
            Embed = post.Embed is Post.Main.IEmbed.Unknown ? null : post.Embed switch
            {
                Atproto.App.Bsky.Embed.Images.Main images => new Note.Main.IEmbed.Images(images),
                Atproto.App.Bsky.Embed.External.Main external => new Note.Main.IEmbed.External(external),
                _ => null,
            },
            Labels = post.Labels is Atproto.Com.Atproto.Label.Defs.SelfLabels self ? new Note.Main.ILabels.SelfLabels(self) : null,
            Langs = post.Langs,
            CreatedAt = post.CreatedAt,
        };

        var written = Write(note);
        var back = Read<Note.Main>(written);
        Assert.Equal(Write(post).Replace("\"$type\":\"app.bsky.feed.post\"", "\"$type\":\"com.example.interop.note\"", StringComparison.Ordinal), written);
        Assert.Equal(post.Facets!.Count, back.Facets!.Count);
    }

    [Fact]
    public void A_note_is_validated_by_the_package_s_rules_for_what_it_reuses()
    {
        // app.bsky.embed.images allows at most 4 images; app.bsky.richtext.facet#mention needs a DID.
        var tooMany = $$$"""{"$type": "com.example.interop.note", "text": "x", "createdAt": "2026-11-26T12:34:56Z", "embed": {"$type": "app.bsky.embed.images", "images": [{{{string.Join(",", Enumerable.Repeat($$$"""{"alt": "", "image": {"$type": "blob", "ref": {"$link": "{{{Cid}}}"}, "mimeType": "image/png", "size": 1}}""", 5))}}}]}}""";
        var badMention = """{"$type": "com.example.interop.note", "text": "x", "createdAt": "2026-11-26T12:34:56Z", "facets": [{"index": {"byteStart": 0, "byteEnd": 1}, "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "alice"}]}]}""";

        Assert.Contains("Record/embed/images", Assert.Throws<LexiconValidationException>(() => Read<Note.Main>(tooMany)).Message, StringComparison.Ordinal);
        Assert.Contains("did", Assert.Throws<LexiconValidationException>(() => Read<Note.Main>(badMention)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pin_holds_a_strong_ref_labels_and_a_known_value_string_of_the_package()
    {
        var json = $$$"""
            {"$type": "com.example.interop.pin",
             "subject": {"uri": "at://{{{Did}}}/app.bsky.feed.post/3k43tv4rft22g", "cid": "{{{Cid}}}"},
             "reason": "com.atproto.moderation.defs#reasonSpam",
             "labels": [{"src": "{{{Did}}}", "uri": "at://{{{Did}}}/app.bsky.feed.post/3k43tv4rft22g", "val": "spam", "cts": "2026-11-26T12:34:56.789Z"}],
             "createdAt": "2026-11-26T12:34:56.789Z"}
            """;

        // com.example.interop.pin is also the namespace of com.example.interop.pin.list: its class is PinLexicon (WXRPC200).
        var pin = Read<PinLexicon.Main>(json);

        StrongRef.Main subject = pin.Subject; // the package's type, not a copy
        Assert.Equal(Cid, subject.Cid);
        Assert.Equal(Atproto.Com.Atproto.Moderation.Defs.ReasonType.ReasonSpam, pin.Reason);
        Assert.Equal("spam", pin.Labels![0].Val);
        AssertSameJson(json, Write(pin));
    }

    [Fact]
    public void Two_libraries_that_reference_the_package_exchange_one_StrongRef()
    {
        var subject = new StrongRef.Main { Uri = $"at://{Did}/app.bsky.feed.post/3k43tv4rft22g", Cid = Cid };
        var bookmark = Bookmarks.Save(subject, new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

        // The bookmark library's StrongRef goes straight into the reactions library's record.
        var reaction = Reactions.React(Bookmarks.SubjectOf(bookmark), "👍", bookmark.CreatedAt);

        Assert.Same(subject, reaction.Subject);
        Assert.Equal(typeof(StrongRef.Main), typeof(Wisp.Xrpc.Fixtures.Reactions.Lexicons.Com.Example.Reactions.Reaction.Main).GetProperty("Subject")!.PropertyType);
        Assert.Equal(typeof(StrongRef.Main), typeof(Wisp.Xrpc.Fixtures.Bookmarks.Lexicons.Com.Example.Bookmarks.Saved.Main).GetProperty("Subject")!.PropertyType);
        var json = Write(reaction);
        Assert.Equal(subject.Uri, Read<Wisp.Xrpc.Fixtures.Reactions.Lexicons.Com.Example.Reactions.Reaction.Main>(json).Subject.Uri);
    }

    [Fact]
    public void Every_library_records_its_own_lexicons_and_none_of_the_package_s()
    {
        static HashSet<string> Recorded(System.Reflection.Assembly assembly) =>
            assembly.GetCustomAttributes(typeof(XrpcLexiconAttribute), false).Cast<XrpcLexiconAttribute>().Select(a => a.Nsid).ToHashSet();

        Assert.Equal(["com.example.interop.note", "com.example.interop.pin", "com.example.interop.pin.list"], Recorded(typeof(Note).Assembly).Order());
        Assert.Equal(["com.example.bookmarks.getSaved", "com.example.bookmarks.saved"], Recorded(typeof(Bookmarks).Assembly).Order());
        var package = Recorded(typeof(StrongRef).Assembly);
        Assert.Equal(402, package.Count);
        Assert.Contains("app.bsky.feed.getFeedSkeleton", package);
    }
}
