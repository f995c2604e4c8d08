namespace Wisp.Xrpc.Validation;

/// <summary>
/// A value breaks its lexicon. The message names the JSON path and the rule, like the reference validator
/// ("Input/name must be a valid record key"); the XRPC runtime answers it with 400 <c>InvalidRequest</c>.
/// </summary>
/// <remarks>
/// Nested values are read with their own name as their path and the error is placed under its parent's path as it
/// propagates (<see cref="Under"/>), so no path string is built unless a check fails.
/// </remarks>
public sealed class LexiconValidationException(string message) : Exception(message)
{
    /// <summary>The same error, under <paramref name="parent"/>: <c>name must be…</c> becomes <c>parent/name must be…</c>.</summary>
    public LexiconValidationException Under(string parent) => new($"{parent}/{Message}");
}
