using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Wisp.Xrpc.Tests;

/// <summary>
/// The reference implementation's XRPC server and client (tests/reference: @atproto/xrpc-server and @atproto/xrpc,
/// pinned in its package-lock.json, installed by test.sh with <c>npm ci</c>), run with the machine's Node.
/// </summary>
public static class ReferencePeers
{
    public static string Folder { get; } = FindFolder();

    /// <summary>Runs <c>node script args</c> in tests/reference, writes <paramref name="stdin"/>, and returns its standard output.</summary>
    public static async Task<string> RunAsync(string script, IEnumerable<string> arguments, string? stdin = null, TimeSpan? timeout = null)
    {
        using var process = Start(script, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish: {await errors}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {await errors}");
        }

        return await output;
    }

    /// <summary>Starts a long-running script (the reference server).</summary>
    public static Process Start(string script, IEnumerable<string> arguments)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "@atproto", "xrpc-server")))
        {
            throw new InvalidOperationException($"The reference packages are not installed: run `npm ci` in {Folder} (test.sh does).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
    }

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "reference");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/reference not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The reference server (tests/reference/server.mjs) serving the client tests' lexicons on 127.0.0.1.</summary>
public sealed class ReferenceServerFixture : IAsyncLifetime
{
    /// <summary>The audience the reference server's whoami expects.</summary>
    public const string ServiceDid = "did:web:reference.test";

    /// <summary>The issuer whose key the reference server knows (passed with <c>--signer</c>).</summary>
    public const string SignerDid = "did:plc:clientclientclientclient";

    private Process? _process;

    public Uri Address { get; private set; } = null!;

    public Wisp.Xrpc.ServiceAuth.AtprotoSigningKey SignerKey { get; } = Wisp.Xrpc.ServiceAuth.AtprotoSigningKey.Generate(Wisp.Xrpc.ServiceAuth.AtprotoCurve.Secp256k1);

    public async Task InitializeAsync()
    {
        _process = ReferencePeers.Start("server.mjs", ["--signer", $"{SignerDid}={SignerKey.DidKey}"]);
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
            ?? throw new InvalidOperationException("The reference server exited: " + await _process.StandardError.ReadToEndAsync());
        using var ready = JsonDocument.Parse(line);
        Address = new Uri($"http://127.0.0.1:{ready.RootElement.GetProperty("port").GetInt32()}/");
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        SignerKey.Dispose();
    }
}
