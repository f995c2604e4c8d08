using System.Buffers;
using System.Text.Json;
using Wisp.Xrpc.Serialization;

namespace Wisp.Xrpc.DataModel;

/// <summary>
/// DAG-CBOR for every generated type, through the one code path the JSON form already has: a value is written as
/// JSON and re-encoded from the data model, and CBOR is read into the data model and then through the type's own
/// validating reader. The rules, messages and error paths are the JSON path's exactly, no generated code is added,
/// and a record read from either encoding writes identical bytes and hashes to the same CID.
/// </summary>
public static class LexiconCbor
{
    /// <summary>The canonical DAG-CBOR of <paramref name="value"/> (a record with its <c>$type</c>).</summary>
    public static byte[] ToDagCbor<T>(this T value)
        where T : ILexiconObject<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteJson(writer);
        }

        return DagCbor.Encode(DataModelJson.Read(buffer.WrittenSpan));
    }

    /// <summary>The CID of <paramref name="value"/>'s DAG-CBOR: what a strongRef to the record names.</summary>
    public static Cid ComputeCid<T>(this T value)
        where T : ILexiconObject<T> => Cid.ForDagCbor(value.ToDagCbor());

    /// <summary>
    /// Reads DAG-CBOR into <typeparamref name="T"/>, strictly (<see cref="DagCbor"/>), then validates it as the JSON
    /// path does: <see cref="Validation.LexiconValidationException"/> with the same message for the same problem.
    /// </summary>
    /// <param name="bytes">One DAG-CBOR value.</param>
    /// <param name="path">Where the value is, for error messages.</param>
    public static T ReadDagCbor<T>(ReadOnlyMemory<byte> bytes, string path = "Record")
        where T : ILexiconObject<T> => Read<T>(DagCbor.Decode(bytes), path);

    /// <summary>Reads a data-model value (a CAR block, an event's body) into <typeparamref name="T"/>, validating it.</summary>
    public static T Read<T>(DataModelValue value, string path = "Record")
        where T : ILexiconObject<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            DataModelJson.Write(writer, value);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        reader.Read();
        return T.ReadJson(ref reader, path);
    }
}
