using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Xrpc.Serialization;

namespace Wisp.Xrpc.Interop.Tests;

/// <summary>Reads JSON through a generated type and writes it back.</summary>
internal static class Json
{
    public static T Read<T>(string json)
        where T : ILexiconObject<T>
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return T.ReadJson(ref reader, "Record");
    }

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

    /// <summary>Equal as JSON data (key order is not significant).</summary>
    public static void AssertSame(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected:\n{expected}\nactual:\n{actual}");
}
