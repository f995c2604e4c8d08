namespace Wisp.Xrpc.Client;

/// <summary>How strictly a client checks what a server answers (what it sends is always checked in full).</summary>
public enum XrpcValidation
{
    /// <summary>Every rule of the lexicon, as the server checks input: the default.</summary>
    Strict,

    /// <summary>
    /// Types, required properties, formats and union members are checked; the limits a newer version of a lexicon may
    /// relax are not: string lengths and graphemes, integer ranges, array lengths, <c>enum</c> lists, blob types and
    /// sizes. Properties the lexicon does not declare are kept either way (<c>ExtensionData</c>), and an open union's
    /// unknown member is kept as its <c>Unknown</c>.
    /// </summary>
    Lenient,
}
