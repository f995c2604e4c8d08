using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>Runs the generator with a real driver, step tracking on, over in-memory lexicon files.</summary>
internal sealed class GeneratorHarness
{
    public const string RootNamespace = "TestApp";

    // Documentation diagnosed, as in a project with GenerateDocumentationFile: every public generated member must be documented (CS1591).
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private readonly Dictionary<string, AdditionalText> _additionalTexts;
    private readonly TestOptionsProvider _options;

    private GeneratorHarness(GeneratorDriver driver, CSharpCompilation compilation, Dictionary<string, AdditionalText> additionalTexts, TestOptionsProvider options)
    {
        Driver = driver;
        Compilation = compilation;
        _additionalTexts = additionalTexts;
        _options = options;
    }

    public GeneratorDriver Driver { get; private set; }

    public CSharpCompilation Compilation { get; private set; }

    public static GeneratorHarness Create(params LexiconFile[] files) => Create(null, files);

    /// <summary>A harness whose global options are <paramref name="globalOptions"/> (RootNamespace TestApp when null).</summary>
    public static GeneratorHarness Create(Dictionary<string, string>? globalOptions, params LexiconFile[] files) =>
        Create(globalOptions, [], "TestApp", files);

    /// <summary>A harness for the assembly <paramref name="assemblyName"/>, which also references <paramref name="references"/>.</summary>
    public static GeneratorHarness Create(Dictionary<string, string>? globalOptions, IEnumerable<MetadataReference> references, string assemblyName, params LexiconFile[] files)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText("namespace TestApp;\n/// <summary>The app.</summary>\npublic static class Program\n{\n    /// <summary>Runs it.</summary>\n    public static void Main() { }\n}\n", ParseOptions, path: "Program.cs")],
            TestReferences.NetAndAspNetCore.Concat(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var texts = files.ToDictionary(f => f.Path, f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text));
        var options = new TestOptionsProvider(files.Where(f => f.Tagged).Select(f => f.Path), globalOptions ?? new Dictionary<string, string> { ["build_property.RootNamespace"] = RootNamespace });
        var driver = CSharpGeneratorDriver.Create(
            [new XrpcGenerator().AsSourceGenerator()],
            texts.Values,
            ParseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return new GeneratorHarness(driver, compilation, texts, options);
    }

    /// <summary>Runs the generator; returns what this run produced.</summary>
    public GeneratorDriverRunResult Run()
    {
        Driver = Driver.RunGenerators(Compilation);
        return Driver.GetRunResult();
    }

    /// <summary>Runs the generator and compiles its output; returns every diagnostic of both.</summary>
    public ImmutableArray<Diagnostic> RunAndCompile(out GeneratorDriverRunResult result)
    {
        Driver = Driver.RunGeneratorsAndUpdateCompilation(Compilation, out var output, out var generatorDiagnostics);
        result = Driver.GetRunResult();
        return generatorDiagnostics.AddRange(output.GetDiagnostics());
    }

    /// <summary>Runs the generator and compiles, failing on any error, and returns the assembly as a reference (as a library's build does).</summary>
    public MetadataReference CompileToReference()
    {
        var diagnostics = RunAndCompile(out _);
        Driver.RunGeneratorsAndUpdateCompilation(Compilation, out var output, out _);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    public void AddSyntaxTree(string code, string path) =>
        Compilation = Compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(code, ParseOptions, path: path));

    public void AddLexicon(string path, string text)
    {
        var added = new InMemoryAdditionalText(path, text);
        _options.Tag(path);
        Driver = Driver.AddAdditionalTexts([added]);
        _additionalTexts[path] = added;
    }

    public void ReplaceLexicon(string path, string text)
    {
        var replacement = new InMemoryAdditionalText(path, text);
        Driver = Driver.ReplaceAdditionalText(_additionalTexts[path], replacement);
        _additionalTexts[path] = replacement;
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class TestOptionsProvider(IEnumerable<string> lexiconPaths, Dictionary<string, string> globalOptions) : AnalyzerConfigOptionsProvider
    {
        private readonly HashSet<string> _lexicons = [.. lexiconPaths];

        public void Tag(string path) => _lexicons.Add(path);

        public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(globalOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            _lexicons.Contains(textFile.Path)
                ? new DictionaryOptions(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.WispXrpcLexicon"] = "true" })
                : DictionaryOptions.Empty;
    }

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new([]);

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}

/// <summary>A lexicon file for a test; <paramref name="Tagged"/> false stands for a JSON file the package did not tag.</summary>
internal sealed record LexiconFile(string Path, string Text, bool Tagged = true)
{
    public static LexiconFile FromRepository(string fileName) =>
        new($"/project/lexicons/{fileName}", File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "lexicons", fileName)));
}
