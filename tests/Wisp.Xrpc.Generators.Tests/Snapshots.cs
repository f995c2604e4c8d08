using System.Runtime.CompilerServices;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>
/// Expected generated files, kept in Snapshots/. Set WISP_UPDATE_SNAPSHOTS=1 to rewrite them from the generator's
/// current output, then read the diff before committing it.
/// </summary>
internal static class Snapshots
{
    public static bool Updating => Environment.GetEnvironmentVariable("WISP_UPDATE_SNAPSHOTS") == "1";

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Snapshots", name));

    public static void Write(string name, string text, [CallerFilePath] string caller = "") =>
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(caller)!, "Snapshots", name), text);
}
