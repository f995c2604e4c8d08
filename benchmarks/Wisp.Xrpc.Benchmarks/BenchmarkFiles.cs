namespace Wisp.Xrpc.Benchmarks;

/// <summary>Where the repository is, for benchmarks that read its files (the same bytes the JavaScript side reads).</summary>
internal static class BenchmarkFiles
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Wisp.Xrpc.Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Wisp.Xrpc.Generators.sln not found");
    }
}
