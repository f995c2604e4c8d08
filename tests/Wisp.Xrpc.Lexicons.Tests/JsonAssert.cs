using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Xrpc.Serialization;

namespace Wisp.Xrpc.Lexicons.Tests;

/// <summary>Reads JSON through a generated type and writes it back.</summary>
internal static class Lexicon
{
    public static T Read<T>(string json, string path = "Record")
        where T : ILexiconObject<T> => LexiconJson.Read<T>(Encoding.UTF8.GetBytes(json), path);

    public static string Write<T>(T value)
        where T : ILexiconObject<T>
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteJson(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Equal as JSON data: the same values and the same properties. Key order is not significant (JSON objects are
    /// unordered, and the data model's DAG-CBOR encoding sorts keys anyway).
    /// </summary>
    public static void AssertSameJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected:\n{expected}\nactual:\n{actual}");
}
