using Wisp.Xrpc.Lexicons.Tests.Lexicons.App.Bsky.Actor;
using Wisp.Xrpc.Lexicons.Tests.Lexicons.App.Bsky.Embed;
using Wisp.Xrpc.Lexicons.Tests.Lexicons.App.Bsky.Feed;
using Wisp.Xrpc.Lexicons.Tests.Lexicons.App.Bsky.Richtext;
using Wisp.Xrpc.Lexicons.Tests.Lexicons.Com.Atproto.Repo;
using static Wisp.Xrpc.Lexicons.Tests.Lexicon;

namespace Wisp.Xrpc.Lexicons.Tests;

/// <summary>Realistic records through the generated types of the real atproto lexicons: nothing lost, nothing added.</summary>
public sealed class RoundTripTests
{
    private const string Cid = "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy";

    private const string PostWithFacetsAndImages = $$$"""
        {
          "$type": "app.bsky.feed.post",
          "text": "hello @alice.example.com see https://example.com 🎉 #atproto",
          "createdAt": "2024-11-26T12:34:56.789Z",
          "langs": ["en", "pt-BR"],
          "facets": [
            {"index": {"byteStart": 6, "byteEnd": 24},
             "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:ewvi7nxzyoun6zhxrhs64oiz"}]},
            {"index": {"byteStart": 29, "byteEnd": 48},
             "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://example.com"}]},
            {"index": {"byteStart": 54, "byteEnd": 62},
             "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "atproto"},
                          {"$type": "com.example.facet#sparkle", "intensity": 11, "colors": ["gold"]}]}
          ],
          "embed": {
            "$type": "app.bsky.embed.images",
            "images": [
              {"alt": "a cat",
               "image": {"$type": "blob", "ref": {"$link": "{{{Cid}}}"}, "mimeType": "image/jpeg", "size": 123456},
               "aspectRatio": {"width": 1200, "height": 800}}
            ]
          },
          "reply": {
            "root": {"uri": "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3k43tv4rft22g", "cid": "{{{Cid}}}"},
            "parent": {"uri": "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3k43tv4rft22g", "cid": "{{{Cid}}}"}
          },
          "via": "a future client field the lexicon does not declare",
          "nested": {"kept": [1, -25, null, true, {"$bytes": "AQI"}]}
        }
        """;

    [Fact]
    public void A_post_with_facets_an_image_embed_a_reply_and_unknown_fields_round_trips_unchanged()
    {
        var post = Read<Post.Main>(PostWithFacetsAndImages);

        Assert.Equal("2024-11-26T12:34:56.789Z", post.CreatedAt);
        var facets = post.Facets!;
        Assert.IsType<Facet.Mention>(Assert.Single(facets[0].Features));
        Assert.Equal("https://example.com", Assert.IsType<Facet.Link>(Assert.Single(facets[1].Features)).Uri);
        var unknown = Assert.IsType<Facet.Main.IFeatures.Unknown>(facets[2].Features[1]);
        Assert.Equal("com.example.facet#sparkle", unknown.Type);
        var images = Assert.IsType<Images.Main>(post.Embed);
        var blob = images.Images[0].ImageValue;
        Assert.Equal((Cid, "image/jpeg", 123456L), (blob.Ref.Cid, blob.MimeType, blob.Size));
        Assert.Contains("via", post.ExtensionData!.Keys);

        AssertSameJson(PostWithFacetsAndImages, Write(post));
    }

    [Fact]
    public void A_post_whose_embed_is_of_an_unknown_type_keeps_it_and_writes_it_back()
    {
        const string json = """
            {"$type": "app.bsky.feed.post", "text": "", "createdAt": "2024-11-26T12:34:56Z",
             "embed": {"$type": "com.example.embed.poll", "question": "tabs?", "options": ["yes", "no"], "deep": {"$type": "x.y.z", "n": 1}}}
            """;
        var post = Read<Post.Main>(json);

        var embed = Assert.IsType<Post.Main.IEmbed.Unknown>(post.Embed);
        Assert.Equal("com.example.embed.poll", embed.Type);
        AssertSameJson(json, Write(post));
    }

    [Fact]
    public void A_profile_with_blobs_self_labels_and_a_pinned_post_round_trips_unchanged()
    {
        const string json = $$$"""
            {"$type": "app.bsky.actor.profile",
             "displayName": "Alice 🌸",
             "description": "writes about lexicons",
             "avatar": {"$type": "blob", "ref": {"$link": "{{{Cid}}}"}, "mimeType": "image/png", "size": 54321},
             "banner": {"$type": "blob", "ref": {"$link": "{{{Cid}}}"}, "mimeType": "image/jpeg", "size": 999999},
             "labels": {"$type": "com.atproto.label.defs#selfLabels", "values": [{"val": "!no-unauthenticated"}]},
             "pinnedPost": {"uri": "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3k43tv4rft22g", "cid": "{{{Cid}}}"},
             "createdAt": "2023-04-01T00:00:00.000Z"}
            """;
        var profile = Read<Profile.Main>(json);

        Assert.Equal("image/png", profile.Avatar!.MimeType);
        var labels = Assert.IsType<Lexicons.Com.Atproto.Label.Defs.SelfLabels>(profile.Labels);
        Assert.Equal("!no-unauthenticated", labels.Values[0].Val);
        Assert.IsType<StrongRef.Main>(profile.PinnedPost);
        AssertSameJson(json, Write(profile));
    }

    [Fact]
    public void A_record_is_written_with_its_type_even_when_built_in_code()
    {
        var post = new Post.Main { Text = "hi", CreatedAt = "2024-11-26T12:34:56Z" };

        AssertSameJson("""{"$type": "app.bsky.feed.post", "text": "hi", "createdAt": "2024-11-26T12:34:56Z"}""", Write(post));
        Assert.Equal("tid", Post.RecordKey);
    }

    [Fact]
    public void A_union_member_built_in_code_is_written_with_its_type()
    {
        var post = new Post.Main
        {
            Text = "see",
            CreatedAt = "2024-11-26T12:34:56Z",
            Embed = new External.Main { External = new External.ExternalDef { Uri = "https://example.com", Title = "Example", Description = "" } },
        };

        AssertSameJson(
            """{"$type": "app.bsky.feed.post", "text": "see", "createdAt": "2024-11-26T12:34:56Z", "embed": {"$type": "app.bsky.embed.external", "external": {"uri": "https://example.com", "title": "Example", "description": ""}}}""",
            Write(post));
    }

    [Fact]
    public void A_legacy_blob_is_read_with_size_minus_one_and_written_in_the_current_form()
    {
        const string json = $$$"""{"$type": "app.bsky.actor.profile", "avatar": {"cid": "{{{Cid}}}", "mimeType": "image/jpeg"}}""";
        var profile = Read<Profile.Main>(json);

        Assert.True(profile.Avatar!.IsLegacy);
        Assert.Equal(-1, profile.Avatar.Size);
        AssertSameJson(
            $$$"""{"$type": "app.bsky.actor.profile", "avatar": {"$type": "blob", "ref": {"$link": "{{{Cid}}}"}, "mimeType": "image/jpeg", "size": -1}}""",
            Write(profile));
    }

    [Fact]
    public void Bytes_and_cid_links_round_trip_in_their_json_forms()
    {
        // com.atproto.sync.subscribeRepos#commit: blocks are bytes, commit and blobs are cid-links.
        const string json = $$$"""
            {"seq": 42, "rebase": false, "tooBig": false, "repo": "did:plc:ewvi7nxzyoun6zhxrhs64oiz",
             "commit": {"$link": "{{{Cid}}}"}, "rev": "3k43tv4rft22g", "since": null,
             "blocks": {"$bytes": "AAECAwQFBgc"}, "ops": [], "blobs": [{"$link": "{{{Cid}}}"}],
             "time": "2024-11-26T12:34:56.789Z"}
            """;
        var commit = Read<Lexicons.Com.Atproto.Sync.SubscribeRepos.Commit>(json);

        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7 }, commit.Blocks);
        Assert.Equal(Cid, commit.CommitValue.Cid);
        Assert.Null(commit.Since);
        AssertSameJson(json, Write(commit));
    }

    [Fact]
    public void A_closed_union_rejects_a_type_it_does_not_name()
    {
        const string json = """
            {"repo": "alice.example.com", "writes": [{"$type": "com.example.write#upsert", "collection": "app.bsky.feed.post", "value": {}}]}
            """;

        var error = Assert.Throws<Validation.LexiconValidationException>(() => Read<ApplyWrites.Input>(json, "Input"));
        Assert.Equal("Input/writes/0 $type must be one of com.atproto.repo.applyWrites#create, com.atproto.repo.applyWrites#update, com.atproto.repo.applyWrites#delete", error.Message);
    }

    [Fact]
    public void A_union_member_without_type_is_rejected_like_the_reference_does()
    {
        const string json = """{"$type": "app.bsky.feed.post", "text": "", "createdAt": "2024-11-26T12:34:56Z", "embed": {"images": []}}""";

        var error = Assert.Throws<Validation.LexiconValidationException>(() => Read<Post.Main>(json));
        Assert.Equal("Record/embed must be an object which includes the \"$type\" property", error.Message);
    }

    [Fact]
    public void Absent_null_and_a_value_are_three_states_where_the_lexicon_allows_null()
    {
        // subscribeRepos#commit: "since" is required and nullable.
        var withNull = Read<Lexicons.Com.Atproto.Sync.SubscribeRepos.Commit>(CommitWith("\"since\": null,"));
        var withValue = Read<Lexicons.Com.Atproto.Sync.SubscribeRepos.Commit>(CommitWith("\"since\": \"3k43tv4rft22g\","));
        var error = Assert.Throws<Validation.LexiconValidationException>(() => Read<Lexicons.Com.Atproto.Sync.SubscribeRepos.Commit>(CommitWith(string.Empty)));

        Assert.Null(withNull.Since);
        Assert.Equal("3k43tv4rft22g", withValue.Since);
        Assert.Equal("Record must have the property \"since\"", error.Message);
        Assert.Contains("\"since\":null", Write(withNull), StringComparison.Ordinal);
    }

    [Fact]
    public void An_optional_nullable_property_keeps_absent_null_and_a_value_apart()
    {
        // com.atproto.repo.putRecord#swapRecord: absent skips the check, null asks that no record exists yet.
        const string head = """{"repo": "alice.example.com", "collection": "app.bsky.feed.post", "rkey": "3k43tv4rft22g", "record": {}""";
        var absent = Read<PutRecord.Input>(head + "}", "Input");
        var isNull = Read<PutRecord.Input>(head + ", \"swapRecord\": null}", "Input");
        var value = Read<PutRecord.Input>(head + $", \"swapRecord\": \"{Cid}\"}}", "Input");

        Assert.False(absent.SwapRecord.IsPresent);
        Assert.True(isNull.SwapRecord.IsPresent);
        Assert.Null(isNull.SwapRecord.Value);
        Assert.Equal(Cid, value.SwapRecord.Value);
        AssertSameJson(head + "}", Write(absent));
        AssertSameJson(head + ", \"swapRecord\": null}", Write(isNull));
        AssertSameJson(head + $", \"swapRecord\": \"{Cid}\"}}", Write(value));
        Assert.Equal("Input/swapRecord must be a valid CID", Assert.Throws<Validation.LexiconValidationException>(() => Read<PutRecord.Input>(head + ", \"swapRecord\": \"x\"}", "Input")).Message);
    }

    private static string CommitWith(string since) => $$$"""
        {"seq": 1, "rebase": false, "tooBig": false, "repo": "did:plc:ewvi7nxzyoun6zhxrhs64oiz", "commit": {"$link": "{{{Cid}}}"},
         "rev": "3k43tv4rft22g", {{{since}}} "blocks": {"$bytes": ""}, "ops": [], "blobs": [], "time": "2024-11-26T12:34:56Z"}
        """;
}

/// <summary>Strings with knownValues stay open strings; their values are named as constants.</summary>
public sealed class KnownValuesTests
{
    [Fact]
    public void Known_values_are_constants_and_other_values_are_still_accepted()
    {
        Assert.Equal("com.atproto.moderation.defs#reasonSpam", Lexicons.Com.Atproto.Moderation.Defs.ReasonType.ReasonSpam);
        Assert.Equal("spam", Lexicons.Com.Example.Constraints.Main.ReasonValues.Spam); // knownValues written on a property
        // A property that refers to the named string gets no copy of its constants.
        Assert.Null(typeof(Lexicons.Com.Atproto.Moderation.CreateReport.Input).GetNestedType("ReasonTypeValues"));

        var input = Read<Lexicons.Com.Atproto.Moderation.CreateReport.Input>("""
            {"reasonType": "com.example.reasons#somethingNew", "subject": {"$type": "com.atproto.admin.defs#repoRef", "did": "did:plc:ewvi7nxzyoun6zhxrhs64oiz"}}
            """, "Input");
        Assert.Equal("com.example.reasons#somethingNew", input.ReasonType);
    }

    [Fact]
    public void Properties_are_read_in_any_order_with_undeclared_ones_between_them()
    {
        var json = """
            {"via": {"uri": "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3k43tv4rft22g", "cid": "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy"},
             "note": "undeclared",
             "createdAt": "2024-11-26T12:34:56.789Z",
             "subject": {"cid": "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy", "uri": "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3k43tv4rft22h"},
             "$type": "app.bsky.feed.like"}
            """;

        var like = Read<Like.Main>(json);

        Assert.EndsWith("3k43tv4rft22h", like.Subject.Uri, StringComparison.Ordinal);
        Assert.EndsWith("3k43tv4rft22g", like.Via!.Uri, StringComparison.Ordinal);
        Assert.Equal("2024-11-26T12:34:56.789Z", like.CreatedAt);
        AssertSameJson(json, Write(like));
    }
}
