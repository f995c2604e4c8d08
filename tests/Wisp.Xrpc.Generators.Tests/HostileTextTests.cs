using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>Lexicon text is data: no description, name or value can end a comment or a literal and become code.</summary>
public sealed class HostileTextTests
{
    /// <summary>Every C# line terminator, then a member declaration.</summary>
    public static TheoryData<string> Terminators => new() { "\\r", "\\n", "\\r\\n", "\\u0085", "\\u2028", "\\u2029" };

    [Theory]
    [MemberData(nameof(Terminators))]
    public void A_line_terminator_in_any_text_never_becomes_code(string terminator)
    {
        var hostile = $"Hello{terminator}public const int Injected = 42;{terminator}*/ </summary> <see cref=\\\"x\\\"/> & \\\" \\\\ \\ud83d\\ude00";
        var result = NameCollisionTests.Compile("""
            {"lexicon": 1, "id": "com.example.hostile", "description": "HOSTILE", "defs": {
              "main": {"type": "procedure", "description": "HOSTILE",
                "input": {"encoding": "application/json", "description": "HOSTILE", "schema": {"type": "object", "properties": {
                  "HOSTILE": {"type": "string", "description": "HOSTILE", "default": "HOSTILE", "knownValues": ["HOSTILE", "aTERMINATORb"]},
                  "u": {"type": "union", "description": "HOSTILE", "refs": ["#thing"]}}}},
                "errors": [{"name": "HOSTILE", "description": "HOSTILE"}]},
              "thing": {"type": "object", "description": "HOSTILE", "properties": {"x": {"type": "string", "const": "HOSTILE"}}},
              "tok": {"type": "token", "description": "HOSTILE"},
              "kind": {"type": "string", "description": "HOSTILE", "knownValues": ["HOSTILE"]}}}
            """.Replace("HOSTILE", hostile, StringComparison.Ordinal).Replace("TERMINATOR", terminator, StringComparison.Ordinal));

        foreach (var tree in result.Trees)
        {
            var members = tree.GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>().Select(v => v.Identifier.ValueText);
            Assert.DoesNotContain("Injected", members);
        }

        var source = result.Source("com.example.hostile");
        Assert.DoesNotContain("&lt;see cref=", source.Split("A member of")[1].Split('\n')[0]);
        Assert.Contains("<see cref=\"global::TestApp.Lexicons.Com.Example.Hostile.Thing\"/>", source);
    }

    [Fact]
    public void A_lone_surrogate_is_an_invalid_json_diagnostic()
    {
        var harness = GeneratorHarness.Create(new LexiconFile("/p/lexicons/x.json", """{"lexicon": 1, "id": "com.example.a", "defs": {"main": {"type": "object", "properties": {"\ud800": {"type": "string"}}}}}"""));
        var diagnostics = harness.RunAndCompile(out _);
        Assert.Contains(diagnostics, d => d.Id == "WXRPC001" && d.GetMessage().Contains("surrogate", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("CS", StringComparison.Ordinal));
    }

    [Fact]
    public void Literals_of_every_kind_of_text_compile_back_to_the_same_text()
    {
        string[] texts = ["plain", "\"quoted\" \\ back", "line\r\nbreak\u0085nel\u2028ls\u2029ps", "\0\u0001\u001f\u007f", "😀 non-BMP", "\uFEFF bom", "{0} {{x}}"];
        foreach (var text in texts)
        {
            var literal = Emitting.SourceWriter.Literal(text);
            var parsed = (LiteralExpressionSyntax)SyntaxFactory.ParseExpression(literal);
            Assert.False(parsed.ContainsDiagnostics, literal);
            Assert.Equal(text, parsed.Token.ValueText);
            Assert.DoesNotContain(literal, c => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029');
        }
    }
}
