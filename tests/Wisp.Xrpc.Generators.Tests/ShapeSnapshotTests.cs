using Microsoft.CodeAnalysis;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>
/// Exact output for every shape of the Lexicon language (ShapeLexicons/: records, open and closed unions, blobs,
/// bytes, cid-links, inline objects, known values, Optional, params of every kind, raw bodies, subscriptions,
/// permission sets, hostile text and colliding names), compiled with no error or warning. Any change of the
/// generated code fails here; set WISP_UPDATE_SNAPSHOTS=1 to rewrite Snapshots/Shapes, then read the diff.
/// </summary>
public sealed class ShapeSnapshotTests
{
    private static readonly Lazy<(Dictionary<string, string> Files, IReadOnlyList<Diagnostic> Diagnostics)> Generated = new(Generate);

    public static TheoryData<string> Files => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ShapeLexicons"), "*.json")
        .Select(path => Path.GetFileNameWithoutExtension(path) + ".g.cs")
        .Append("WispXrpcEndpoints.g.cs")
        .Append("com.example.shapes.hostile_lexicon.g.cs") // what the assembly records of a lexicon, hostile text included
        .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_file_is_exactly_its_snapshot(string hintName)
    {
        var actual = Generated.Value.Files[hintName];
        var snapshot = Path.Combine("Shapes", hintName);
        if (Snapshots.Updating)
        {
            Snapshots.Write(snapshot, actual);
            return;
        }

        var expected = Snapshots.Read(snapshot);
        if (expected != actual)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            var line = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i]);
            Assert.Fail($"{hintName} differs from its snapshot at line {line + 1}:\n  expected: {expectedLines.ElementAtOrDefault(line)}\n  actual:   {actualLines.ElementAtOrDefault(line)}");
        }
    }

    [Fact]
    public void The_shapes_compile_together_with_no_error_or_warning()
    {
        var problems = Generated.Value.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => $"{d.Id} {d.Location.GetLineSpan()}: {d.GetMessage()}");
        Assert.Empty(problems);
        // One file per lexicon, one recording it in the assembly for referencing projects, and the endpoints.
        var lexicons = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ShapeLexicons"), "*.json").Length;
        Assert.Equal((2 * lexicons) + 1, Generated.Value.Files.Count);
        Assert.Equal(lexicons, Generated.Value.Files.Keys.Count(k => k.EndsWith("_lexicon.g.cs", StringComparison.Ordinal)));
    }

    private static (Dictionary<string, string>, IReadOnlyList<Diagnostic>) Generate()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ShapeLexicons"), "*.json")
            .Select(path => new LexiconFile("/project/lexicons/" + Path.GetFileName(path), File.ReadAllText(path)))
            .ToArray();
        var harness = GeneratorHarness.Create(files);
        var diagnostics = harness.RunAndCompile(out var result);
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        return (result.GeneratedTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => t.GetText().ToString()), diagnostics);
    }
}
