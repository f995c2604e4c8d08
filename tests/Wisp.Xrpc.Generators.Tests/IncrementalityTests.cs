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

        foreach (var name in TrackingNames.LexiconSteps)
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

    private static GeneratorHarness CreateHarness() =>
        GeneratorHarness.Create(LexiconFile.FromRepository("place.wisp.v2.secret.create.json"), new LexiconFile(PingPath, Ping));
}
