using Wisp.Xrpc.DataModel;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// One encoding of the data model as the generated writers see it: JSON (<see cref="JsonLexiconWriter"/>) or DAG-CBOR
/// (<see cref="CborLexiconWriter"/>, which checks each map's keys come in DAG-CBOR's order). A generated
/// <see cref="ILexiconObject{TSelf}.WriteTo{TWriter}(TWriter)"/> is written once against this and
/// <see cref="LexiconWriter"/>'s helpers.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public interface ILexiconWriter
{
    /// <summary>Starts an object (a map).</summary>
    void WriteStartObject();

    /// <summary>Ends the current object.</summary>
    void WriteEndObject();

    /// <summary>Starts an array of <paramref name="count"/> items.</summary>
    void WriteStartArray(int count);

    /// <summary>Ends the current array.</summary>
    void WriteEndArray();

    /// <summary>
    /// Writes the object's <c>$type</c> property; generated writers give it first, before the other properties. JSON
    /// writes it there; DAG-CBOR where its key order puts it.
    /// </summary>
    void WriteType(string type);

    /// <summary>Writes a property name (UTF-8, as generated code holds it).</summary>
    void WritePropertyName(ReadOnlySpan<byte> utf8Name);

    /// <summary>Writes a property name.</summary>
    void WritePropertyName(string name);

    /// <summary>Writes <c>null</c>.</summary>
    void WriteNullValue();

    /// <summary>Writes a string.</summary>
    void WriteStringValue(string value);

    /// <summary>Writes an integer.</summary>
    void WriteIntegerValue(long value);

    /// <summary>Writes a boolean.</summary>
    void WriteBooleanValue(bool value);

    /// <summary>Writes <c>bytes</c>.</summary>
    void WriteBytesValue(ReadOnlySpan<byte> value);

    /// <summary>Writes a <c>cid-link</c>.</summary>
    void WriteCidLinkValue(CidLink value);

    /// <summary>Writes any data-model value.</summary>
    void WriteValue(DataModelValue value);
}
