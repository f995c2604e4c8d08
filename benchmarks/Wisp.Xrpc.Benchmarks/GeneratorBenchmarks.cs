using System.Diagnostics.CodeAnalysis;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Wisp.Xrpc.Generators;

namespace Wisp.Xrpc.Benchmarks;

/// <summary>
/// The generator over the 402 AT Protocol lexicons of ../shared: a cold run, a run after one lexicon is edited,
/// and a run after an unrelated C# file is edited (which must re-run no lexicon step).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private List<AdditionalText> _lexicons = null!;
    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _edited = null!;
    private AdditionalText _original = null!;
    private AdditionalText _shapeOriginal = null!;
    private AdditionalText _shapeEdited = null!;
    private AdditionalText _added = null!;

    [GlobalSetup]
    public void Setup()
    {
        var directory = Shared("atproto");
        _lexicons = Directory.GetFiles(directory, "*.json", SearchOption.AllDirectories)
            .Select(path => (AdditionalText)new Text(path, File.ReadAllText(path)))
            .ToList();
        _compilation = CSharpCompilation.Create("Bench", [CSharpSyntaxTree.ParseText("class Program { }", ParseOptions)]);
        _warm = NewDriver().RunGenerators(_compilation);
        _original = _lexicons.First(l => l.Path.EndsWith("com/atproto/server/createSession.json", StringComparison.Ordinal));
        _edited = new Text(_original.Path, _original.GetText()!.ToString().Replace("\"description\": \"", "\"description\": \"Edited. ", StringComparison.Ordinal));

        // A shape edit other lexicons see (a known value of a named string many refer to): the index changes, so
        // every document is bound again, and only those whose output changed are emitted again.
        _shapeOriginal = _lexicons.First(l => l.Path.EndsWith("com/atproto/moderation/defs.json", StringComparison.Ordinal));
        _shapeEdited = new Text(_shapeOriginal.Path, _shapeOriginal.GetText()!.ToString().Replace("\"knownValues\": [", "\"knownValues\": [\"com.example#added\", ", StringComparison.Ordinal));
        _added = new Text("/bench/com.example.added.json", """{"lexicon": 1, "id": "com.example.added", "defs": {"main": {"type": "object", "properties": {"n": {"type": "integer"}}}}}""");
    }

    [Benchmark(Baseline = true)]
    public GeneratorDriver Cold() => NewDriver().RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver AfterOneLexiconEdit() => _warm.ReplaceAdditionalText(_original, _edited).RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver AfterOneShapeEditOthersSee() => _warm.ReplaceAdditionalText(_shapeOriginal, _shapeEdited).RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver AfterAddingOneLexicon() => _warm.AddAdditionalTexts([_added]).RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver AfterUnrelatedCSharpEdit() =>
        _warm.RunGenerators(_compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", ParseOptions)));

    private GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        [new XrpcGenerator().AsSourceGenerator()],
        _lexicons,
        ParseOptions,
        new Options(),
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static string Shared(string corpus)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "lexicons", corpus);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("../shared/lexicons/" + corpus);
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Lexicon = new Values(new() { ["build_metadata.AdditionalFiles.WispXrpcLexicon"] = "true" });

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(new() { ["build_property.RootNamespace"] = "Bench" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Lexicon;
    }

    private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
