namespace Wisp.Xrpc.Validation;

/// <summary>The string formats of the Lexicon language (atproto.com/specs/lexicon#string-formats).</summary>
public enum LexiconFormat
{
    /// <summary><c>at-identifier</c>: a handle or a DID.</summary>
    AtIdentifier,

    /// <summary><c>at-uri</c>.</summary>
    AtUri,

    /// <summary><c>cid</c>, in string form.</summary>
    Cid,

    /// <summary><c>datetime</c>: RFC 3339 with a time zone.</summary>
    Datetime,

    /// <summary><c>did</c>.</summary>
    Did,

    /// <summary><c>handle</c>.</summary>
    Handle,

    /// <summary><c>nsid</c>.</summary>
    Nsid,

    /// <summary><c>tid</c>.</summary>
    Tid,

    /// <summary><c>record-key</c>.</summary>
    RecordKey,

    /// <summary><c>uri</c>.</summary>
    Uri,

    /// <summary><c>language</c>: a BCP 47 tag.</summary>
    Language,
}
