using System.Reflection;
using Microsoft.CodeAnalysis;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Parsing;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>
/// Models flow through the incremental pipeline and are compared between runs; holding a symbol, node,
/// compilation or Location would keep compilations alive and defeat caching.
/// </summary>
public sealed class ModelPurityTests
{
    private static readonly Type[] Forbidden = [typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(Location), typeof(AdditionalText), typeof(SemanticModel)];

    [Fact]
    public void Pipeline_models_hold_no_compiler_objects()
    {
        string[] namespaces = [typeof(LexiconDocument).Namespace!, typeof(Specs.DocumentSpec).Namespace!];
        var roots = typeof(LexiconDocument).Assembly.GetTypes()
            .Where(t => namespaces.Contains(t.Namespace) && !t.IsEnum && !t.IsInterface && (!t.IsAbstract || t == typeof(LexiconType) || t == typeof(Specs.MemberSpec)))
            .Append(typeof(ParsedLexicon))
            .Append(typeof(GeneratorOptions))
            .ToList();
        Assert.Contains(typeof(LexiconMethod), roots);
        Assert.Contains(typeof(Specs.ObjectSpec), roots);

        var seen = new HashSet<Type>();
        foreach (var root in roots)
        {
            Walk(root, root.Name, seen);
        }
    }

    private static void Walk(Type type, string path, HashSet<Type> seen)
    {
        if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
        {
            return;
        }

        Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} is a {type.Name}");
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Walk(argument, $"{path}<{argument.Name}>", seen);
        }

        if (type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true || type.Namespace?.StartsWith("Microsoft", StringComparison.Ordinal) == true)
        {
            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.FieldType, $"{path}.{field.Name}", seen);
        }
    }
}

public sealed class LexiconIndexTests
{
    [Fact]
    public void An_index_equals_a_fresh_copy_after_its_lookups_were_used()
    {
        var summary = new DocumentSummary("com.example.a", new[] { new DefinitionSummary("main", "object", null) }.ToEquatableArray(), EquatableArray<Dependency>.Empty);
        var used = Binding.IndexBuilder.Build([summary]);
        Assert.True(used.Find("com.example.a", "main")!.IsGenerated);

        var fresh = Binding.IndexBuilder.Build([summary]);
        Assert.Equal(fresh, used);
        Assert.Equal(fresh.GetHashCode(), used.GetHashCode());
    }
}
