namespace Wisp.Xrpc.Validation;

/// <summary>
/// A value breaks its lexicon. The message names the JSON path and the rule, like the reference validator
/// ("Input/name must be a valid record key"); the XRPC runtime answers it with 400 <c>InvalidRequest</c>.
/// </summary>
public sealed class LexiconValidationException(string message) : Exception(message);
