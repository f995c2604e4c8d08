namespace Wisp.Xrpc.Generators.Tests;

/// <summary>
/// The C# shape of the Lexicon language's compound types, compiled together with user code that uses them: a change
/// of shape fails to compile here (round trips over real lexicons are in Wisp.Xrpc.Lexicons.Tests).
/// </summary>
public sealed class LanguageShapeTests
{
    private const string Lexicons = """
        {"lexicon": 1, "id": "com.example.feed.note", "defs": {
          "main": {"type": "record", "key": "tid", "record": {"type": "object", "required": ["text"], "properties": {
            "text": {"type": "string"},
            "attachment": {"type": "union", "refs": ["#photo", "com.example.feed.link"]},
            "tags": {"type": "array", "items": {"type": "union", "refs": ["#photo"], "closed": true}},
            "blob": {"type": "blob", "accept": ["image/*"]},
            "data": {"type": "bytes"},
            "commit": {"type": "cid-link"}}}},
          "photo": {"type": "object", "properties": {"alt": {"type": "string"}}},
          "kind": {"type": "string", "knownValues": ["com.example.feed.note#short", "long"]}}}
        """;

    private const string Link = """
        {"lexicon": 1, "id": "com.example.feed.link", "defs": {"main": {"type": "object", "required": ["uri"], "properties": {"uri": {"type": "string", "format": "uri"}}}}}
        """;

    private const string Stream = """
        {"lexicon": 1, "id": "com.example.stream.subscribe", "defs": {
          "main": {"type": "subscription", "parameters": {"type": "params", "properties": {"cursor": {"type": "integer"}}},
            "message": {"schema": {"type": "union", "refs": ["#tick"]}}, "errors": [{"name": "FutureCursor"}]},
          "tick": {"type": "object", "properties": {"seq": {"type": "integer"}}}}}
        """;

    private const string Permissions = """
        {"lexicon": 1, "id": "com.example.authFull", "defs": {"main": {"type": "permission-set", "title": "Full access", "detail": "Everything.", "permissions": []}}}
        """;

    private const string Method = """
        {"lexicon": 1, "id": "com.example.feed.getNote", "defs": {"main": {"type": "query",
          "output": {"encoding": "application/json", "schema": {"type": "ref", "ref": "com.example.feed.note#photo"}}}}}
        """;

    private const string UserCode = """
        using TestApp.Lexicons.Com.Example;
        using TestApp.Lexicons.Com.Example.Feed;
        using TestApp.Lexicons.Com.Example.Stream;

        namespace TestApp;

        internal static class Uses
        {
            public static string Describe(Note.Main note) => note.Attachment switch
            {
                Note.Photo photo => photo.Alt ?? "",
                Link.Main link => link.Uri,
                Note.Main.IAttachment.Unknown unknown => unknown.Type,
                _ => "none",
            };

            public static Note.Main Build() => new()
            {
                Text = "hi",
                Attachment = new Link.Main { Uri = "https://example.com" },
                Tags = [new Note.Photo()],
                Blob = new Wisp.Xrpc.BlobRef(new Wisp.Xrpc.CidLink("bafkrei"), "image/png", 1),
                Data = [1, 2],
                Commit = new Wisp.Xrpc.CidLink("bafkrei"),
            };

            public static string[] Constants() =>
                [Note.RecordKey, Note.Kind.Short, Note.Kind.Long, AuthFull.Scope, Subscribe.Errors.FutureCursor().Error];

            public static Subscribe.IMessage Message(Subscribe.Tick tick) => tick;

            public static long? Cursor(Subscribe.Params parameters) => parameters.Cursor;

            public sealed class NoteHandler : GetNote.IHandler
            {
                public System.Threading.Tasks.ValueTask<Note.Photo> HandleAsync(Wisp.Xrpc.XrpcCallContext context) => new(new Note.Photo { Alt = "x" });
            }
        }
        """;

    [Fact]
    public void Records_unions_blobs_subscriptions_permission_sets_and_ref_bodies_compile_with_user_code()
    {
        var harness = GeneratorHarness.Create(
            new LexiconFile("/p/lexicons/note.json", Lexicons),
            new LexiconFile("/p/lexicons/link.json", Link),
            new LexiconFile("/p/lexicons/stream.json", Stream),
            new LexiconFile("/p/lexicons/auth.json", Permissions),
            new LexiconFile("/p/lexicons/getNote.json", Method));
        harness.AddSyntaxTree(UserCode, "/p/Uses.cs");

        var diagnostics = harness.RunAndCompile(out var result);

        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.Empty(diagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).Select(d => $"{d.Id} {d.Location.GetLineSpan()}: {d.GetMessage()}"));
        var link = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("com.example.feed.note.g.cs", StringComparison.Ordinal)).GetText().ToString();
        Assert.Contains("public sealed partial class Main : global::TestApp.Lexicons.Com.Example.Feed.Note.Main.IAttachment;", link, StringComparison.Ordinal);
    }
}
