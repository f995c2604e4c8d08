using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Wisp.Xrpc.Generators.Tests;

/// <summary>
/// Lexicons from ../shared mutated at random (keys deleted, JSON kinds swapped, hostile text, colliding names and ids,
/// deep nesting, ref cycles, duplicate keys, malformed constraints), each with the lexicons it refers to. Every case:
/// the generator does not throw, and either reports an error at a position in a lexicon or generates code that
/// compiles with no error. Fixed seed and bounded here; <c>scripts/fuzz-generator.sh</c> runs as many as you like
/// (WISP_FUZZ_CASES, WISP_FUZZ_SEED).
/// </summary>
public sealed partial class FuzzTests
{
    private static readonly string Hostile = "x\r\npublic const int Injected = 1;\u0085\u2028\u2029*/ </summary> <c>&amp;</c> \"q\" \\ 😀 __arglist";

    [Fact]
    public void Mutated_lexicons_give_a_located_error_or_code_that_compiles()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("WISP_FUZZ_CASES"), out var n) ? n : 150;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("WISP_FUZZ_SEED"), out var s) ? s : 11;
        var corpus = Corpus();
        var random = new Random(seed);
        var failures = new List<string>();
        for (var i = 0; i < cases && failures.Count < 5; i++)
        {
            var set = PickSet(corpus, random);
            var mutations = new List<string>();
            var files = set.Select(pair => (pair.Key, Text: pair.Value)).ToList();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var index = random.Next(files.Count);
                var (text, what) = Mutate(files[index].Text, files.Select(f => f.Key).ToList(), random);
                files[index] = (files[index].Key, text);
                mutations.Add($"{files[index].Key}: {what}");
            }

            var failure = Check(files);
            if (failure is not null)
            {
                failures.Add($"case {i} (seed {seed}): {string.Join("; ", mutations)}\n  {failure}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string? Check(List<(string Id, string Text)> files)
    {
        var harness = GeneratorHarness.Create(files.Select((f, i) => new LexiconFile($"/fuzz/lexicons/{i}.json", f.Text)).ToArray());
        System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics;
        GeneratorDriverRunResult result;
        try
        {
            diagnostics = harness.RunAndCompile(out result);
        }
        catch (Exception e)
        {
            return "the driver threw " + e;
        }

        if (result.Results.FirstOrDefault(r => r.Exception is not null) is { Exception: { } exception })
        {
            return "the generator threw " + exception;
        }

        if (diagnostics.FirstOrDefault(d => d.Id is "CS8784" or "CS8785") is { } crash)
        {
            return crash.GetMessage();
        }

        var locatedError = diagnostics.Any(d => d.Id.StartsWith("WXRPC", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error
            && d.Location.GetLineSpan().Path.StartsWith("/fuzz/", StringComparison.Ordinal));
        if (diagnostics.Any(d => d.Id.StartsWith("WXRPC", StringComparison.Ordinal) && d.Location.GetLineSpan().Path.Length == 0 && d.Id != "WXRPC018"))
        {
            return "a lexicon diagnostic without a position";
        }

        var compileError = diagnostics.FirstOrDefault(d => d.Id.StartsWith("CS", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
        return locatedError || compileError is null ? null : $"uncompilable output with no error diagnostic: {compileError.Id} {compileError.GetMessage()} at {compileError.Location.GetLineSpan()}";
    }

    /// <summary>A random lexicon and, transitively, up to seven lexicons it names (so that most cases can compile).</summary>
    private static Dictionary<string, string> PickSet(Dictionary<string, string> corpus, Random random)
    {
        var ids = corpus.Keys.Order(StringComparer.Ordinal).ToList();
        var set = new Dictionary<string, string>();
        var queue = new Queue<string>([ids[random.Next(ids.Count)]]);
        while (queue.Count > 0 && set.Count < 8)
        {
            var id = queue.Dequeue();
            if (!set.TryAdd(id, corpus[id]))
            {
                continue;
            }

            foreach (Match match in RefPattern().Matches(corpus[id]))
            {
                if (corpus.ContainsKey(match.Groups[1].Value) && !set.ContainsKey(match.Groups[1].Value))
                {
                    queue.Enqueue(match.Groups[1].Value);
                }
            }
        }

        return set;
    }

    private static (string Text, string What) Mutate(string text, List<string> ids, Random random)
    {
        JsonObject root;
        var objects = new List<JsonObject>();
        try
        {
            root = JsonNode.Parse(text)!.AsObject();
            Collect(root, objects);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            // An earlier mutation wrote a duplicate key, which System.Text.Json's tree will not hold: mutate the text.
            var at = text.IndexOf('{', random.Next(text.Length));
            return at < 0 ? (text, "nothing") : (text.Insert(at + 1, "\"description\": 5, "), "duplicate key in text");
        }

        var target = objects[random.Next(objects.Count)];
        var keys = target.Select(p => p.Key).ToList();
        var key = keys.Count == 0 ? "type" : keys[random.Next(keys.Count)];
        switch (random.Next(11))
        {
            case 0:
                target.Remove(key);
                return (root.ToJsonString(), $"deleted \"{key}\"");
            case 1:
                target[key] = SwapKind(target[key], random);
                return (root.ToJsonString(), $"changed the kind of \"{key}\"");
            case 2:
                target[key] = Hostile;
                return (root.ToJsonString(), $"hostile text in \"{key}\"");
            case 3:
                var defs = root["defs"] as JsonObject;
                if (defs is null || defs.Count == 0)
                {
                    goto case 0;
                }

                var name = defs.Select(p => p.Key).ElementAt(random.Next(defs.Count));
                var twin = random.Next(4) switch { 0 => name.ToUpperInvariant(), 1 => char.ToUpperInvariant(name[0]) + name[1..], 2 => "main", _ => name + "-" };
                if (!defs.ContainsKey(twin))
                {
                    defs[twin] = defs[name]!.DeepClone();
                }

                return (root.ToJsonString(), $"def \"{name}\" twinned as \"{twin}\"");
            case 4:
                JsonNode deep = new JsonObject { ["type"] = "string" };
                for (var depth = random.Next(5, 40); depth > 0; depth--)
                {
                    deep = random.Next(2) == 0
                        ? new JsonObject { ["type"] = "array", ["items"] = deep }
                        : new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["p"] = deep } };
                }

                target["deep"] = deep;
                target["properties"] ??= new JsonObject();
                (target["properties"] as JsonObject)?.TryAdd("deep", deep.DeepClone());
                return (root.ToJsonString(), "deep nesting");
            case 5:
                var refs = objects.Where(o => o["ref"] is JsonValue).ToList();
                var defNames = (root["defs"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
                if (refs.Count == 0 || defNames.Count == 0)
                {
                    goto case 2;
                }

                refs[random.Next(refs.Count)]["ref"] = random.Next(3) switch { 0 => "#" + defNames[random.Next(defNames.Count)], 1 => "#nowhere", _ => ids[random.Next(ids.Count)] + "#main" };
                return (root.ToJsonString(), "ref retargeted");
            case 6:
                var json = root.ToJsonString();
                var brace = json.IndexOf('{', random.Next(json.Length));
                return brace < 0 ? (json, "nothing") : (json.Insert(brace + 1, "\"type\": \"string\", "), "duplicate key");
            case 7:
                var other = ids[random.Next(ids.Count)];
                root["id"] = random.Next(3) switch { 0 => other, 1 => other.ToUpperInvariant(), _ => other + ".sub" };
                return (root.ToJsonString(), $"id made {root["id"]}");
            case 8:
                target[random.Next(2) == 0 ? "maxLength" : "minimum"] = random.Next(3) switch { 0 => "5", 1 => 1.5, _ => JsonValue.Create(1e30) };
                return (root.ToJsonString(), "malformed constraint");
            case 9:
                var knownDefs = root["defs"] as JsonObject;
                knownDefs?.TryAdd("named" + random.Next(9), new JsonObject { ["type"] = new[] { "ref", "union", "unknown", "params", "permission", "string" }[random.Next(6)], ["ref"] = "#main", ["refs"] = new JsonArray("#main") });
                return (root.ToJsonString(), "named definition of an in-place type");
            default:
                target[key] = random.Next(3) switch { 0 => "toString", 1 => "class", _ => "" };
                if (target["properties"] is JsonObject properties)
                {
                    properties.TryAdd(new[] { "toString", "equals", "readJson", "extensionData", "a-b", "aB", "fooPresent", "class" }[random.Next(8)], new JsonObject { ["type"] = "string" });
                }

                return (root.ToJsonString(), "colliding names");
        }
    }

    private static JsonNode? SwapKind(JsonNode? node, Random random) => node switch
    {
        JsonObject => new JsonArray(),
        JsonArray => JsonValue.Create("array"),
        JsonValue value when value.TryGetValue<string>(out _) => random.Next(2) == 0 ? JsonValue.Create(7) : new JsonObject(),
        _ => JsonValue.Create("text"),
    };

    private static void Collect(JsonNode? node, List<JsonObject> objects)
    {
        switch (node)
        {
            case JsonObject obj:
                objects.Add(obj);
                foreach (var property in obj)
                {
                    Collect(property.Value, objects);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, objects);
                }

                break;
        }
    }

    private static Dictionary<string, string> Corpus()
    {
        var result = new Dictionary<string, string>();
        foreach (var corpus in new[] { "atproto", "wisp" })
        {
            foreach (var path in Directory.GetFiles(CorpusTests.SharedLexicons(corpus), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var text = File.ReadAllText(path);
                if (JsonNode.Parse(text)?["id"]?.GetValue<string>() is { } id)
                {
                    result.TryAdd(id, text);
                }
            }
        }

        return result;
    }

    [GeneratedRegex("\"([a-z][a-zA-Z0-9-]*(?:\\.[a-zA-Z0-9-]+){2,})(?:#[a-zA-Z0-9]+)?\"")]
    private static partial Regex RefPattern();
}
