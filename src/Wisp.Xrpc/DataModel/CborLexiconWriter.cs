using System.Formats.Cbor;
using System.Text;
using Wisp.Xrpc.Serialization;

namespace Wisp.Xrpc.DataModel;

/// <summary>
/// The DAG-CBOR encoding for generated writers, on a <see cref="CborWriter"/> in its Canonical mode: each map is
/// written with an open length that the writer closes to a definite one, and its keys are put in DAG-CBOR's order
/// (length-first, then bytewise) as the map ends, whatever order the lexicon declares them in. Links are tag 42.
/// Use it through <see cref="LexiconCbor"/>.
/// </summary>
/// <param name="writer">A writer made by <see cref="Create"/>.</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // used through LexiconCbor, not by applications
public readonly struct CborLexiconWriter(CborWriter writer) : ILexiconWriter
{
    /// <summary>A writer with the settings this needs.</summary>
    public static CborWriter Create() =>
        new(CborConformanceMode.Canonical, convertIndefiniteLengthEncodings: true, allowMultipleRootLevelValues: false);

    /// <inheritdoc />
    public void WriteStartObject() => writer.WriteStartMap(null);

    /// <inheritdoc />
    public void WriteEndObject() => writer.WriteEndMap();

    /// <inheritdoc />
    public void WriteStartArray(int count) => writer.WriteStartArray(count);

    /// <inheritdoc />
    public void WriteEndArray() => writer.WriteEndArray();

    /// <inheritdoc />
    public void WritePropertyName(ReadOnlySpan<byte> utf8Name)
    {
        // CborWriter takes text as UTF-16 only; generated names are short.
        Span<char> name = utf8Name.Length <= 256 ? stackalloc char[utf8Name.Length] : new char[utf8Name.Length];
        var length = Encoding.UTF8.GetChars(utf8Name, name);
        writer.WriteTextString(name[..length]);
    }

    /// <inheritdoc />
    public void WritePropertyName(string name) => writer.WriteTextString(name);

    /// <inheritdoc />
    public void WriteNullValue() => writer.WriteNull();

    /// <inheritdoc />
    public void WriteStringValue(string value) => writer.WriteTextString(value);

    /// <inheritdoc />
    public void WriteIntegerValue(long value) => writer.WriteInt64(value);

    /// <inheritdoc />
    public void WriteBooleanValue(bool value) => writer.WriteBoolean(value);

    /// <inheritdoc />
    public void WriteBytesValue(ReadOnlySpan<byte> value) => writer.WriteByteString(value);

    /// <inheritdoc />
    public void WriteCidLinkValue(CidLink value) =>
        DagCbor.WriteLink(writer, Cid.TryFromString(value.Cid, out var cid, out var error)
            ? cid
            : throw new InvalidOperationException($"The link {value.Cid} cannot be written as DAG-CBOR: {error}"));

    /// <inheritdoc />
    public void WriteValue(DataModelValue value) => DagCbor.Write(writer, value);
}
