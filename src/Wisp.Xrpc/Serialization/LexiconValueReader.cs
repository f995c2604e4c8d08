using System.Text.Json;

namespace Wisp.Xrpc.Serialization;

/// <summary>Reads and validates one value; the reader is on its first token and is left on its last.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="reader">The JSON reader.</param>
/// <param name="path">Where the value is, for error messages (e.g. <c>Input/embed/images/0</c>).</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public delegate T LexiconValueReader<out T>(ref Utf8JsonReader reader, string path);
