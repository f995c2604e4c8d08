using Microsoft.CodeAnalysis.Diagnostics;
using Wisp.Xrpc.Generators.Binding;

namespace Wisp.Xrpc.Generators;

/// <summary>The MSBuild properties the generator reads (made visible by the package's props file).</summary>
/// <param name="RootNamespace">The namespace of the generated types: always a valid C# namespace.</param>
/// <param name="InvalidNamespace">The configured namespace when it was not one (reported as WXRPC018), else null.</param>
internal sealed record GeneratorOptions(string RootNamespace, string? InvalidNamespace = null)
{
    /// <summary>Set by the package's props for each lexicon file; other JSON additional files are ignored.</summary>
    public const string LexiconMetadataKey = "build_metadata.AdditionalFiles.WispXrpcLexicon";

    private const string NamespaceProperty = "build_property.WispXrpcNamespace";
    private const string ProjectRootNamespaceProperty = "build_property.RootNamespace";

    public static GeneratorOptions From(AnalyzerConfigOptions options)
    {
        // Default: the project's root namespace + ".Lexicons", so generated types never collide with the user's own.
        var configured = options.TryGetValue(NamespaceProperty, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : options.TryGetValue(ProjectRootNamespaceProperty, out var root) && !string.IsNullOrWhiteSpace(root)
                ? root.Trim() + ".Lexicons"
                : "Lexicons";
        return CSharpNames.IsNamespace(configured)
            ? new GeneratorOptions(configured)
            : new GeneratorOptions(CSharpNames.ToNamespace(configured), configured);
    }
}
