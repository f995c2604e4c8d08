using Microsoft.AspNetCore.Http;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// The <c>parameters</c> of a query or procedure, read and validated from the query string with no reflection, and written
/// to one by a client.
/// The generator implements it on every <c>Params</c> type it emits.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface ILexiconParams<TSelf>
    where TSelf : ILexiconParams<TSelf>
{
    /// <summary>Reads and validates the parameters; throws <see cref="Validation.LexiconValidationException"/> naming the parameter.</summary>
    /// <param name="query">The request's query string.</param>
    /// <param name="path">Where the parameters are, for error messages (<c>Params</c>).</param>
    static abstract TSelf ReadQuery(IQueryCollection query, string path);

    /// <summary>Writes the parameters for a client's call (checked afterwards by <see cref="ReadQuery"/>).</summary>
    void WriteQuery(LexiconQueryWriter writer);
}
