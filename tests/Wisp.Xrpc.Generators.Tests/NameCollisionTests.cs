using Microsoft.CodeAnalysis;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>
/// Lexicon sets whose names collide once they are C# (issue #11): each compiles with no error and no warning, with
/// names chosen by rule, and a WXRPC200 note where a name is not the one the lexicon asked for.
/// </summary>
public sealed class NameCollisionTests
{
    [Fact]
    public void A_lexicon_whose_nsid_is_the_namespace_of_others_is_renamed_and_everything_compiles()
    {
        var result = Compile(
            """{"lexicon": 1, "id": "com.example.repo", "defs": {"main": {"type": "record", "key": "tid", "record": {"type": "object", "properties": {"name": {"type": "string"}}}}}}""",
            """{"lexicon": 1, "id": "com.example.repo.issue", "defs": {"main": {"type": "record", "key": "tid", "record": {"type": "object", "properties": {"repo": {"type": "ref", "ref": "com.example.repo"}}}}}}""",
            """{"lexicon": 1, "id": "com.example.repo.pull", "defs": {"main": {"type": "object", "properties": {"status": {"type": "ref", "ref": "com.example.repo.pull.status"}}}}}""",
            """{"lexicon": 1, "id": "com.example.repo.pull.status", "defs": {"main": {"type": "object", "properties": {"open": {"type": "boolean"}}}}}""");

        Assert.Contains("public static partial class RepoLexicon", result.Source("com.example.repo"));
        Assert.Contains("global::TestApp.Lexicons.Com.Example.RepoLexicon.Main? Repo", result.Source("com.example.repo.issue"));
        Assert.Contains("public static partial class PullLexicon", result.Source("com.example.repo.pull"));
        Assert.Contains("namespace TestApp.Lexicons.Com.Example.Repo.Pull", result.Source("com.example.repo.pull.status"));
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "WXRPC200"));
        var note = result.Diagnostics.Single(d => d.Id == "WXRPC200" && d.Location.GetLineSpan().Path == "/p/lexicons/0.json");
        Assert.Equal(DiagnosticSeverity.Info, note.Severity);
        Assert.Contains("'RepoLexicon'", note.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("namespace of other lexicons", note.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nsids_equal_after_pascal_casing_get_distinct_classes_and_delegates()
    {
        var result = Compile(
            """{"lexicon": 1, "id": "com.my-app.thing", "defs": {"main": {"type": "query", "output": {"encoding": "application/json", "schema": {"type": "object", "properties": {}}}}}}""",
            """{"lexicon": 1, "id": "com.myApp.thing", "defs": {"main": {"type": "query", "output": {"encoding": "application/json", "schema": {"type": "object", "properties": {}}}}}}""",
            """{"lexicon": 1, "id": "com.ab.c-d.e", "defs": {"main": {"type": "procedure"}}}""",
            """{"lexicon": 1, "id": "com.ab-c.d.e", "defs": {"main": {"type": "procedure"}}}""");

        Assert.Contains("class Thing_", result.Source("com.myApp.thing") + result.Source("com.my-app.thing"));
        Assert.Single(result.Diagnostics, d => d.Id == "WXRPC200");
        var endpoints = result.Source("WispXrpcEndpoints");
        Assert.Contains("mapper.Map(global::TestApp.Lexicons.Com.Ab.CD.E.Endpoint);", endpoints);
        Assert.Contains("mapper.Map(global::TestApp.Lexicons.Com.AbC.D.E.Endpoint);", endpoints);
    }

    [Fact]
    public void Nsids_that_differ_only_in_case_get_distinct_files_and_classes()
    {
        var result = Compile(
            """{"lexicon": 1, "id": "com.example.thing", "defs": {"main": {"type": "object", "properties": {"a": {"type": "string"}}}}}""",
            """{"lexicon": 1, "id": "com.example.Thing", "defs": {"main": {"type": "object", "properties": {"b": {"type": "string"}}}}}""");

        // Roslyn compares file names ignoring case: the second by ordinal order gets a hash in its file name.
        Assert.Equal(5, result.Trees.Select(t => Path.GetFileName(t.FilePath).ToLowerInvariant()).Distinct().Count()); // 2 lexicons, 2 records of them, endpoints
        Assert.Single(result.Trees, t => t.FilePath.EndsWith("com.example.Thing.g.cs", StringComparison.Ordinal));
        Assert.Contains("public static partial class Thing_", result.Source(Path.GetFileName(result.Trees.Single(t => t.FilePath.Contains("com.example.thing.", StringComparison.Ordinal) && !t.FilePath.Contains("_lexicon", StringComparison.Ordinal)).FilePath)));
    }

    [Fact]
    public void Lexicon_classes_named_like_their_members_and_definitions_named_like_object_members_are_renamed()
    {
        var result = Compile(
            """{"lexicon": 1, "id": "com.example.id", "defs": {"main": {"type": "object", "properties": {"id": {"type": "string"}}}}}""",
            """{"lexicon": 1, "id": "com.example.errors", "defs": {"main": {"type": "procedure", "errors": [{"name": "Errors"}, {"name": "ToString"}]}}}""",
            """{"lexicon": 1, "id": "com.example.output", "defs": {"main": {"type": "query", "output": {"encoding": "application/json", "schema": {"type": "object", "properties": {"output": {"type": "string"}}}}}}}""",
            """{"lexicon": 1, "id": "com.example.input", "defs": {"main": {"type": "procedure", "input": {"encoding": "application/json", "schema": {"type": "object", "properties": {}}}}}}""",
            """{"lexicon": 1, "id": "com.example.method", "defs": {"main": {"type": "object", "properties": {}}}}""",
            """
            {"lexicon": 1, "id": "com.example.defs", "defs": {
              "readFrom": {"type": "object", "properties": {}}, "writeTo": {"type": "object", "properties": {}},
              "lexiconPropertyNames": {"type": "object", "properties": {}}, "extensionData": {"type": "object", "properties": {}},
              "id": {"type": "token"}, "defs": {"type": "object", "properties": {}}, "equals": {"type": "object", "properties": {}},
              "input": {"type": "object", "properties": {}}}}
            """);

        Assert.Contains("public static partial class IdLexicon", result.Source("com.example.id"));
        Assert.Contains("public static partial class ErrorsLexicon", result.Source("com.example.errors"));
        Assert.Contains("ErrorsError(", result.Source("com.example.errors"));
        Assert.Contains("ToStringError(", result.Source("com.example.errors"));
        var defs = result.Source("com.example.defs");
        foreach (var name in new[] { "ReadFromDef", "WriteToDef", "LexiconPropertyNamesDef", "ExtensionDataDef", "IdDef", "DefsDef", "EqualsDef", "InputDef" })
        {
            Assert.Contains(name, defs);
        }
    }

    [Fact]
    public void Client_members_are_reserved_and_error_tests_yield_to_error_factories()
    {
        var result = Compile(
            """
            {"lexicon": 1, "id": "com.example.call", "defs": {
              "main": {"type": "procedure", "parameters": {"type": "params", "properties": {"writeQuery": {"type": "string"}, "client": {"type": "string"}}},
                       "errors": [{"name": "Foo"}, {"name": "IsFoo"}, {"name": "isFoo"}]},
              "callAsync": {"type": "object", "properties": {}}}}
            """,
            """{"lexicon": 1, "id": "com.example.callAsync", "defs": {"main": {"type": "query"}}}""");

        var call = result.Source("com.example.call");
        Assert.Contains("public static global::System.Threading.Tasks.Task CallAsync(global::Wisp.Xrpc.Client.XrpcClient client, global::TestApp.Lexicons.Com.Example.Call.Params parameters,", call);
        Assert.Contains("class CallAsyncDef", call);
        Assert.Contains("public string? WriteQueryValue", call);
        Assert.Contains("writer.Add(\"writeQuery\", WriteQueryValue);", call);
        Assert.Contains("public static global::Wisp.Xrpc.XrpcException IsFoo(", call);
        Assert.Contains("public static bool IsFooError(global::Wisp.Xrpc.XrpcException exception) => exception is not null && exception.Is(\"Foo\");", call);
        Assert.Contains("public static bool IsIsFoo(global::Wisp.Xrpc.XrpcException exception) => exception is not null && exception.Is(\"IsFoo\");", call);
        Assert.Contains("public static partial class CallAsyncLexicon", result.Source("com.example.callAsync"));
    }

    [Fact]
    public void Properties_that_collide_with_members_locals_or_each_other_compile()
    {
        var result = Compile(
            """
            {"lexicon": 1, "id": "com.example.props", "defs": {"main": {"type": "object", "nullable": ["foo", "reader"], "properties": {
              "foo": {"type": "string"}, "fooPresent": {"type": "string"}, "fooValue": {"type": "string"},
              "a-b": {"type": "integer"}, "aB": {"type": "integer"}, "AB": {"type": "integer"},
              "toString": {"type": "string"}, "equals": {"type": "string"}, "getHashCode": {"type": "string"}, "getType": {"type": "string"},
              "readJson": {"type": "string"}, "writeJson": {"type": "string"}, "extensionData": {"type": "string"}, "lexiconPropertyNames": {"type": "string"},
              "main": {"type": "string"}, "reader": {"type": "string"}, "path": {"type": "string"}, "index": {"type": "string"}, "writer": {"type": "string"},
              "type": {"type": "string"}, "item": {"type": "array", "items": {"type": "string", "maxLength": 3}}, "i": {"type": "string"}, "e": {"type": "string"},
              "class": {"type": "string"}, "default": {"type": "string", "default": "x"}, "-": {"type": "string"}, "": {"type": "string"}, "3d": {"type": "string"},
              "embed": {"type": "union", "refs": ["#unknown"]}, "iEmbed": {"type": "string"}, "embedObject": {"type": "string"},
              "inline": {"type": "object", "properties": {"inlineObject": {"type": "string"}}}, "inlineObject": {"type": "string"},
              "kind": {"type": "string", "knownValues": ["a", "b"]}, "kindValues": {"type": "string"}
            }},
            "unknown": {"type": "object", "properties": {"unknown": {"type": "string"}}}}}
            """);

        var source = result.Source("com.example.props");
        Assert.Contains("ToStringValue", source);
        Assert.Contains("EqualsValue", source);
        Assert.Contains("MainValue", source);
        // The union's interface wants IEmbed, which the property iEmbed has: the nested type gives way.
        Assert.Contains("public global::TestApp.Lexicons.Com.Example.Props.Main.IEmbedType? Embed", source);
        Assert.Contains("public string? IEmbed", source);
    }

    [Fact]
    public void A_union_member_named_unknown_is_not_shadowed_by_the_nested_unknown_class()
    {
        var result = Compile(
            """
            {"lexicon": 1, "id": "com.example.feed", "defs": {
              "main": {"type": "object", "properties": {"item": {"type": "union", "refs": ["#unknown", "#readJson"]}, "items": {"type": "array", "items": {"type": "union", "refs": ["#unknown"], "closed": true}}}},
              "unknown": {"type": "object", "properties": {}}, "readJson": {"type": "object", "properties": {}}}}
            """);

        Assert.Contains("case \"com.example.feed#unknown\": return global::TestApp.Lexicons.Com.Example.Feed.Unknown.ReadFrom", result.Source("com.example.feed"));
    }

    [Fact]
    public void Known_values_that_are_keywords_or_collide_get_valid_distinct_constants()
    {
        var result = Compile(
            """{"lexicon": 1, "id": "com.example.kv", "defs": {"main": {"type": "string", "knownValues": ["__arglist", "class", "a#x", "b#x", "Main", "equals", "", "#", "com.example.kv#main"]}}}""");

        Assert.Contains("@__arglist", result.Source("com.example.kv"));
    }

    [Fact]
    public void An_invalid_namespace_option_is_WXRPC018_and_the_code_still_compiles()
    {
        var harness = GeneratorHarness.Create(
            new Dictionary<string, string> { ["build_property.WispXrpcNamespace"] = "My-App.2nd.class" },
            new LexiconFile("/p/lexicons/a.json", """{"lexicon": 1, "id": "com.example.a", "defs": {"main": {"type": "procedure"}}}"""));
        var diagnostics = harness.RunAndCompile(out var result);

        var invalid = Assert.Single(diagnostics, d => d.Id == "WXRPC018");
        Assert.Equal(DiagnosticSeverity.Error, invalid.Severity);
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("CS", StringComparison.Ordinal));
        Assert.Contains("namespace MyApp._2nd.Class.Com.Example", result.GeneratedTrees.Single(t => t.FilePath.EndsWith("com.example.a.g.cs", StringComparison.Ordinal)).GetText().ToString());
    }

    /// <summary>Generates and compiles the lexicons; fails on any error or warning but WXRPC200 notes.</summary>
    internal static CompileResult Compile(params string[] lexicons)
    {
        var harness = GeneratorHarness.Create(lexicons.Select((text, i) => new LexiconFile($"/p/lexicons/{i}.json", text)).ToArray());
        var diagnostics = harness.RunAndCompile(out var result);
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        var problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => $"{d.Id} {d.Location.GetLineSpan()}: {d.GetMessage()}").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return new CompileResult(result.GeneratedTrees, diagnostics);
    }

    internal sealed record CompileResult(System.Collections.Immutable.ImmutableArray<SyntaxTree> Trees, System.Collections.Immutable.ImmutableArray<Diagnostic> Diagnostics)
    {
        public string Source(string hint) =>
            Trees.Single(t => Path.GetFileName(t.FilePath) == hint + (hint.EndsWith(".g.cs", StringComparison.Ordinal) ? string.Empty : ".g.cs")).GetText().ToString();
    }
}
