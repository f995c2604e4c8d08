using System.Text.Json;
using Wisp.Xrpc.DataModel;

namespace Wisp.Xrpc.Serialization;

/// <summary>The JSON encoding for generated writers: a <see cref="Utf8JsonWriter"/>.</summary>
/// <param name="writer">Where the JSON goes.</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // used through LexiconJson, not by applications
public readonly struct JsonLexiconWriter(Utf8JsonWriter writer) : ILexiconWriter
{
    /// <inheritdoc />
    public void WriteStartObject() => writer.WriteStartObject();

    /// <inheritdoc />
    public void WriteEndObject() => writer.WriteEndObject();

    /// <inheritdoc />
    public void WriteStartArray(int count) => writer.WriteStartArray();

    /// <inheritdoc />
    public void WriteEndArray() => writer.WriteEndArray();

    /// <inheritdoc />
    public void WriteType(string type) => writer.WriteString("$type"u8, type);

    /// <inheritdoc />
    public void WritePropertyName(ReadOnlySpan<byte> utf8Name) => writer.WritePropertyName(utf8Name);

    /// <inheritdoc />
    public void WritePropertyName(string name) => writer.WritePropertyName(name);

    /// <inheritdoc />
    public void WriteNullValue() => writer.WriteNullValue();

    /// <inheritdoc />
    public void WriteStringValue(string value) => writer.WriteStringValue(value);

    /// <inheritdoc />
    public void WriteIntegerValue(long value) => writer.WriteNumberValue(value);

    /// <inheritdoc />
    public void WriteBooleanValue(bool value) => writer.WriteBooleanValue(value);

    /// <inheritdoc />
    public void WriteBytesValue(ReadOnlySpan<byte> value)
    {
        // {"$bytes": base64}, unpadded as the data model writes it.
        writer.WriteStartObject();
        writer.WriteString("$bytes"u8, Convert.ToBase64String(value).TrimEnd('='));
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public void WriteCidLinkValue(CidLink value)
    {
        writer.WriteStartObject();
        writer.WriteString("$link"u8, value.Cid);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public void WriteValue(DataModelValue value) => DataModelJson.Write(writer, value);
}
