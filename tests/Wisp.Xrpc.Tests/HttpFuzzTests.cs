using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Xrpc.Secrets;

namespace Wisp.Xrpc.Tests;

/// <summary>
/// Random requests to every method of the test app (fixed seed, bounded count and time): bodies, content types and
/// encodings, query strings, verbs and callers. Every answer is 2xx, or 4xx/501 with an XRPC JSON body; never 5xx
/// otherwise, never a hang; and a secret.create that failed wrote nothing.
/// </summary>
public sealed class HttpFuzzTests
{
    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", "text/plain", "image/png", "application/octet-stream", "*/*", "application/json; charset=utf-16", "multipart/form-data; boundary=x", ""];

    private static readonly string[] Encodings = ["", "gzip", "br", "identity", "bogus", "gzip, gzip"];

    private static readonly string[] Callers = ["did:plc:fuzz", "did:web:fuzz.example.com", "not-a-did", "did:plc:fuzz\t", "", "did:plc:" + new string('a', 3000)];

    [Fact]
    public async Task Random_requests_get_xrpc_answers_and_failed_writes_write_nothing()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("WISP_HTTP_FUZZ_CASES"), out var n) ? n : 2000;
        var random = new Random(12);
        await using var server = await TestServer.StartAsync(TestHandlers.Register);
        server.Client.Timeout = TimeSpan.FromSeconds(10);
        var methods = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<XrpcMethod>())
            .Where(m => m is not null)
            .Select(m => m!)
            .Append(new XrpcMethod("com.example.missing.method", XrpcMethodKind.Query, null, null, false, Parameters: [], Errors: []))
            .ToList();
        var failures = new List<string>();
        var failedCreates = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        for (var i = 0; i < count && DateTime.UtcNow < deadline && failures.Count < 5; i++)
        {
            var method = methods[random.Next(methods.Count)];
            var caller = random.Next(4) == 0 ? Callers[random.Next(Callers.Length)] : $"did:plc:fuzz{i}";
            using var request = Request(method, caller, random, out var description);
            HttpResponseMessage response;
            try
            {
                response = await server.Client.SendAsync(request);
            }
            catch (Exception e) when (e is TaskCanceledException or HttpRequestException)
            {
                failures.Add($"case {i} {description}: no answer ({e.GetType().Name}: {e.Message} {e.InnerException?.Message})");
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                if (method.Nsid == "place.wisp.v2.secret.create" && status != 200)
                {
                    failedCreates.Add(caller);
                }

                if (status >= 500 && status != 501)
                {
                    failures.Add($"case {i} {description}: {status} {body}");
                }
                // HEAD answers carry no body; 414 and 431 are Kestrel refusing the request line or headers before any
                // middleware runs (no endpoint is reached, so nothing can answer in XRPC form).
                else if (status >= 400 && request.Method != HttpMethod.Head && status is not (414 or 431) && !IsXrpcError(body))
                {
                    failures.Add($"case {i} {description}: {status} without an XRPC body: {body}");
                }
            }
        }

        var store = server.Services.GetRequiredService<ISecretStore>();
        foreach (var caller in failedCreates.Distinct())
        {
            if (caller.StartsWith("did:plc:fuzz", StringComparison.Ordinal) && int.TryParse(caller.AsSpan(12), out _) && (await store.ListAsync(caller)).Count > 0)
            {
                failures.Add($"a failed secret.create of {caller} left a secret");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static HttpRequestMessage Request(XrpcMethod method, string caller, Random random, out string description)
    {
        var verb = random.Next(10) == 0 ? new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Head, HttpMethod.Patch }[random.Next(4)]
            : random.Next(8) == 0 ? (method.Kind == XrpcMethodKind.Query ? HttpMethod.Post : HttpMethod.Get)
            : (method.Kind == XrpcMethodKind.Query ? HttpMethod.Get : HttpMethod.Post);
        var query = Query(method, random);
        var request = new HttpRequestMessage(verb, $"/xrpc/{method.Nsid}{query}");
        if (caller.Length > 0 && random.Next(6) != 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "DevDid " + caller);
        }

        string? kind = null;
        if (verb != HttpMethod.Get && verb != HttpMethod.Head && random.Next(6) != 0)
        {
            var (bytes, what) = Body(method, random);
            kind = what;
            request.Content = new ByteArrayContent(bytes);
            var type = random.Next(3) == 0 ? ContentTypes[random.Next(ContentTypes.Length)] : method.InputEncoding ?? "application/json";
            if (type.Length > 0 && MediaTypeHeaderValue.TryParse(type, out var parsed))
            {
                request.Content.Headers.ContentType = parsed;
            }

            var encoding = random.Next(4) == 0 ? Encodings[random.Next(Encodings.Length)] : "";
            if (encoding.Length > 0)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
            }
        }

        description = $"{verb} {method.Nsid}{(query.Length > 120 ? query[..120] + "…" : query)} body={kind ?? "none"} type={request.Content?.Headers.ContentType} caller={caller.Length}";
        return request;
    }

    private static string Query(XrpcMethod method, Random random)
    {
        if (random.Next(3) == 0)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        foreach (var parameter in method.Parameters ?? [])
        {
            if (random.Next(3) == 0)
            {
                continue;
            }

            for (var repeat = random.Next(1, 3); repeat > 0; repeat--)
            {
                parts.Add(Uri.EscapeDataString(parameter.Name) + "=" + Uri.EscapeDataString(Scalar(random)));
            }
        }

        if (random.Next(4) == 0)
        {
            parts.Add("unexpected=" + Uri.EscapeDataString(Scalar(random)));
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
    }

    private static (byte[] Bytes, string What) Body(XrpcMethod method, Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                var noise = new byte[random.Next(0, 2048)];
                random.NextBytes(noise);
                return (noise, "noise");
            case 1:
                var json = JsonValue(random, 0).ToJsonString();
                return (Encoding.UTF8.GetBytes(json[..random.Next(json.Length + 1)]), "truncated json");
            case 2:
                return (Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), "deep json");
            case 3:
                return (new byte[random.Next(100_001, 300_000)], "large");
            default:
                // An object with the lexicon's own names as keys (from the input schema's property names, when known),
                // holding values of random kinds.
                var names = new[] { "name", "token", "text", "count", "flag", "tags", "kind", "handle", "when", "note", "extra", "id", "emoji", "$type" };
                var obj = new System.Text.Json.Nodes.JsonObject();
                foreach (var name in names.Where(_ => random.Next(2) == 0))
                {
                    obj[name] = JsonValue(random, 1);
                }

                return (Encoding.UTF8.GetBytes(obj.ToJsonString()), "object");
        }
    }

    private static System.Text.Json.Nodes.JsonNode JsonValue(Random random, int depth) => (depth > 3 ? random.Next(4) : random.Next(7)) switch
    {
        0 => System.Text.Json.Nodes.JsonValue.Create(Scalar(random)),
        1 => System.Text.Json.Nodes.JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
        2 => System.Text.Json.Nodes.JsonValue.Create(random.Next(2) == 0),
        3 => System.Text.Json.Nodes.JsonValue.Create(random.NextDouble() * 1e300),
        4 => new System.Text.Json.Nodes.JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => (System.Text.Json.Nodes.JsonNode?)JsonValue(random, depth + 1)).ToArray()),
        5 => new System.Text.Json.Nodes.JsonObject { ["$bytes"] = "AAEC", ["$type"] = "blob" },
        _ => new System.Text.Json.Nodes.JsonObject { ["a"] = JsonValue(random, depth + 1), ["$link"] = Scalar(random) },
    };

    private static string Scalar(Random random) => random.Next(9) switch
    {
        0 => "",
        1 => "teapot",
        2 => random.Next(-5, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => "did:plc:z72i7hdynmk6r22z27h6tvur",
        4 => "1985-04-12T23:20:50.123Z",
        5 => "nl\n",
        6 => new string('x', random.Next(1, 5000)),
        7 => "\u0000\u2028😀\"\\",
        _ => "true",
    };

    private static bool IsXrpcError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
