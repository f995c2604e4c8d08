using Microsoft.CodeAnalysis;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>The generator does per-lexicon work only for the lexicon that changed, and none for C# edits.</summary>
public sealed class IncrementalityTests
{
    private const string PingPath = "/p/lexicons/com.example.ping.json";

    private const string Ping = """
        {"lexicon": 1, "id": "com.example.ping", "defs": {"main": {"type": "procedure", "description": "Ping.",
          "input": {"encoding": "application/json", "schema": {"type": "object", "properties": {"n": {"type": "integer"}}}},
          "output": {"encoding": "application/json", "schema": {"type": "object", "properties": {"n": {"type": "integer"}}}}}}}
        """;

    private static readonly IncrementalStepRunReason[] Reused = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void An_unrelated_csharp_edit_reruns_no_lexicon_step()
    {
        var harness = CreateHarness();
        harness.Run();

        harness.AddSyntaxTree("namespace TestApp; internal sealed class Unrelated { }", "Unrelated.cs");
        var result = harness.Run().Results[0];

        // References: with no reference that records lexicons Roslyn tracks no step; CrossAssemblyTests covers it.
        foreach (var name in TrackingNames.LexiconSteps.Where(n => n != TrackingNames.References))
        {
            var steps = result.TrackedSteps[name];
            Assert.NotEmpty(steps);
            Assert.All(steps.SelectMany(s => s.Outputs), output => Assert.Contains(output.Reason, Reused));
        }

        // Parsing is the costly step: it must not even run again (Unchanged would mean it ran and produced an equal value).
        Assert.All(result.TrackedSteps[TrackingNames.ParsedLexicons].SelectMany(s => s.Outputs), output =>
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), output =>
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_one_lexicon_reparses_and_reemits_only_that_lexicon()
    {
        var harness = CreateHarness();
        harness.Run();

        harness.ReplaceLexicon(PingPath, Ping.Replace("Ping.", "Ping, edited.", StringComparison.Ordinal));
        var result = harness.Run().Results[0];

        var parsed = result.TrackedSteps[TrackingNames.ParsedLexicons].SelectMany(s => s.Outputs).ToList();
        Assert.Single(parsed, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(parsed, o => Reused.Contains(o.Reason));

        var emitted = result.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs).ToList();
        Assert.Single(emitted, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(emitted, o => Reused.Contains(o.Reason));
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("Ping, edited.", StringComparison.Ordinal));
    }

    [Fact]
    public void Reformatting_a_lexicon_reemits_nothing()
    {
        var harness = CreateHarness();
        harness.Run();

        harness.ReplaceLexicon(PingPath, "\n\n" + Ping.Replace(", ", ",\n    ", StringComparison.Ordinal));
        var result = harness.Run().Results[0];

        Assert.Contains(result.TrackedSteps[TrackingNames.ParsedLexicons].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(result.TrackedSteps[TrackingNames.Documents].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, Reused));
        Assert.All(result.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, Reused));
    }

    // A set where one lexicon refers to another's named string and object, and a third stands apart.
    private const string DefsPath = "/p/lexicons/com.example.defs.json";

    private const string Defs = """
        {"lexicon": 1, "id": "com.example.defs", "defs": {
          "handle": {"type": "string", "description": "A handle.", "maxLength": 64},
          "card": {"type": "object", "description": "A card.", "properties": {"title": {"type": "string"}}}}}
        """;

    private const string Profile = """
        {"lexicon": 1, "id": "com.example.profile", "defs": {"main": {"type": "object", "properties": {
          "handle": {"type": "ref", "ref": "com.example.defs#handle"}, "card": {"type": "ref", "ref": "com.example.defs#card"}}}}}
        """;

    private static GeneratorHarness CreateRelatedHarness() => GeneratorHarness.Create(
        new LexiconFile(DefsPath, Defs),
        new LexiconFile("/p/lexicons/com.example.profile.json", Profile),
        new LexiconFile(PingPath, Ping));

    [Fact]
    public void Adding_a_lexicon_emits_it_and_reemits_no_other_document()
    {
        var harness = CreateRelatedHarness();
        harness.Run();

        harness.AddLexicon("/p/lexicons/com.example.other.json", """{"lexicon": 1, "id": "com.example.other", "defs": {"main": {"type": "object", "properties": {"n": {"type": "integer"}}}}}""");
        var result = harness.Run().Results[0];

        Assert.Equal(["com.example.other"], Emitted(result));
        Assert.Contains(result.GeneratedSources, s => s.HintName == "com.example.other.g.cs");
    }

    [Fact]
    public void Editing_what_others_use_reemits_the_lexicon_and_exactly_the_documents_that_use_it()
    {
        var harness = CreateRelatedHarness();
        harness.Run();

        // The named string's maxLength is checked in place by com.example.profile.
        harness.ReplaceLexicon(DefsPath, Defs.Replace("\"maxLength\": 64", "\"maxLength\": 32", StringComparison.Ordinal));
        var result = harness.Run().Results[0];

        // com.example.defs prints nothing of a named string without known values: only the user re-emits.
        Assert.Equal(["com.example.profile"], Emitted(result));
        Assert.Contains("0L, 32L", result.GeneratedSources.Single(s => s.HintName == "com.example.profile.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_a_shape_others_only_name_reemits_only_that_lexicon()
    {
        var harness = CreateRelatedHarness();
        harness.Run();

        // com.example.profile refers to the card by its C# type; a new property of the card changes nothing there.
        harness.ReplaceLexicon(DefsPath, Defs.Replace("\"title\": {\"type\": \"string\"}", "\"title\": {\"type\": \"string\"}, \"body\": {\"type\": \"string\"}", StringComparison.Ordinal));
        var result = harness.Run().Results[0];

        Assert.Equal(["com.example.defs"], Emitted(result));
    }

    [Theory]
    [InlineData("A card.", "A business card.", "com.example.defs")]
    [InlineData("A handle.", "A user handle.", null)] // a named string's description is printed nowhere: nothing re-emits
    public void Editing_a_description_reemits_only_its_own_document(string before, string after, string? emitted)
    {
        var harness = CreateRelatedHarness();
        harness.Run();

        harness.ReplaceLexicon(DefsPath, Defs.Replace(before, after, StringComparison.Ordinal));
        var result = harness.Run().Results[0];

        Assert.Equal(emitted is null ? [] : [emitted], Emitted(result));
        Assert.All(result.TrackedSteps[TrackingNames.Index].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, Reused));
    }

    [Fact]
    public void Over_the_atproto_corpus_adding_a_lexicon_or_editing_a_shared_object_reemits_one_document()
    {
        var files = Directory.GetFiles(CorpusTests.SharedLexicons("atproto"), "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new LexiconFile(path, File.ReadAllText(path)))
            .ToArray();
        var harness = GeneratorHarness.Create(files);
        harness.Run();

        harness.AddLexicon("/p/lexicons/com.example.added.json", """{"lexicon": 1, "id": "com.example.added", "defs": {"main": {"type": "object", "properties": {"n": {"type": "integer"}}}}}""");
        Assert.Equal(["com.example.added"], Emitted(harness.Run().Results[0]));

        // A limit inside app.bsky.actor.defs' objects, which a hundred lexicons refer to by type: only it re-emits.
        var defs = files.Single(f => f.Path.EndsWith("app/bsky/actor/defs.json", StringComparison.Ordinal));
        harness.ReplaceLexicon(defs.Path, defs.Text.Replace("\"maxGraphemes\": 64", "\"maxGraphemes\": 65", StringComparison.Ordinal));
        Assert.Equal(["app.bsky.actor.defs"], Emitted(harness.Run().Results[0]));
    }

    /// <summary>The documents whose spec changed in this run, so that their file was emitted again.</summary>
    private static List<string> Emitted(GeneratorRunResult result) =>
        result.TrackedSteps[TrackingNames.Specs]
            .SelectMany(s => s.Outputs)
            .Where(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified)
            .Select(o => ((Specs.DocumentSpec)o.Value).Nsid)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static GeneratorHarness CreateHarness() =>
        GeneratorHarness.Create(LexiconFile.FromRepository("place.wisp.v2.secret.create.json"), new LexiconFile(PingPath, Ping));
}
