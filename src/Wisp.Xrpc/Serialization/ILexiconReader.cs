using System.Diagnostics.CodeAnalysis;
using Wisp.Xrpc.DataModel;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// One encoding of the data model as the generated readers see it: JSON (<see cref="JsonLexiconReader"/>) or DAG-CBOR
/// (<see cref="CborLexiconReader"/>). A generated <see cref="ILexiconObject{TSelf}.ReadFrom"/> is written once against
/// this and <see cref="LexiconReader"/>'s helpers, which hold every check and message, so both encodings validate
/// alike. Implementations are structs, so each encoding gets its own compiled reader with no interface calls.
/// </summary>
/// <remarks>
/// Position: a value reader starts on the value (JSON: its first token; CBOR: before it) and leaves the reader past
/// its content, where <see cref="NextProperty"/> or <see cref="NextItem"/> carries on.
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public interface ILexiconReader
{
    /// <summary>Reads a <c>null</c>; false (nothing consumed) when the value is something else.</summary>
    bool TryReadNull();

    /// <summary>Enters the object the reader is on; false (nothing consumed) when it is not an object.</summary>
    bool TryStartObject();

    /// <summary>
    /// Moves to the value of the next property <paramref name="names"/> holds and returns its index; -1 past the end
    /// of the object. Other properties are kept in <paramref name="extensionData"/> on the way, but for the object's own
    /// <c>$type</c> when it is a union member (read after <see cref="PeekType"/>) or a record (<see cref="LexiconPropertyNames.RecordType"/>):
    /// their writers write that again.
    /// <paramref name="previous"/> is the index this returned last (-1 at first). An undeclared property that is not a
    /// data-model value (a float) is a <see cref="Validation.LexiconValidationException"/> at <c>path/name</c>.
    /// </summary>
    int NextProperty(LexiconPropertyNames names, int previous, ref Dictionary<string, DataModelValue>? extensionData, string path);

    /// <summary>Enters the array the reader is on; false (nothing consumed) when it is not an array.</summary>
    /// <param name="count">The number of items when the encoding says it up front (bounded by the bytes left); else -1.</param>
    bool TryStartArray(out int count);

    /// <summary>Moves to the next item of the array; false past its end.</summary>
    bool NextItem();

    /// <summary>Reads a string; false when the value is not one.</summary>
    bool TryReadString([NotNullWhen(true)] out string? value);

    /// <summary>Reads an integer that fits 64 bits; false when the value is not one.</summary>
    bool TryReadInteger(out long value);

    /// <summary>Reads a boolean; false when the value is not one.</summary>
    bool TryReadBoolean(out bool value);

    /// <summary>Reads <c>bytes</c>; null when the value is not bytes in this encoding.</summary>
    byte[]? ReadBytes();

    /// <summary>Reads a <c>cid-link</c>; null when the value is not a link in this encoding.</summary>
    CidLink? ReadCidLink();

    /// <summary>Reads any data-model value (an <c>unknown</c>, an undeclared property); malformed data throws.</summary>
    DataModelValue ReadValue();

    /// <summary>The <c>$type</c> of the object the reader is on, read ahead without moving; null when there is none.</summary>
    string? PeekType();

    /// <summary>Skips the current value.</summary>
    void Skip();
}
