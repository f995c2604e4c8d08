using Microsoft.Extensions.Options;
using Wisp.Xrpc.Lexicons.App.Bsky.Feed;

namespace Wisp.Xrpc.FeedGenerator;

/// <summary>The <c>FeedGenerator</c> configuration section: who this service is and which feeds it serves.</summary>
public sealed class FeedGeneratorOptions
{
    public const string Section = "FeedGenerator";

    /// <summary>This service's DID (e.g. <c>did:web:feeds.example.com</c>): the <c>did</c> of describeFeedGenerator and the <c>aud</c> of service tokens.</summary>
    public string ServiceDid { get; set; } = string.Empty;

    /// <summary>The public HTTPS address of this service, for the did:web document (e.g. <c>https://feeds.example.com</c>).</summary>
    public string? ServiceEndpoint { get; set; }

    /// <summary>The account that publishes the feeds' <c>app.bsky.feed.generator</c> records.</summary>
    public string PublisherDid { get; set; } = string.Empty;

    /// <summary>Where did:plc documents are resolved (default https://plc.directory).</summary>
    public string? PlcDirectory { get; set; }

    /// <summary>The feeds, by record key.</summary>
    public Dictionary<string, FeedOptions> Feeds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The at:// URI of a feed's generator record.</summary>
    public string FeedUri(string recordKey) => $"at://{PublisherDid}/{Generator.Id}/{recordKey}";
}

/// <summary>One feed: a curated list of posts, newest first.</summary>
public sealed class FeedOptions
{
    /// <summary>The posts' at:// URIs, in feed order.</summary>
    public List<string> Posts { get; set; } = [];
}

/// <summary>Checks the options at start-up, so a misconfigured service fails to start instead of answering wrongly.</summary>
internal sealed class FeedGeneratorOptionsValidation : IValidateOptions<FeedGeneratorOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedGeneratorOptions options)
    {
        var failures = new List<string>();
        if (!Wisp.Xrpc.Validation.LexiconFormats.IsDid(options.ServiceDid))
        {
            failures.Add("FeedGenerator:ServiceDid must be this service's DID (e.g. did:web:feeds.example.com).");
        }

        if (!Wisp.Xrpc.Validation.LexiconFormats.IsDid(options.PublisherDid))
        {
            failures.Add("FeedGenerator:PublisherDid must be the DID of the account that publishes the feed records.");
        }

        foreach (var (key, feed) in options.Feeds)
        {
            if (!Wisp.Xrpc.Validation.LexiconFormats.IsRecordKey(key))
            {
                failures.Add($"FeedGenerator:Feeds:{key} is not a valid record key.");
            }

            failures.AddRange(feed.Posts.Where(p => !Wisp.Xrpc.Validation.LexiconFormats.IsValid(p, Wisp.Xrpc.Validation.LexiconFormat.AtUri)).Select(p => $"FeedGenerator:Feeds:{key}:Posts has '{p}', which is not an at:// URI."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
