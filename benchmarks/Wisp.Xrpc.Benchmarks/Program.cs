using System.Diagnostics;
using System.Net.Http.Json;
using BenchmarkDotNet.Running;
using Wisp.Xrpc.Benchmarks;
using Wisp.Xrpc.Benchmarks.Lexicons.Com.Example.Client;
using Wisp.Xrpc.Client;

// Two modes for benchmarks/client/compare.sh, which interleaves the generated client, the same call written by hand
// and the reference's JavaScript client against one server: "serve-client" runs that server, "client-loop" calls it.
// Anything else is BenchmarkDotNet.
switch (args)
{
    case ["serve-client"]:
    {
        var (app, address) = await ClientBenchmarkServer.StartAsync(0);
        Console.WriteLine($"{{\"port\":{address.Port}}}");
        await Console.In.ReadToEndAsync();
        await app.DisposeAsync();
        return;
    }

    case ["client-loop", var url, var seconds, .. var rest]:
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var client = new XrpcClient(http);
        var parameters = new GetThing.Params { Actor = "alice.test", Limit = 10, Tags = ["a", "b"] };

        // "handwritten": the same call with HttpClient and System.Text.Json source generation, no validation.
        Func<Task> call = rest is ["handwritten"]
            ? () => http.GetFromJsonAsync("/xrpc/com.example.client.getThing?actor=alice.test&limit=10&tags=a&tags=b", HandWrittenJson.Default.HandWrittenOutput)
            : () => GetThing.CallAsync(client, parameters);
        await Loop(TimeSpan.FromSeconds(1));
        var (calls, elapsed) = await Loop(TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)));
        Console.WriteLine(FormattableString.Invariant($"{{\"calls\":{calls},\"seconds\":{elapsed.TotalSeconds:F3},\"callsPerSecond\":{calls / elapsed.TotalSeconds:F1},\"meanMicroseconds\":{elapsed.TotalMicroseconds / calls:F1}}}"));
        return;

        async Task<(long Calls, TimeSpan Elapsed)> Loop(TimeSpan duration)
        {
            long n = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration)
            {
                await call();
                n++;
            }

            return (n, watch.Elapsed);
        }
    }

    case ["serve-stream"]:
    {
        var (app, address) = await StreamBenchmarkServer.StartAsync();
        Console.WriteLine($"{{\"port\":{address.Port}}}");
        await Console.In.ReadToEndAsync();
        await app.DisposeAsync();
        return;
    }

    case ["stream-clients", var url, var consumers]:
    {
        // Warm up once, then measure: every frame of every connection, frames per second over all of them.
        await StreamBenchmarkServer.ConsumeAsync(new Uri(url.Replace("LIMIT", "2000", StringComparison.Ordinal)), 1);
        var (frames, elapsed) = await StreamBenchmarkServer.ConsumeAsync(new Uri(url.Replace("LIMIT", (1_000_000 / int.Parse(consumers, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)), int.Parse(consumers, System.Globalization.CultureInfo.InvariantCulture));
        Console.WriteLine(FormattableString.Invariant($"{{\"frames\":{frames},\"seconds\":{elapsed.TotalSeconds:F3},\"framesPerSecond\":{frames / elapsed.TotalSeconds:F0}}}"));
        return;
    }

    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return;
}
