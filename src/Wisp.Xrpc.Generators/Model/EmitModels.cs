namespace Wisp.Xrpc.Generators.Model;

/// <summary>A lexicon document ready to emit: the model, the namespace its types go in, and every lexicon's summary for refs.</summary>
internal sealed record DocumentToEmit(LexiconDocument Document, string RootNamespace, LexiconIndex Index);

/// <summary>One XRPC method, as the endpoint mapping needs it.</summary>
/// <param name="FilePath">The lexicon file (to leave out a file whose id another file already declares).</param>
/// <param name="Nsid">The method's NSID.</param>
/// <param name="Kind">Query or procedure.</param>
/// <param name="HasParams">The method declares query-string parameters.</param>
/// <param name="HasInput">The method takes a JSON input.</param>
/// <param name="HasOutput">The method returns a JSON output.</param>
/// <param name="InputIsRaw">The input is a raw (non-JSON) body.</param>
/// <param name="OutputIsRaw">The output is a raw (non-JSON) body.</param>
/// <param name="HasBuiltInHandler">The package ships a default handler for it (see <c>BuiltInHandlers</c>).</param>
/// <param name="InputRef">The object the input is, when the lexicon's input schema is a ref (lexicon id always set).</param>
/// <param name="OutputRef">The object the output is, when the lexicon's output schema is a ref.</param>
internal sealed record MethodEndpoint(string FilePath, string Nsid, XrpcMethodKind Kind, bool HasParams, bool HasInput, bool HasOutput, bool InputIsRaw, bool OutputIsRaw, bool HasBuiltInHandler, LexiconRef? InputRef = null, LexiconRef? OutputRef = null);

/// <summary>Where one file declares its lexicon id, for the duplicate-id check.</summary>
internal sealed record LexiconIdentity(string Id, string FilePath, LocationInfo? Location);
