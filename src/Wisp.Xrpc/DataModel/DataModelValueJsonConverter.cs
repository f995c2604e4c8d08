using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Xrpc.DataModel;

/// <summary>
/// <see cref="DataModelValue"/> in System.Text.Json, in the data model's JSON form (<see cref="DataModelJson"/>):
/// so that a DTO holding one serializes as the lexicon says, and schema generators see an opaque value.
/// </summary>
public sealed class DataModelValueJsonConverter : JsonConverter<DataModelValue>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override DataModelValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return DataModelJson.Read(ref reader);
        }
        catch (DagCborException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DataModelValue value, JsonSerializerOptions options) =>
        DataModelJson.Write(writer, value ?? DataModelValue.Null);
}
