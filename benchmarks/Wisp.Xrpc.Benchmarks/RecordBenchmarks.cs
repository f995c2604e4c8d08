using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Wisp.Xrpc.Benchmarks.Lexicons.App.Bsky.Feed;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Benchmarks;

/// <summary>
/// Reading and validating one representative app.bsky.feed.post (text with facets, an image embed with a blob, langs,
/// a reply): the generated reader, which validates as it parses, against System.Text.Json's reflection serializer
/// into equivalent hand-written classes followed by a separate validation pass over the same rules, and
/// System.Text.Json's source-generated deserializer into the same classes with no validation (the floor for JSON into
/// objects).
/// </summary>
[MemoryDiagnoser]
public class RecordBenchmarks
{
    private static readonly JsonSerializerOptions ReflectionOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        AllowOutOfOrderMetadataProperties = true,
    };

    // The same file benchmarks/record/bench.mjs reads with @atcute/lexicons.
    private readonly byte[] _post = File.ReadAllBytes(Path.Combine(BenchmarkFiles.Root, "benchmarks", "record", "post.json"));

    [Benchmark(Baseline = true, Description = "System.Text.Json (reflection) + validation pass")]
    public object SystemTextJsonThenValidate()
    {
        var post = JsonSerializer.Deserialize<PocoPost>(_post, ReflectionOptions)!;
        PocoValidation.Validate(post);
        return post;
    }

    [Benchmark(Description = "System.Text.Json (source generated), no validation: the floor")]
    public object SystemTextJsonSourceGenerated() => JsonSerializer.Deserialize(_post, PocoJsonContext.Default.PocoPost)!;

    [Benchmark(Description = "generated reader (parse + validate in one pass)")]
    public object Generated()
    {
        var reader = new Utf8JsonReader(_post);
        reader.Read();
        return Wisp.Xrpc.Serialization.LexiconJson.Read<Post.Main>(ref reader, "Record");
    }

    /// <summary>The same checks the lexicon asks for, written as a separate pass over the deserialized object.</summary>
    private static class PocoValidation
    {
        public static void Validate(PocoPost post)
        {
            Require(post.Text is not null && Encoding.UTF8.GetByteCount(post.Text) <= 3000 && new StringInfo(post.Text).LengthInTextElements <= 300, "text");
            Require(post.CreatedAt is not null && LexiconFormats.IsDatetime(post.CreatedAt), "createdAt");
            Require(post.Langs is null || (post.Langs.Count <= 3 && post.Langs.TrueForAll(l => LexiconFormats.IsValid(l, LexiconFormat.Language))), "langs");
            foreach (var facet in post.Facets ?? [])
            {
                Require(facet.Index is { ByteStart: >= 0, ByteEnd: >= 0 }, "facet index");
                foreach (var feature in facet.Features)
                {
                    Require(feature switch
                    {
                        PocoMention m => LexiconFormats.IsDid(m.Did),
                        PocoLink l => LexiconFormats.IsValid(l.Uri, LexiconFormat.Uri),
                        _ => false,
                    }, "feature");
                }
            }

            if (post.Embed is PocoImages images)
            {
                Require(images.Images.Count <= 4, "images");
                foreach (var image in images.Images)
                {
                    Require(image.Alt is not null && image.Image is { Type: "blob", Size: <= 2000000 } blob && blob.MimeType.StartsWith("image/", StringComparison.Ordinal) && LexiconFormats.IsCid(blob.Ref.Link), "image");
                    Require(image.AspectRatio is null || image.AspectRatio is { Width: >= 1, Height: >= 1 }, "aspectRatio");
                }
            }

            if (post.Reply is { } reply)
            {
                foreach (var strongRef in new[] { reply.Root, reply.Parent })
                {
                    Require(LexiconFormats.IsValid(strongRef.Uri, LexiconFormat.AtUri) && LexiconFormats.IsCid(strongRef.Cid), "reply");
                }
            }
        }

        private static void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw new LexiconValidationException(what);
            }
        }
    }
}

/// <summary>System.Text.Json's source generator over the same classes, with the reflection options.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(PocoPost))]
internal sealed partial class PocoJsonContext : JsonSerializerContext;

public sealed class PocoPost
{
    public string Text { get; set; } = null!;
    public string CreatedAt { get; set; } = null!;
    public List<string>? Langs { get; set; }
    public List<PocoFacet>? Facets { get; set; }
    public PocoEmbed? Embed { get; set; }
    public PocoReply? Reply { get; set; }
}

public sealed class PocoFacet
{
    public PocoByteSlice Index { get; set; } = null!;
    public List<PocoFeature> Features { get; set; } = [];
}

public sealed class PocoByteSlice
{
    public long ByteStart { get; set; }
    public long ByteEnd { get; set; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(PocoMention), "app.bsky.richtext.facet#mention")]
[JsonDerivedType(typeof(PocoLink), "app.bsky.richtext.facet#link")]
public abstract class PocoFeature;

public sealed class PocoMention : PocoFeature
{
    public string Did { get; set; } = null!;
}

public sealed class PocoLink : PocoFeature
{
    public string Uri { get; set; } = null!;
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(PocoImages), "app.bsky.embed.images")]
public abstract class PocoEmbed;

public sealed class PocoImages : PocoEmbed
{
    public List<PocoImage> Images { get; set; } = [];
}

public sealed class PocoImage
{
    public string Alt { get; set; } = null!;
    public PocoBlob Image { get; set; } = null!;
    public PocoAspectRatio? AspectRatio { get; set; }
}

public sealed class PocoBlob
{
    [JsonPropertyName("$type")]
    public string Type { get; set; } = null!;
    public PocoLinkRef Ref { get; set; } = null!;
    public string MimeType { get; set; } = null!;
    public long Size { get; set; }
}

public sealed class PocoLinkRef
{
    [JsonPropertyName("$link")]
    public string Link { get; set; } = null!;
}

public sealed class PocoAspectRatio
{
    public long Width { get; set; }
    public long Height { get; set; }
}

public sealed class PocoReply
{
    public PocoStrongRef Root { get; set; } = null!;
    public PocoStrongRef Parent { get; set; } = null!;
}

public sealed class PocoStrongRef
{
    public string Uri { get; set; } = null!;
    public string Cid { get; set; } = null!;
}
