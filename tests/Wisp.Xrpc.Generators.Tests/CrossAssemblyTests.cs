using Microsoft.CodeAnalysis;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>
/// Lexicons across assemblies (issue #13): a library records the lexicons it compiled; a project that references it
/// binds refs to the library's types, generates none of its lexicons again, and re-runs nothing after a C# edit.
/// </summary>
public sealed class CrossAssemblyTests
{
    private const string StrongRef =
        """{"lexicon": 1, "id": "com.atproto.repo.strongRef", "defs": {"main": {"type": "object", "required": ["uri", "cid"], "properties": {"uri": {"type": "string", "format": "at-uri"}, "cid": {"type": "string", "format": "cid"}}}}}""";

    private const string LibDefs =
        """
        {"lexicon": 1, "id": "com.example.lib.defs", "defs": {
          "labelValue": {"type": "string", "maxLength": 128, "knownValues": ["spam", "nudity"]},
          "image": {"type": "object", "required": ["alt"], "properties": {"alt": {"type": "string", "maxGraphemes": 10}}},
          "labelList": {"type": "array", "maxLength": 5, "items": {"type": "ref", "ref": "#labelValue"}},
          "grid": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}
        }}
        """;

    private const string LibImages =
        """{"lexicon": 1, "id": "com.example.lib.embed.images", "defs": {"main": {"type": "object", "required": ["images"], "properties": {"images": {"type": "array", "items": {"type": "ref", "ref": "com.example.lib.defs#image"}}}}, "view": {"type": "object", "properties": {"count": {"type": "integer"}}}}}""";

    private const string LibGetThing =
        """{"lexicon": 1, "id": "com.example.lib.getThing", "defs": {"main": {"type": "query", "parameters": {"type": "params", "properties": {"limit": {"type": "integer"}}}, "output": {"encoding": "application/json", "schema": {"type": "ref", "ref": "com.atproto.repo.strongRef"}}}}}""";

    private const string AppBookmark =
        """
        {"lexicon": 1, "id": "com.example.app.bookmark", "defs": {"main": {"type": "record", "key": "tid", "record": {"type": "object", "required": ["subject"], "properties": {
          "subject": {"type": "ref", "ref": "com.atproto.repo.strongRef"},
          "labels": {"type": "array", "items": {"type": "ref", "ref": "com.example.lib.defs#labelValue"}},
          "tags": {"type": "ref", "ref": "com.example.lib.defs#labelList"},
          "embed": {"type": "union", "refs": ["com.example.lib.embed.images", "com.example.lib.embed.images#view", "#note"]}
        }}}, "note": {"type": "object", "properties": {"text": {"type": "string"}}}}}
        """;

    private const string AppGetBookmark =
        """{"lexicon": 1, "id": "com.example.app.getBookmark", "defs": {"main": {"type": "query", "output": {"encoding": "application/json", "schema": {"type": "ref", "ref": "com.example.app.bookmark"}}}}}""";

    [Fact]
    public void Refs_into_a_referenced_library_bind_to_its_types_and_nothing_of_it_is_generated_again()
    {
        var library = Library("Example.Lib", new LexiconFile("lib/strongRef.json", StrongRef), new("lib/defs.json", LibDefs), new("lib/images.json", LibImages), new("lib/getThing.json", LibGetThing));
        var app = GeneratorHarness.Create(null, [library], "TestApp", new LexiconFile("lexicons/bookmark.json", AppBookmark), new LexiconFile("lexicons/getBookmark.json", AppGetBookmark));
        app.AddSyntaxTree(
            """
            namespace TestApp;
            using Lib = global::Example.Lib.Lexicons.Com.Example.Lib;
            internal static class Uses
            {
                public static Lexicons.Com.Example.App.Bookmark.Main Make() => new()
                {
                    Subject = new global::Example.Lib.Lexicons.Com.Atproto.Repo.StrongRef.Main { Uri = "at://did:plc:x/app.bsky.feed.post/1", Cid = "bafy" },
                    Labels = [Lib.Defs.LabelValue.Spam],
                    Embed = new Lexicons.Com.Example.App.Bookmark.Main.IEmbed.Images(new Lib.Embed.Images.Main { Images = [new Lib.Defs.Image { Alt = "a" }] }),
                };

                public static object? Unwrap(Lexicons.Com.Example.App.Bookmark.Main.IEmbed embed) => embed switch
                {
                    Lexicons.Com.Example.App.Bookmark.Main.IEmbed.Images images => images.Value,
                    Lexicons.Com.Example.App.Bookmark.Main.IEmbed.ImagesView view => view.Value,
                    Lexicons.Com.Example.App.Bookmark.Note note => note,
                    _ => null,
                };
            }
            """,
            "Uses.cs");

        var diagnostics = app.RunAndCompile(out var result);

        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var hints = result.Results[0].GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["WispXrpcEndpoints.g.cs", "com.example.app.bookmark.g.cs", "com.example.app.bookmark_lexicon.g.cs", "com.example.app.getBookmark.g.cs", "com.example.app.getBookmark_lexicon.g.cs"],
            hints);
        var bookmark = result.Results[0].GeneratedSources.Single(s => s.HintName == "com.example.app.bookmark.g.cs").SourceText.ToString();
        Assert.Contains("global::Example.Lib.Lexicons.Com.Atproto.Repo.StrongRef.Main Subject", bookmark, StringComparison.Ordinal);
        Assert.Contains("128L", bookmark, StringComparison.Ordinal); // the library's named string, used in place with its constraint
        Assert.Contains("5L", bookmark, StringComparison.Ordinal);   // and its named array of those, through a second ref

        // The app's MapWispXrpc maps its own method only; the library's is mapped only when the app names it.
        var endpoints = result.Results[0].GeneratedSources.Single(s => s.HintName == "WispXrpcEndpoints.g.cs").SourceText.ToString();
        Assert.Contains("GetBookmark.Endpoint", endpoints, StringComparison.Ordinal);
        Assert.DoesNotContain("GetThing", endpoints, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_of_libraries_resolves_through_each_and_the_app_compiles()
    {
        var first = Library("Example.First", new LexiconFile("first/strongRef.json", StrongRef));
        var second = LibraryReferencing("Example.Second", [first], new LexiconFile("second/getThing.json", LibGetThing));
        var app = GeneratorHarness.Create(null, [first, second], "TestApp", new LexiconFile("lexicons/getBookmark.json",
            """{"lexicon": 1, "id": "com.example.app.pick", "defs": {"main": {"type": "object", "properties": {"a": {"type": "ref", "ref": "com.atproto.repo.strongRef"}}}}}"""));

        var diagnostics = app.RunAndCompile(out var result);

        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains("global::Example.First.Lexicons.Com.Atproto.Repo.StrongRef.Main", result.Results[0].GeneratedSources.Single(s => s.HintName == "com.example.app.pick.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unrelated_csharp_edit_rereads_no_reference_and_reruns_no_lexicon_step()
    {
        var library = Library("Example.Lib", new LexiconFile("lib/strongRef.json", StrongRef), new("lib/defs.json", LibDefs), new("lib/images.json", LibImages));
        var app = GeneratorHarness.Create(null, [library], "TestApp", new LexiconFile("lexicons/bookmark.json", AppBookmark));
        app.Run();

        app.AddSyntaxTree("namespace TestApp; internal sealed class Unrelated { }", "Unrelated.cs");
        var result = app.Run().Results[0];

        foreach (var name in TrackingNames.LexiconSteps)
        {
            Assert.All(result.TrackedSteps[name].SelectMany(s => s.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_a_lexicon_of_the_project_rereads_no_reference_and_reemits_only_that_lexicon()
    {
        var library = Library("Example.Lib", new LexiconFile("lib/strongRef.json", StrongRef), new LexiconFile("lib/defs.json", LibDefs), new LexiconFile("lib/images.json", LibImages));
        var app = GeneratorHarness.Create(null, [library], "TestApp", new LexiconFile("lexicons/bookmark.json", AppBookmark), new LexiconFile("lexicons/getBookmark.json", AppGetBookmark));
        app.Run();

        app.ReplaceLexicon("lexicons/bookmark.json", AppBookmark.Replace("\"text\": {\"type\": \"string\"}", "\"text\": {\"type\": \"string\", \"maxLength\": 10}", StringComparison.Ordinal));
        var result = app.Run().Results[0];

        Assert.All(result.TrackedSteps[TrackingNames.References].SelectMany(s => s.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        var emitted = result.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs).Where(o => o.Reason == IncrementalStepRunReason.Modified).ToList();
        Assert.Single(emitted);
        Assert.Contains("10L", result.GeneratedSources.Single(s => s.HintName == "com.example.app.bookmark.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lexicon_the_project_and_a_reference_both_compile_is_WXRPC102_and_the_project_uses_its_own()
    {
        var library = Library("Example.Lib", new LexiconFile("lib/strongRef.json", StrongRef));
        var app = GeneratorHarness.Create(null, [library], "TestApp", new LexiconFile("lexicons/strongRef.json", StrongRef), new LexiconFile("lexicons/getThing.json", LibGetThing));

        var diagnostics = app.RunAndCompile(out var result);

        var warning = Assert.Single(diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("WXRPC102", warning.Id);
        Assert.Equal("lexicons/strongRef.json", warning.Location.GetLineSpan().Path);
        Assert.Contains("Example.Lib", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(result.Results[0].GeneratedSources, s => s.HintName == "com.atproto.repo.strongRef.g.cs");
        Assert.Contains("global::TestApp.Lexicons.Com.Atproto.Repo.StrongRef.Main", result.Results[0].GeneratedSources.Single(s => s.HintName == "com.example.lib.getThing.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lexicon_two_references_compile_is_WXRPC102_and_the_first_assembly_by_name_is_used()
    {
        var a = Library("Example.A", new LexiconFile("a/strongRef.json", StrongRef));
        var b = Library("Example.B", new LexiconFile("b/strongRef.json", StrongRef));
        var app = GeneratorHarness.Create(null, [b, a], "TestApp", new LexiconFile("lexicons/getThing.json", LibGetThing));

        var diagnostics = app.RunAndCompile(out var result);

        var warning = Assert.Single(diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("WXRPC102", warning.Id);
        Assert.Contains("Example.B", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("global::Example.A.Lexicons.Com.Atproto.Repo.StrongRef.Main", result.Results[0].GeneratedSources.Single(s => s.HintName == "com.example.lib.getThing.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ref_to_a_definition_the_library_did_not_generate_is_a_warning_and_drops_only_its_user()
    {
        var library = Library("Example.Lib", new LexiconFile("lib/defs.json", LibDefs));
        var app = GeneratorHarness.Create(null, [library], "TestApp", new LexiconFile("lexicons/uses.json",
            """{"lexicon": 1, "id": "com.example.app.uses", "defs": {"bad": {"type": "object", "properties": {"g": {"type": "ref", "ref": "com.example.lib.defs#grid"}}}, "good": {"type": "object", "properties": {"i": {"type": "ref", "ref": "com.example.lib.defs#image"}}}}}"""));

        var diagnostics = app.RunAndCompile(out var result);

        var warning = Assert.Single(diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("WXRPC100", warning.Id);
        var uses = result.Results[0].GeneratedSources.Single(s => s.HintName == "com.example.app.uses.g.cs").SourceText.ToString();
        Assert.Contains("class Good", uses, StringComparison.Ordinal);
        Assert.DoesNotContain("class Bad", uses, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ref_to_a_lexicon_no_one_has_is_still_WXRPC010_and_says_how_to_get_it()
    {
        var app = GeneratorHarness.Create(null, [], "TestApp", new LexiconFile("lexicons/getThing.json", LibGetThing));

        var diagnostics = app.RunAndCompile(out _);

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("WXRPC010", error.Id);
        Assert.Contains("Wisp.Xrpc.Lexicons.Atproto", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_recorded_lexicon_is_compact_json_and_holds_hostile_text_as_data()
    {
        var hostile = """{"lexicon": 1, "id": "com.example.lib.hostile", "defs": {"main": {"type": "object", "description": "\")]\n#error boom\r\n\u2028 */ class X {}", "properties": {"a": {"type": "string"}}}}}""";
        var library = Library("Example.Lib", new LexiconFile("lib/hostile.json", hostile));
        var app = GeneratorHarness.Create(null, [library], "TestApp", new LexiconFile("lexicons/uses.json",
            """{"lexicon": 1, "id": "com.example.app.uses", "defs": {"main": {"type": "object", "properties": {"h": {"type": "ref", "ref": "com.example.lib.hostile"}}}}}"""));

        var diagnostics = app.RunAndCompile(out _);

        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>Compiles lexicons into a library assembly named <paramref name="name"/> (root namespace <c>{name}.Lexicons</c>).</summary>
    private static MetadataReference Library(string name, params LexiconFile[] files) => LibraryReferencing(name, [], files);

    private static MetadataReference LibraryReferencing(string name, MetadataReference[] references, params LexiconFile[] files) =>
        GeneratorHarness.Create(new Dictionary<string, string> { ["build_property.RootNamespace"] = name }, references, name, files).CompileToReference();
}
