using Microsoft.CodeAnalysis;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>
/// The real corpora from ../shared: all 402 AT Protocol lexicons and wisp.place's. The generator must never crash on
/// them, report no error, and produce code that compiles. (Full coverage of the Lexicon language, which turns the
/// remaining "not supported yet" warnings into code, is issue #3.)
/// </summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Corpora => new() { "atproto", "wisp" };

    [Theory]
    [MemberData(nameof(Corpora))]
    public void The_corpus_compiles_with_no_error_and_no_crash(string corpus)
    {
        var directory = SharedLexicons(corpus);
        var files = Directory.GetFiles(directory, "*.json", SearchOption.AllDirectories)
            .Select(path => new LexiconFile(path, File.ReadAllText(path)))
            .ToArray();
        Assert.True(files.Length >= (corpus == "atproto" ? 402 : 29), $"{files.Length} lexicons in {directory}");

        var harness = GeneratorHarness.Create(files);
        var diagnostics = harness.RunAndCompile(out var result);

        Assert.All(result.Results, r => Assert.Null(r.Exception));
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"{d.Id} {d.Location.GetLineSpan().Path}: {d.GetMessage()}").ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors.Take(20)));
        Assert.All(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning), d => Assert.Equal("WXRPC100", d.Id));
        Assert.NotEmpty(result.GeneratedTrees);
    }

    private static string SharedLexicons(string corpus)
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
