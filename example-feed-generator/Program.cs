using Microsoft.Extensions.Options;
using Wisp.Xrpc.FeedGenerator;
using Wisp.Xrpc.Lexicons.App.Bsky.Feed;
using Wisp.Xrpc.ServiceAuth;

var builder = WebApplication.CreateSlimBuilder(args);

// The feed generator's DID, publisher and feeds, from configuration (appsettings.json, FeedGenerator__* variables).
builder.Services.AddOptions<FeedGeneratorOptions>()
    .Bind(builder.Configuration.GetSection(FeedGeneratorOptions.Section))
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<FeedGeneratorOptions>, FeedGeneratorOptionsValidation>();

builder.Services.AddWispXrpc();

// The AppView calls getFeedSkeleton with an inter-service JWT addressed to this service's DID (aud) for that method
// (lxm), signed with the viewer's key: verified against the viewer's DID document.
var feedGenerator = builder.Configuration.GetSection(FeedGeneratorOptions.Section);
builder.Services.AddAuthentication(AtprotoServiceAuthHandler.SchemeName)
    .AddAtprotoServiceAuth(
        auth => auth.ServiceDid = feedGenerator[nameof(FeedGeneratorOptions.ServiceDid)] ?? string.Empty,
        resolver =>
        {
            if (feedGenerator[nameof(FeedGeneratorOptions.PlcDirectory)] is { Length: > 0 } plc)
            {
                resolver.PlcDirectory = new Uri(plc);
            }
        });
builder.Services.AddAuthorization();

// The two methods' handlers. Nothing else of the atproto lexicons is served: every other /xrpc/ path answers 501.
builder.Services.AddXrpcHandler<DescribeFeedGenerator.IHandler, DescribeFeedGeneratorHandler>();
builder.Services.AddXrpcHandler<GetFeedSkeleton.IHandler, FeedSkeletonHandler>();

var app = builder.Build();

app.MapGet("/", () => "Wisp.Xrpc feed generator: GET /xrpc/app.bsky.feed.describeFeedGenerator");
app.MapGet("/.well-known/did.json", DidDocument.Serve); // for a did:web service DID
app.MapXrpcMethods(DescribeFeedGenerator.Endpoint);
app.MapXrpcMethods(GetFeedSkeleton.Endpoint).RequireAuthorization();

app.Run();
