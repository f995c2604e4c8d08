using Microsoft.CodeAnalysis.Diagnostics;

namespace Wisp.Xrpc.Generators;

/// <summary>The MSBuild properties the generator reads (made visible by the package's props file).</summary>
internal sealed record GeneratorOptions(string RootNamespace)
{
    /// <summary>Set by the package's props for each lexicon file; other JSON additional files are ignored.</summary>
    public const string LexiconMetadataKey = "build_metadata.AdditionalFiles.WispXrpcLexicon";

    private const string NamespaceProperty = "build_property.WispXrpcNamespace";
    private const string ProjectRootNamespaceProperty = "build_property.RootNamespace";

    public static GeneratorOptions From(AnalyzerConfigOptions options)
    {
        if (options.TryGetValue(NamespaceProperty, out var configured) && !string.IsNullOrWhiteSpace(configured))
        {
            return new GeneratorOptions(configured.Trim());
        }

        // Default: the project's root namespace + ".Lexicons", so generated types never collide with the user's own.
        return options.TryGetValue(ProjectRootNamespaceProperty, out var root) && !string.IsNullOrWhiteSpace(root)
            ? new GeneratorOptions(root.Trim() + ".Lexicons")
            : new GeneratorOptions("Lexicons");
    }
}
