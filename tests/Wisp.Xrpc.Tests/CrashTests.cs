using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Wisp.Xrpc.Hosting;
using Wisp.Xrpc.Secrets;

namespace Wisp.Xrpc.Tests;

/// <summary>The example app killed with SIGKILL in the middle of a create load loses no create it answered 200.</summary>
public sealed class CrashTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wisp-crash-").FullName;

    [Fact]
    public async Task Every_create_answered_200_before_kill_9_is_there_after_restart_and_decrypts()
    {
        var acknowledged = new ConcurrentDictionary<string, string>();
        var port = ChildProcesses.FreePort();
        using (var app = StartExample(port))
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            await ChildProcesses.WaitUntilListeningAsync(client, app, () => string.Empty);

            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var name = $"w{worker}-{i}";
                    try
                    {
                        var request = new HttpRequestMessage(HttpMethod.Post, "/xrpc/place.wisp.v2.secret.create")
                        {
                            Content = new StringContent($$"""{"name":"{{name}}"}""", Encoding.UTF8, "application/json"),
                        };
                        request.Headers.TryAddWithoutValidation("Authorization", "DevDid did:plc:crash");
                        var response = await client.SendAsync(request, stop.Token);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop.Token));
                            acknowledged[name] = body.RootElement.GetProperty("token").GetString()!;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                    {
                        // The server is gone (killed) or we are stopping: this create was not acknowledged.
                    }
                }
            })).ToArray();

            // Let the load build up, then kill the process outright (SIGKILL: no shutdown, no flush).
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (acknowledged.Count < 200 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            app.Kill();
            await app.WaitForExitAsync();
            await Task.Delay(200);
            stop.Cancel();
            await Task.WhenAll(workers);
        }

        Assert.True(acknowledged.Count >= 200, $"only {acknowledged.Count} creates before the kill");

        // Restarted on the same files, the app lists every acknowledged create.
        port = ChildProcesses.FreePort();
        using (var app = StartExample(port))
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ChildProcesses.WaitUntilListeningAsync(client, app, () => string.Empty);
            var request = new HttpRequestMessage(HttpMethod.Get, "/xrpc/place.wisp.v2.secret.list");
            request.Headers.TryAddWithoutValidation("Authorization", "DevDid did:plc:crash");
            var listed = (await XrpcAssert.OkAsync(await client.SendAsync(request))).GetProperty("secrets").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToHashSet();
            Assert.Superset(acknowledged.Keys.ToHashSet(), listed!);
            app.Kill();
            await app.WaitForExitAsync();
        }

        // And every token decrypts to exactly what the client was given.
        using var storage = new SqliteSecretStorage(_root, NullLoggerFactory.Instance, new WispSecretStoreOptions());
        foreach (var (name, token) in acknowledged)
        {
            Assert.Equal(token, (await storage.Store.FindAsync("did:plc:crash", name))?.Token);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private Process StartExample(int port)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "example", "Wisp.Xrpc.Example.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project copies the example's build output there");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--contentRoot", _root, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
