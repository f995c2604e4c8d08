using System.Globalization;
using System.Text.RegularExpressions;

namespace Wisp.Xrpc.Validation;

/// <summary>
/// Syntax checks for the Lexicon string formats, following the atproto specs (did, handle, nsid, record-key,
/// tid, datetime, at-uri) and the reference validator (@atproto/lexicon) where the specs leave room.
/// </summary>
public static partial class LexiconFormats
{
    /// <summary>Checks <paramref name="value"/> against <paramref name="format"/>.</summary>
    public static bool IsValid(string value, LexiconFormat format) => format switch
    {
        LexiconFormat.AtIdentifier => IsDid(value) || IsHandle(value),
        LexiconFormat.AtUri => IsAtUri(value),
        LexiconFormat.Cid => IsCid(value),
        LexiconFormat.Datetime => IsDatetime(value),
        LexiconFormat.Did => IsDid(value),
        LexiconFormat.Handle => IsHandle(value),
        LexiconFormat.Nsid => IsNsid(value),
        LexiconFormat.Tid => value.Length == 13 && TidPattern().IsMatch(value),
        LexiconFormat.RecordKey => IsRecordKey(value),
        LexiconFormat.Uri => value.Length <= 8192 && UriPattern().IsMatch(value),
        LexiconFormat.Language => LanguagePattern().IsMatch(value),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The name of a format as a validation message says it ("must be a valid Record Key").</summary>
    public static string DisplayName(LexiconFormat format) => format switch
    {
        LexiconFormat.AtIdentifier => "AT Identifier",
        LexiconFormat.AtUri => "AT URI",
        LexiconFormat.Cid => "CID",
        LexiconFormat.Datetime => "datetime (RFC 3339 with a time zone)",
        LexiconFormat.Did => "DID",
        LexiconFormat.Handle => "handle",
        LexiconFormat.Nsid => "NSID",
        LexiconFormat.Tid => "TID",
        LexiconFormat.RecordKey => "Record Key",
        LexiconFormat.Uri => "URI",
        LexiconFormat.Language => "language tag (BCP 47)",
        _ => format.ToString(),
    };

    /// <summary>cid: the string form of a CID (syntax only; the multihash is not decoded).</summary>
    public static bool IsCid(string value) => value.Length is >= 8 and <= 256 && CidPattern().IsMatch(value);

    /// <summary>did: <c>did:method:identifier</c>, at most 2 KiB (atproto.com/specs/did).</summary>
    public static bool IsDid(string value) => IsDid(value.AsSpan());

    private static bool IsDid(ReadOnlySpan<char> value) => value.Length <= 2048 && DidPattern().IsMatch(value);

    /// <summary>handle: a DNS name of at least two labels, the last not starting with a digit (atproto.com/specs/handle).</summary>
    public static bool IsHandle(string value) => IsHandle(value.AsSpan());

    private static bool IsHandle(ReadOnlySpan<char> value) => value.Length <= 253 && HandlePattern().IsMatch(value);

    /// <summary>nsid (atproto.com/specs/nsid).</summary>
    public static bool IsNsid(string value) => IsNsid(value.AsSpan());

    private static bool IsNsid(ReadOnlySpan<char> value) => value.Length <= 317 && NsidPattern().IsMatch(value);

    /// <summary>record-key: 1 to 512 of <c>A-Za-z0-9._:~-</c>, not <c>.</c> or <c>..</c> (atproto.com/specs/record-key).</summary>
    public static bool IsRecordKey(string value) => IsRecordKey(value.AsSpan());

    private static bool IsRecordKey(ReadOnlySpan<char> value) =>
        value.Length is >= 1 and <= 512 && !value.SequenceEqual(".") && !value.SequenceEqual("..") && RecordKeyPattern().IsMatch(value);

    /// <summary>datetime: RFC 3339 with upper-case T and Z, a time zone, and a real calendar date (atproto.com/specs/lexicon#datetime).</summary>
    public static bool IsDatetime(string value) =>
        value.Length <= 64
        && DatetimePattern().IsMatch(value)
        && !value.EndsWith("-00:00", StringComparison.Ordinal)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsAtUri(string value)
    {
        if (value.Length > 8192 || !value.StartsWith("at://", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value.AsSpan(5);
        var end = rest.IndexOfAny('/', '?', '#');
        var authority = end < 0 ? rest : rest[..end];
        if (!IsDid(authority) && !IsHandle(authority))
        {
            return false;
        }

        if (end < 0 || rest[end] != '/')
        {
            return true;
        }

        var path = rest[(end + 1)..];
        var query = path.IndexOfAny('?', '#');
        if (query >= 0)
        {
            path = path[..query];
        }

        if (path.IsEmpty)
        {
            return false;
        }

        var slash = path.IndexOf('/');
        var collection = slash < 0 ? path : path[..slash];
        if (!IsNsid(collection))
        {
            return false;
        }

        return slash < 0 || IsRecordKey(path[(slash + 1)..]);
    }

    [GeneratedRegex("^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$", RegexOptions.CultureInvariant)]
    private static partial Regex DidPattern();

    [GeneratedRegex("^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HandlePattern();

    [GeneratedRegex("^[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+\\.[a-zA-Z][a-zA-Z0-9]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NsidPattern();

    [GeneratedRegex("^[a-zA-Z0-9_~.:-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RecordKeyPattern();

    [GeneratedRegex("^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex TidPattern();

    [GeneratedRegex("^[0-9]{4}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-6][0-9]:[0-6][0-9](\\.[0-9]{1,20})?(Z|([+-][0-2][0-9]:[0-5][0-9]))$", RegexOptions.CultureInvariant)]
    private static partial Regex DatetimePattern();

    [GeneratedRegex("^[a-zA-Z0-9+=]+$", RegexOptions.CultureInvariant)]
    private static partial Regex CidPattern();

    [GeneratedRegex("^[a-z][a-z0-9+.-]*:[^\\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex UriPattern();

    [GeneratedRegex("^(i|[a-z]{2,3})(-[a-zA-Z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
