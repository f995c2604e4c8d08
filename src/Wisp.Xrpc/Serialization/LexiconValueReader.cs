namespace Wisp.Xrpc.Serialization;

/// <summary>Reads and validates one value; the reader is on it and is left past it.</summary>
/// <typeparam name="TReader">The encoding's reader.</typeparam>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="reader">The reader.</param>
/// <param name="path">Where the value is, for error messages (e.g. <c>Input/embed/images/0</c>).</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public delegate T LexiconValueReader<TReader, out T>(ref TReader reader, string path)
    where TReader : ILexiconReader, allows ref struct;

/// <summary>Writes one value.</summary>
/// <typeparam name="TWriter">The encoding's writer.</typeparam>
/// <typeparam name="T">The value's type.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public delegate void LexiconValueWriter<TWriter, in T>(TWriter writer, T value)
    where TWriter : ILexiconWriter;
