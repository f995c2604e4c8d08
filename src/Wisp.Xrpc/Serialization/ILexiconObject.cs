using System.Text.Json;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// A lexicon object type that reads, validates and writes itself as JSON with no reflection.
/// The generator implements it on every DTO it emits.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface ILexiconObject<TSelf>
    where TSelf : ILexiconObject<TSelf>
{
    /// <summary>
    /// Reads and validates a value. The reader is on the value's first token; on return it is on its last.
    /// Throws <see cref="Validation.LexiconValidationException"/> when the value breaks the lexicon.
    /// </summary>
    /// <param name="reader">The JSON reader.</param>
    /// <param name="path">Where the value is, for error messages (e.g. <c>Input</c>).</param>
    static abstract TSelf ReadJson(ref Utf8JsonReader reader, string path);

    /// <summary>Writes the value as a JSON object.</summary>
    void WriteJson(Utf8JsonWriter writer);
}
