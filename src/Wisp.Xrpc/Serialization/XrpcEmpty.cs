using System.Text.Json;

namespace Wisp.Xrpc.Serialization;

/// <summary>Stands for the input or output of a method whose lexicon declares none.</summary>
public sealed class XrpcEmpty : ILexiconObject<XrpcEmpty>
{
    /// <summary>The only value.</summary>
    public static readonly XrpcEmpty Value = new();

    private XrpcEmpty()
    {
    }

    /// <inheritdoc />
    public static XrpcEmpty ReadJson(ref Utf8JsonReader reader, string path)
    {
        reader.Skip();
        return Value;
    }

    /// <inheritdoc />
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}
