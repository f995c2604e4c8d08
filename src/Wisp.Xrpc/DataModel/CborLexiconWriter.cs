using System.Formats.Cbor;
using System.Text;
using Wisp.Xrpc.Serialization;

namespace Wisp.Xrpc.DataModel;

/// <summary>
/// The DAG-CBOR encoding for generated writers. Use it through <see cref="LexiconCbor"/>, which keeps the writer
/// this needs (<see cref="DagCborOutput"/>) and makes sure what comes out is canonical.
/// </summary>
/// <remarks>
/// Generated writers write properties in DAG-CBOR's key order already (the binder decides it), so the fast path is a
/// Lax <see cref="CborWriter"/> that writes keys as they come, while this checks each key sorts after the one
/// before. <c>$type</c>, which generated writers give first, is held until its place. Anything else out of order (the
/// undeclared properties of an object, written last) makes <see cref="LexiconCbor"/> write the value again through a
/// Canonical <see cref="CborWriter"/>, which sorts.
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // used through LexiconCbor, not by applications
public readonly struct CborLexiconWriter : ILexiconWriter
{
    private readonly DagCborOutput _output;

    internal CborLexiconWriter(DagCborOutput output) => _output = output;

    /// <inheritdoc />
    public void WriteStartObject() => _output.WriteStartMap();

    /// <inheritdoc />
    public void WriteEndObject() => _output.WriteEndMap();

    /// <inheritdoc />
    public void WriteStartArray(int count) => _output.Writer.WriteStartArray(count);

    /// <inheritdoc />
    public void WriteEndArray() => _output.Writer.WriteEndArray();

    /// <inheritdoc />
    public void WriteType(string type) => _output.WriteType(type);

    /// <inheritdoc />
    public void WritePropertyName(ReadOnlySpan<byte> utf8Name) => _output.WriteKey(utf8Name);

    /// <inheritdoc />
    public void WritePropertyName(string name)
    {
        var length = Encoding.UTF8.GetByteCount(name);
        Span<byte> utf8 = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(name, utf8);
        _output.WriteKey(utf8, name);
    }

    /// <inheritdoc />
    public void WriteNullValue() => _output.Writer.WriteNull();

    /// <inheritdoc />
    public void WriteStringValue(string value) => DagCbor.WriteText(_output.Writer, value);

    /// <inheritdoc />
    public void WriteIntegerValue(long value) => _output.Writer.WriteInt64(value);

    /// <inheritdoc />
    public void WriteBooleanValue(bool value) => _output.Writer.WriteBoolean(value);

    /// <inheritdoc />
    public void WriteBytesValue(ReadOnlySpan<byte> value) => _output.Writer.WriteByteString(value);

    /// <inheritdoc />
    public void WriteCidLinkValue(CidLink value) =>
        DagCbor.WriteLink(_output.Writer, Cid.TryFromString(value.Cid, out var cid, out var error)
            ? cid
            : throw new InvalidOperationException($"The link {value.Cid} cannot be written as DAG-CBOR: {error}"));

    /// <inheritdoc />
    public void WriteValue(DataModelValue value) => DagCbor.Write(_output.Writer, value); // its maps are sorted already
}
