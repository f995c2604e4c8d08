using System.Text;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>The seed lexicon and its family: exact output, compiled with warnings (documentation included) as failures.</summary>
public sealed class SeedLexiconTests
{
    private const string LexiconName = "place.wisp.v2.secret.create.json";
    private static readonly string[] GeneratedFiles = ["place.wisp.v2.secret.create.g.cs", "WispXrpcEndpoints.g.cs"];

    // User code that touches every generated entry point, so a change of shape fails to compile here.
    private const string UserCode = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using TestApp.Lexicons.Place.Wisp.V2.Secret;

        namespace TestApp;

        /// <summary>A user's handler.</summary>
        public sealed class MyCreateHandler : Create.IHandler
        {
            /// <inheritdoc />
            public System.Threading.Tasks.ValueTask<Create.Output> HandleAsync(Create.Input input, Wisp.Xrpc.XrpcCallContext context) =>
                new(new Create.Output { Name = input.Name, Token = "wsk_x", CreatedAt = "2026-01-01T00:00:00.000Z" });
        }

        /// <summary>A user's startup.</summary>
        public static class Startup
        {
            /// <summary>Maps the endpoints.</summary>
            public static void Map(WebApplication app) => app.MapWispXrpc().WithTags("xrpc");
        }
        """;

    private const string MapOnly = """
        using Microsoft.AspNetCore.Builder;

        namespace TestApp;

        /// <summary>A user's startup.</summary>
        public static class Startup
        {
            /// <summary>Maps the endpoints.</summary>
            public static void Map(WebApplication app) => app.MapWispXrpc();
        }
        """;

    [Fact]
    public Task Generates_the_expected_files_and_they_compile_without_warnings() =>
        VerifyAsync(LexiconName, UserCode, GeneratedFiles[0]);

    /// <summary>The rest of the family: a query with a local ref (list), optional input (rotate), no output (delete).</summary>
    [Theory]
    [InlineData("place.wisp.v2.secret.list")]
    [InlineData("place.wisp.v2.secret.rotate")]
    [InlineData("place.wisp.v2.secret.delete")]
    public Task The_secret_family_generates_the_expected_file_and_compiles_without_warnings(string nsid) =>
        VerifyAsync(nsid + ".json", MapOnly, nsid + ".g.cs", endpointsSnapshot: nsid + ".endpoints.g.cs");

    private static async Task VerifyAsync(string lexiconName, string userCode, string documentFile, string endpointsSnapshot = "WispXrpcEndpoints.g.cs")
    {
        var lexiconPath = "/project/lexicons/" + lexiconName;
        if (Snapshots.Updating)
        {
            var harness = GeneratorHarness.Create(LexiconFile.FromRepository(lexiconName));
            foreach (var generated in harness.Run().GeneratedTrees)
            {
                var name = Path.GetFileName(generated.FilePath);
                Snapshots.Write(name == "WispXrpcEndpoints.g.cs" ? endpointsSnapshot : name, generated.GetText().ToString());
            }
        }

        var test = new CSharpSourceGeneratorTest<XrpcGenerator, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies($"net{Environment.Version.Major}.0"),
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.NetAndAspNetCore);
        test.TestState.Sources.Add(userCode);
        test.TestState.AdditionalFiles.Add((lexiconPath, LexiconFile.FromRepository(lexiconName).Text));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"""
            is_global = true
            build_property.RootNamespace = TestApp

            [{lexiconPath}]
            build_metadata.AdditionalFiles.WispXrpcLexicon = true
            """));
        test.TestState.GeneratedSources.Add((typeof(XrpcGenerator), documentFile, SourceText.From(Snapshots.Read(documentFile), Encoding.UTF8)));
        test.TestState.GeneratedSources.Add((typeof(XrpcGenerator), "WispXrpcEndpoints.g.cs", SourceText.From(Snapshots.Read(endpointsSnapshot), Encoding.UTF8)));
        var exportFile = Path.GetFileNameWithoutExtension(lexiconName) + "_lexicon.g.cs";
        test.TestState.GeneratedSources.Add((typeof(XrpcGenerator), exportFile, SourceText.From(Snapshots.Read(exportFile), Encoding.UTF8)));

        await test.RunAsync();
    }

    [Fact]
    public void Generated_code_names_the_handler_input_output_and_method()
    {
        var snapshot = Snapshots.Read("place.wisp.v2.secret.create.g.cs");
        Assert.Contains("namespace TestApp.Lexicons.Place.Wisp.V2.Secret", snapshot);
        Assert.Contains("public required string Name { get; init; }", snapshot);
        Assert.Contains("RequiresAuthentication: true", snapshot);
        Assert.Contains("/// Unique name for this secret, scoped to the caller DID.", snapshot);
        Assert.Contains("LexiconFormat.RecordKey", snapshot);
        Assert.Contains("internal sealed class DefaultHandler", snapshot);
    }
}
