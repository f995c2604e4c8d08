using Microsoft.CodeAnalysis;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>
/// The real corpora from ../shared: all 402 AT Protocol lexicons and wisp.place's. The generator must never crash on
/// them, report no diagnostic at all (every definition is generated), and produce code that compiles without warnings.
/// </summary>
public sealed class CorpusTests
{
    [Fact]
    public void All_atproto_and_wisp_lexicons_compile_together_with_no_error_no_warning_and_no_crash()
    {
        var files = new[] { "atproto", "wisp" }
            .SelectMany(corpus => Directory.GetFiles(SharedLexicons(corpus), "*.json", SearchOption.AllDirectories))
            .Select(path => new LexiconFile(path, File.ReadAllText(path)))
            .ToArray();
        Assert.True(files.Length >= 402 + 29, $"{files.Length} lexicons");

        var harness = GeneratorHarness.Create(files);
        var diagnostics = harness.RunAndCompile(out var result);
        if (Environment.GetEnvironmentVariable("WISP_CORPUS_REPORT") is { Length: > 0 } report)
        {
            File.WriteAllLines(report, diagnostics.Select(d => $"{d.Id} {d.GetMessage()}"));
        }

        Assert.All(result.Results, r => Assert.Null(r.Exception));
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"{d.Id} {d.Location.GetLineSpan().Path}: {d.GetMessage()}").ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors.Take(20)));
        var warnings = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => $"{d.Id} {d.Location.GetLineSpan().Path}: {d.GetMessage()}").ToList();
        Assert.True(warnings.Count == 0, string.Join('\n', warnings.Take(20)));
        Assert.True(result.GeneratedTrees.Length > 100, $"{result.GeneratedTrees.Length} files generated");
    }

    internal static string SharedLexicons(string corpus)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "lexicons", corpus);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"shared/lexicons/{corpus} not found above {AppContext.BaseDirectory}: the corpus lives in ../shared beside the repository.");
    }
}
