using System.Globalization;
using Microsoft.Extensions.Options;
using Wisp.Xrpc.Lexicons.App.Bsky.Feed;

namespace Wisp.Xrpc.FeedGenerator;

/// <summary><c>app.bsky.feed.describeFeedGenerator</c>: this service's DID and its feeds, from configuration.</summary>
internal sealed class DescribeFeedGeneratorHandler(IOptionsMonitor<FeedGeneratorOptions> options) : DescribeFeedGenerator.IHandler
{
    public ValueTask<DescribeFeedGenerator.Output> HandleAsync(XrpcCallContext context)
    {
        var current = options.CurrentValue;
        return ValueTask.FromResult(new DescribeFeedGenerator.Output
        {
            Did = current.ServiceDid,
            Feeds = current.Feeds.Keys.Order(StringComparer.Ordinal).Select(key => new DescribeFeedGenerator.Feed { Uri = current.FeedUri(key) }).ToList(),
        });
    }
}

/// <summary>
/// <c>app.bsky.feed.getFeedSkeleton</c>: a page of a curated feed for the viewer whose service token the AppView
/// sent. The viewer's own posts are left out; the cursor is the position in the feed.
/// </summary>
internal sealed class FeedSkeletonHandler(IOptionsMonitor<FeedGeneratorOptions> options, ILogger<FeedSkeletonHandler> logger) : GetFeedSkeleton.IHandler
{
    private const int DefaultLimit = 50;

    public ValueTask<GetFeedSkeleton.Output> HandleAsync(GetFeedSkeleton.Params parameters, XrpcCallContext context)
    {
        var viewer = context.RequireCallerDid();
        var current = options.CurrentValue;
        var feed = current.Feeds.FirstOrDefault(f => current.FeedUri(f.Key) == parameters.Feed).Value
            ?? throw GetFeedSkeleton.Errors.UnknownFeed($"This service does not serve the feed {parameters.Feed}");

        var start = 0;
        if (parameters.Cursor is { } cursor && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > feed.Posts.Count))
        {
            throw XrpcException.InvalidRequest("Malformed cursor");
        }

        var limit = (int)(parameters.Limit ?? DefaultLimit); // the lexicon bounds it to 1–100; the generated Params checked it
        var page = feed.Posts.Skip(start).Where(post => !post.StartsWith($"at://{viewer}/", StringComparison.Ordinal)).Take(limit).ToList();
        var next = start + limit;
        logger.LogDebug("Feed {Feed} for {Viewer}: {Count} posts from {Start}", parameters.Feed, viewer, page.Count, start);
        return ValueTask.FromResult(new GetFeedSkeleton.Output
        {
            Feed = page.Select(post => new Defs.SkeletonFeedPost { Post = post }).ToList(),
            Cursor = next < feed.Posts.Count ? next.ToString(CultureInfo.InvariantCulture) : null,
        });
    }
}
