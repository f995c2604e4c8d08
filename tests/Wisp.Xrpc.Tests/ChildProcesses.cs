using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wisp.Xrpc.Tests;

/// <summary>Helpers for tests that run an app as a separate process.</summary>
internal static class ChildProcesses
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls the app until it answers HTTP; fails with its output if it exits first.</summary>
    public static async Task WaitUntilListeningAsync(HttpClient client, Process app, Func<string> output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (app.HasExited)
            {
                Assert.Fail($"the app exited with {app.ExitCode}:\n{output()}");
            }

            try
            {
                await client.GetAsync("/");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("the app did not start listening within 60 s");
    }
}
