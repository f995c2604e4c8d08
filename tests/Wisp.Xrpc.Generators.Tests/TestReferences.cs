using Microsoft.CodeAnalysis;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>
/// Metadata references for test compilations, built from the reference packs of the SDK that runs the tests
/// (no download at test time), plus the Wisp.Xrpc runtime the generated code calls.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> All = new(Load);

    public static IReadOnlyList<MetadataReference> NetAndAspNetCore => All.Value;

    private static IReadOnlyList<MetadataReference> Load()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var paths = new List<string>();
        foreach (var pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
        {
            var versions = Path.Combine(dotnetRoot, "packs", pack);
            var newest = Directory.Exists(versions)
                ? Directory.GetDirectories(versions)
                    .Where(d => Path.GetFileName(d).StartsWith($"{Environment.Version.Major}.", StringComparison.Ordinal))
                    .OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0))
                    .LastOrDefault()
                : null;
            var refDirectory = newest is null ? null : Path.Combine(newest, "ref", $"net{Environment.Version.Major}.0");
            if (refDirectory is null || !Directory.Exists(refDirectory))
            {
                throw new InvalidOperationException($"The reference pack {pack} for .NET {Environment.Version.Major} is not installed under {dotnetRoot}/packs.");
            }

            paths.AddRange(Directory.GetFiles(refDirectory, "*.dll"));
        }

        paths.Add(typeof(Wisp.Xrpc.XrpcMethod).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
