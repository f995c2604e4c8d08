using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Wisp.Xrpc.FeedGenerator;

/// <summary>The did:web document of this service, with its <c>#bsky_fg</c> service entry, when its DID is a did:web.</summary>
internal static class DidDocument
{
    public static IResult Serve(IOptionsMonitor<FeedGeneratorOptions> options)
    {
        var current = options.CurrentValue;
        if (!current.ServiceDid.StartsWith("did:web:", StringComparison.Ordinal) || current.ServiceEndpoint is null)
        {
            return Results.NotFound();
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("@context");
            writer.WriteStringValue("https://www.w3.org/ns/did/v1");
            writer.WriteEndArray();
            writer.WriteString("id", current.ServiceDid);
            writer.WriteStartArray("service");
            writer.WriteStartObject();
            writer.WriteString("id", "#bsky_fg");
            writer.WriteString("type", "BskyFeedGenerator");
            writer.WriteString("serviceEndpoint", current.ServiceEndpoint);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Results.Bytes(buffer.ToArray(), "application/json");
    }
}
