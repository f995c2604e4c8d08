using Microsoft.CodeAnalysis;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>Broken lexicons become diagnostics at their line and column; the generator never throws.</summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void Invalid_json_is_WXRPC001_at_the_offending_character()
    {
        // Line 4 (1-based) has a trailing comma; the error is at the "}" after it, column 40.
        const string text = "{\n  \"lexicon\": 1,\n  \"id\": \"com.example.bad\",\n  \"defs\": { \"main\": { \"type\": \"token\", } }\n}";
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        AssertAt(diagnostic, line: 4, column: 40);
        Assert.Contains("property name", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unterminated_file_is_WXRPC001_at_the_end()
    {
        var diagnostic = Assert.Single(Diagnostics("{\n  \"id\": \"com.example.a\""));
        Assert.Equal("WXRPC001", diagnostic.Id);
        AssertAt(diagnostic, line: 2, column: 24);
    }

    [Fact]
    public void Missing_id_is_WXRPC003_at_the_document_start()
    {
        const string text = "\n\n  {\n    \"lexicon\": 1,\n    \"defs\": {}\n  }\n";
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC003", diagnostic.Id);
        AssertAt(diagnostic, line: 3, column: 3);
    }

    [Fact]
    public void Invalid_id_is_WXRPC003_at_the_id_value()
    {
        const string text = "{\n  \"lexicon\": 1,\n  \"id\": \"not-an-nsid\",\n  \"defs\": {}\n}";
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC003", diagnostic.Id);
        AssertAt(diagnostic, line: 3, column: 9);
        Assert.Contains("not-an-nsid", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_lexicon_version_is_WXRPC002()
    {
        var diagnostic = Assert.Single(Diagnostics("{\"lexicon\": 2, \"id\": \"com.example.a\", \"defs\": {}}"));
        Assert.Equal("WXRPC002", diagnostic.Id);
        AssertAt(diagnostic, line: 1, column: 13);
    }

    [Fact]
    public void Unknown_type_is_WXRPC006_at_the_type_value()
    {
        const string text = "{\"lexicon\": 1, \"id\": \"com.example.a\",\n \"defs\": {\"main\": {\"type\": \"strnig\"}}}";
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC006", diagnostic.Id);
        AssertAt(diagnostic, line: 2, column: 28);
    }

    [Fact]
    public void Required_names_an_undeclared_property_is_WXRPC007()
    {
        const string text = """
            {"lexicon": 1, "id": "com.example.a", "defs": {"main": {"type": "procedure",
              "input": {"encoding": "application/json", "schema": {"type": "object", "required": ["nmae"], "properties": {"name": {"type": "string"}}}}}}}
            """;
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC007", diagnostic.Id);
        AssertAt(diagnostic, line: 2, column: 87);
    }

    [Fact]
    public void Procedure_not_named_main_is_WXRPC008()
    {
        var diagnostic = Assert.Single(Diagnostics("{\"lexicon\": 1, \"id\": \"com.example.a\", \"defs\": {\"other\": {\"type\": \"procedure\"}}}"));
        Assert.Equal("WXRPC008", diagnostic.Id);
        AssertAt(diagnostic, line: 1, column: 48);
    }

    [Fact]
    public void Two_files_with_one_id_are_WXRPC009_and_emitted_once()
    {
        const string text = "{\"lexicon\": 1, \"id\": \"com.example.same\", \"defs\": {\"main\": {\"type\": \"procedure\"}}}";
        var harness = GeneratorHarness.Create(new LexiconFile("/p/lexicons/a.json", text), new LexiconFile("/p/lexicons/b.json", text));
        var diagnostics = harness.RunAndCompile(out var result);

        var duplicate = Assert.Single(diagnostics);
        Assert.Equal("WXRPC009", duplicate.Id);
        Assert.Equal("/p/lexicons/b.json", duplicate.Location.GetLineSpan().Path);
        Assert.Single(result.GeneratedTrees, t => t.FilePath.EndsWith("com.example.same.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Ref_to_a_token_is_WXRPC011_at_the_ref()
    {
        const string text = """
            {"lexicon": 1, "id": "com.example.a", "defs": {"tok": {"type": "token"},
              "main": {"type": "object", "properties": {"t": {"type": "ref", "ref": "#tok"}}}}}
            """;
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC011", diagnostic.Id);
        AssertAt(diagnostic, line: 2, column: 73);
    }

    [Fact]
    public void Ref_to_a_token_of_another_lexicon_is_WXRPC011()
    {
        var harness = GeneratorHarness.Create(
            new LexiconFile("/p/lexicons/a.json", """{"lexicon": 1, "id": "com.example.a", "defs": {"tok": {"type": "token"}}}"""),
            new LexiconFile("/p/lexicons/b.json", """{"lexicon": 1, "id": "com.example.b", "defs": {"main": {"type": "object", "properties": {"t": {"type": "ref", "ref": "com.example.a#tok"}}}}}"""));
        var diagnostic = Assert.Single(harness.RunAndCompile(out _));
        Assert.Equal("WXRPC011", diagnostic.Id);
        Assert.Equal("/p/lexicons/b.json", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void Union_member_that_is_not_an_object_is_WXRPC012_at_the_ref()
    {
        const string text = """
            {"lexicon": 1, "id": "com.example.a", "defs": {"s": {"type": "string"},
              "main": {"type": "object", "properties": {"u": {"type": "union", "refs": ["#s"]}}}}}
            """;
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC012", diagnostic.Id);
        AssertAt(diagnostic, line: 2, column: 77);
    }

    [Fact]
    public void Body_schema_ref_to_a_string_is_WXRPC012()
    {
        const string text = """
            {"lexicon": 1, "id": "com.example.a", "defs": {"s": {"type": "string"},
              "main": {"type": "query", "output": {"encoding": "application/json", "schema": {"type": "ref", "ref": "#s"}}}}}
            """;
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC012", diagnostic.Id);
        Assert.Contains("body schema", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Const_with_default_is_WXRPC013_at_the_default()
    {
        const string text = """
            {"lexicon": 1, "id": "com.example.a", "defs": {
              "main": {"type": "object", "properties": {"n": {"type": "integer", "const": 1, "default": 1}}}}}
            """;
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC013", diagnostic.Id);
        AssertAt(diagnostic, line: 2, column: 93);
    }

    [Theory]
    [InlineData("{\"type\": \"integer\", \"minimum\": 5, \"maximum\": 1}", "minimum")]
    [InlineData("{\"type\": \"string\", \"minLength\": 5, \"maxLength\": 1}", "minLength")]
    [InlineData("{\"type\": \"string\", \"minGraphemes\": 5, \"maxGraphemes\": 1}", "minGraphemes")]
    [InlineData("{\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"minLength\": 5, \"maxLength\": 1}", "minLength")]
    [InlineData("{\"type\": \"bytes\", \"minLength\": 5, \"maxLength\": 1}", "minLength")]
    public void Minimum_above_maximum_is_WXRPC014_at_the_minimum(string property, string key)
    {
        var text = "{\"lexicon\": 1, \"id\": \"com.example.a\", \"defs\": {\"main\": {\"type\": \"object\", \"properties\": {\"p\": " + property + "}}}}";
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC014", diagnostic.Id);
        var at = text.IndexOf("\"" + key + "\": 5", StringComparison.Ordinal) + key.Length + 4;
        AssertAt(diagnostic, line: 1, column: at + 1);
    }

    [Fact]
    public void Empty_closed_union_is_WXRPC015_at_closed()
    {
        const string text = """
            {"lexicon": 1, "id": "com.example.a", "defs": {
              "main": {"type": "object", "properties": {"u": {"type": "union", "refs": [], "closed": true}}}}}
            """;
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC015", diagnostic.Id);
        AssertAt(diagnostic, line: 2, column: 90);
    }

    [Fact]
    public void Unsupported_feature_is_a_warning_and_the_rest_still_compiles()
    {
        const string text = """
            {"lexicon": 1, "id": "com.example.a", "defs": {
              "main": {"type": "procedure", "output": {"encoding": "application/json", "schema": {"type": "union", "refs": ["#view"]}}},
              "view": {"type": "object", "properties": {"n": {"type": "integer"}}}}}
            """;
        var harness = GeneratorHarness.Create(new LexiconFile("/p/lexicons/a.json", text));
        var diagnostics = harness.RunAndCompile(out var result);

        var warning = Assert.Single(diagnostics);
        Assert.Equal("WXRPC100", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("com.example.a#main", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(result.GeneratedTrees, t => t.GetText().ToString().Contains("public sealed partial class View", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ref_to_a_skipped_definition_skips_the_referrer_too_instead_of_crashing()
    {
        const string text = """
            {"lexicon": 1, "id": "com.example.a", "defs": {
              "holder": {"type": "object", "properties": {"inner": {"type": "ref", "ref": "#inner"}}},
              "inner": {"type": "object", "properties": {"b": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}}}},
              "kept": {"type": "object", "properties": {"n": {"type": "integer"}}}}}
            """;
        var harness = GeneratorHarness.Create(new LexiconFile("/p/lexicons/x.json", text));
        var diagnostics = harness.RunAndCompile(out var result);

        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.Equal(2, diagnostics.Count(d => d.Id == "WXRPC100"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'#inner', which is not generated", StringComparison.Ordinal));
        var source = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("com.example.a.g.cs", StringComparison.Ordinal)).GetText().ToString();
        Assert.Contains("class Kept", source, StringComparison.Ordinal);
        Assert.DoesNotContain("class Holder", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"lexicon\"")]
    [InlineData("{")]
    [InlineData("{\"id\": 5}")]
    [InlineData("{\"lexicon\": 1, \"id\": \"com.example.a\", \"defs\": []}")]
    [InlineData("{\"lexicon\": 1, \"id\": \"com.example.a\", \"defs\": {\"main\": 3}}")]
    [InlineData("{\"lexicon\": 1, \"id\": \"com.example.a\", \"defs\": {\"main\": {\"type\": \"procedure\", \"input\": 1, \"errors\": {}}}}")]
    [InlineData("{\"lexicon\": 1, \"id\": \"com.example.a\", \"defs\": {\"main\": {\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"array\"}}}}}")]
    [InlineData("{\"lexicon\": 1, \"id\": \"com.example.a\", \"defs\": {\"main\": {\"type\": \"string\", \"format\": \"weird\"}}}")]
    [InlineData("{\"a\": \"\\uZZZZ\"}")]
    [InlineData("{\"a\": 01}")]
    [InlineData("\uFEFF{\"lexicon\": 1}")]
    public void Any_input_gives_diagnostics_and_never_crashes(string text)
    {
        var harness = GeneratorHarness.Create(new LexiconFile("/p/lexicons/x.json", text));
        var diagnostics = harness.RunAndCompile(out var result);

        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.Contains(diagnostics, d => d.Id.StartsWith("WXRPC", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("CS", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Deep_nesting_is_a_diagnostic_not_a_stack_overflow()
    {
        var text = new string('[', 100_000) + new string(']', 100_000);
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC001", diagnostic.Id);
    }

    [Fact]
    public void Json_files_not_tagged_as_lexicons_are_ignored()
    {
        var harness = GeneratorHarness.Create(new LexiconFile("/p/appsettings.json", "{ not json", Tagged: false));
        var diagnostics = harness.RunAndCompile(out var result);

        Assert.Empty(diagnostics);
        var endpoints = Assert.Single(result.GeneratedTrees);
        Assert.EndsWith("WispXrpcEndpoints.g.cs", endpoints.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_written_twice_is_WXRPC016_anywhere_and_the_last_one_counts()
    {
        const string text = """
            {"lexicon": 1, "id": "com.example.a", "defs": {
              "main": {"type": "object", "properties": {"n": {"type": "integer"}, "n": {"type": "string"}}},
              "main": {"type": "object", "properties": {"s": {"type": "string", "type": "string"}}}}}
            """;
        var harness = GeneratorHarness.Create(new LexiconFile("/p/lexicons/x.json", text));
        var diagnostics = harness.RunAndCompile(out var result);

        Assert.Equal(3, diagnostics.Count(d => d.Id == "WXRPC016"));
        AssertAt(diagnostics.Single(d => d.Id == "WXRPC016" && d.GetMessage().Contains("\"main\"", StringComparison.Ordinal)), line: 3, column: 3);
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("CS", StringComparison.Ordinal));
        var source = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("com.example.a.g.cs", StringComparison.Ordinal)).GetText().ToString();
        Assert.Contains("public string? S { get; init; }", source, StringComparison.Ordinal);
        Assert.DoesNotContain("Main2", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"maxLength\": \"5\"", "\"maxLength\" must be an integer")]
    [InlineData("\"minLength\": 1.5", "must be an integer")]
    [InlineData("\"maxLength\": 1e30", "must be an integer")]
    [InlineData("\"knownValues\": \"a\"", "must be an array of strings")]
    [InlineData("\"enum\": [1]", "\"enum[]\" must be a string")]
    [InlineData("\"const\": 5", "\"const\" must be a string")]
    public void A_malformed_constraint_value_is_WXRPC005_at_the_value(string constraint, string message)
    {
        var text = "{\"lexicon\": 1, \"id\": \"com.example.a\", \"defs\": {\"main\": {\"type\": \"object\", \"properties\": {\"s\": {\"type\": \"string\", " + constraint + "}}}}}";
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC005", diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
        var valueStart = text.IndexOf(constraint, StringComparison.Ordinal) + constraint.IndexOf(':') + 2;
        Assert.InRange(diagnostic.Location.SourceSpan.Start, valueStart, valueStart + 1);
    }

    [Fact]
    public void An_integer_written_as_1e3_is_the_integer_1000()
    {
        var harness = GeneratorHarness.Create(new LexiconFile("/p/lexicons/x.json", """{"lexicon": 1, "id": "com.example.a", "defs": {"main": {"type": "object", "properties": {"s": {"type": "string", "maxLength": 1e3, "minLength": 2.0}}}}}"""));
        Assert.Empty(harness.RunAndCompile(out var result));
        Assert.Contains("StringLength(s, path, \"s\", 2L, 1000L)", result.GeneratedTrees[0].GetText().ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ref", "\"ref\": \"#other\"")]
    [InlineData("union", "\"refs\": [\"#other\"]")]
    [InlineData("unknown", "\"description\": \"x\"")]
    [InlineData("params", "\"properties\": {}")]
    [InlineData("permission", "\"resource\": \"repo\"")]
    public void A_type_that_exists_only_in_place_is_WXRPC017_as_a_named_definition(string type, string body)
    {
        var text = "{\"lexicon\": 1, \"id\": \"com.example.a\", \"defs\": {\"other\": {\"type\": \"object\", \"properties\": {}}, \"named\": {\"type\": \"" + type + "\", " + body + "}}}";
        var diagnostic = Assert.Single(Diagnostics(text));
        Assert.Equal("WXRPC017", diagnostic.Id);
        Assert.Contains($"is a {type}", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Refs_through_other_lexicons_resolve_or_are_reported_never_crash()
    {
        var harness = GeneratorHarness.Create(
            new LexiconFile("/p/lexicons/a.json", """
                {"lexicon": 1, "id": "com.example.a", "defs": {
                  "kind": {"type": "string", "knownValues": ["x", "y"], "maxLength": 5},
                  "list": {"type": "array", "items": {"type": "ref", "ref": "#obj"}},
                  "obj": {"type": "object", "properties": {}},
                  "alias": {"type": "ref", "ref": "#obj"}}}
                """),
            new LexiconFile("/p/lexicons/b.json", """
                {"lexicon": 1, "id": "com.example.b", "defs": {
                  "main": {"type": "object", "properties": {"kind": {"type": "ref", "ref": "com.example.a#kind"}, "list": {"type": "ref", "ref": "com.example.a#list"}}},
                  "nested": {"type": "object", "properties": {"lists": {"type": "array", "items": {"type": "ref", "ref": "com.example.a#list"}}}},
                  "viaAlias": {"type": "object", "properties": {"o": {"type": "ref", "ref": "com.example.a#alias"}}},
                  "badUnion": {"type": "object", "properties": {"u": {"type": "union", "refs": ["com.example.a#kind"]}}}}}
                """));
        var diagnostics = harness.RunAndCompile(out var result);

        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("CS", StringComparison.Ordinal));
        Assert.Single(diagnostics, d => d.Id == "WXRPC017");
        Assert.Single(diagnostics, d => d.Id == "WXRPC012");
        Assert.Contains(diagnostics, d => d.Id == "WXRPC100" && d.GetMessage().Contains("array of arrays", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "WXRPC100" && d.GetMessage().Contains("com.example.b#viaAlias", StringComparison.Ordinal));
        var b = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("com.example.b.g.cs", StringComparison.Ordinal)).GetText().ToString();
        Assert.Contains("StringLength(kind, path, \"kind\", 0L, 5L)", b, StringComparison.Ordinal);
        Assert.Contains("IReadOnlyList<global::TestApp.Lexicons.Com.Example.A.Obj>? List", b, StringComparison.Ordinal);
        Assert.DoesNotContain("class Nested", b, StringComparison.Ordinal);
        Assert.DoesNotContain("class ViaAlias", b, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_chain_and_a_cycle_of_object_refs_bind_without_recursion()
    {
        var chain = string.Join(",\n", Enumerable.Range(0, 2000).Select(i => $"\"d{i}\": {{\"type\": \"object\", \"properties\": {{\"next\": {{\"type\": \"ref\", \"ref\": \"#d{i + 1}\"}}}}}}"));
        var text = "{\"lexicon\": 1, \"id\": \"com.example.chain\", \"defs\": {" + chain + ",\n\"d2000\": {\"type\": \"object\", \"properties\": {\"back\": {\"type\": \"ref\", \"ref\": \"#d0\"}, \"gone\": {\"type\": \"ref\", \"ref\": \"#missing\"}}}}}";
        var harness = GeneratorHarness.Create(new LexiconFile("/p/lexicons/x.json", text));
        var result = harness.Run();

        Assert.All(result.Results, r => Assert.Null(r.Exception));
        var unresolved = Assert.Single(result.Diagnostics, d => d.Id == "WXRPC010");
        Assert.Contains("#missing", unresolved.GetMessage(), StringComparison.Ordinal);

        // The missing ref drops d2000, and with it every definition that reaches it: the whole chain (2000 refs to a
        // dropped definition, and d2000's own ref back to d0).
        Assert.Equal(2001, result.Diagnostics.Count(d => d.Id == "WXRPC100"));
        Assert.DoesNotContain("class D0", result.GeneratedTrees.Single(t => t.FilePath.EndsWith("com.example.chain.g.cs", StringComparison.Ordinal)).GetText().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_lexicon_of_another_shape_gets_no_built_in_handler_and_WXRPC101()
    {
        var harness = GeneratorHarness.Create(new LexiconFile("/p/lexicons/x.json", """
            {"lexicon": 1, "id": "place.wisp.v2.secret.create", "defs": {"main": {"type": "procedure",
              "input": {"encoding": "application/json", "schema": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}},
              "output": {"encoding": "application/json", "schema": {"type": "object", "required": ["name", "token", "createdAt", "owner"], "properties": {
                "name": {"type": "string"}, "token": {"type": "string"}, "createdAt": {"type": "string"}, "owner": {"type": "string"}}}}}}}
            """));
        var diagnostics = harness.RunAndCompile(out var result);

        var warning = Assert.Single(diagnostics);
        Assert.Equal("WXRPC101", warning.Id);
        Assert.Contains("requires \"owner\"", warning.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("DefaultHandler", string.Concat(result.GeneratedTrees.Select(t => t.GetText().ToString())), StringComparison.Ordinal);
    }

    private static IReadOnlyList<Diagnostic> Diagnostics(string text)
    {
        var harness = GeneratorHarness.Create(new LexiconFile("/p/lexicons/x.json", text));
        return harness.RunAndCompile(out _);
    }

    private static void AssertAt(Diagnostic diagnostic, int line, int column)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.Equal("/p/lexicons/x.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal((line, column), (position.Line + 1, position.Character + 1));
    }
}
