using System.Buffers;
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
        LexiconFormat.Tid => IsTid(value),
        LexiconFormat.RecordKey => IsRecordKey(value),
        LexiconFormat.Uri => IsUri(value),
        LexiconFormat.Language => IsLanguage(value),
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

    /// <summary>
    /// cid: the string form of a CIDv1 (syntax only; the multihash is not decoded). CIDv0 (46 characters of base58btc
    /// starting <c>Qm</c>) is refused: atproto's data model uses CIDv1 only (atproto.com/specs/data-model).
    /// </summary>
    public static bool IsCid(string value) =>
        value.Length is >= 8 and <= 256 && !value.AsSpan().ContainsAnyExcept(CidCharacters) && !(value.Length == 46 && value.StartsWith("Qm", StringComparison.Ordinal));

    /// <summary>did: <c>did:method:identifier</c>, at most 2 KiB (atproto.com/specs/did).</summary>
    public static bool IsDid(string value) => IsDid(value.AsSpan());

    /// <remarks>
    /// By hand, as the spec's expression <c>^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$</c> states it: a lower-case
    /// method, then an identifier of those characters that does not end with <c>:</c> or <c>%</c>.
    /// </remarks>
    private static bool IsDid(ReadOnlySpan<char> value)
    {
        if (value.Length is < 7 or > 2048 || !value.StartsWith("did:", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value[4..];
        var colon = rest.IndexOf(':');
        if (colon <= 0 || rest[..colon].ContainsAnyExceptInRange('a', 'z'))
        {
            return false;
        }

        var identifier = rest[(colon + 1)..];
        return identifier.Length > 0 && identifier[^1] is not (':' or '%') && !identifier.ContainsAnyExcept(DidCharacters);
    }

    /// <summary>handle: a DNS name of at least two labels, the last not starting with a digit (atproto.com/specs/handle).</summary>
    public static bool IsHandle(string value) => IsHandle(value.AsSpan());

    private static bool IsHandle(ReadOnlySpan<char> value) => value.Length <= 253 && HandlePattern().IsMatch(value);

    /// <summary>nsid (atproto.com/specs/nsid).</summary>
    public static bool IsNsid(string value) => IsNsid(value.AsSpan());

    /// <remarks>
    /// Segment by segment, as the spec states it (a regex took 0.2 µs, most of an at-uri's check): at least three;
    /// each 1 to 63 characters; the domain's of letters, digits and hyphens, starting and ending with a letter or digit,
    /// the first starting with a letter; the name's of letters and digits, starting with a letter.
    /// </remarks>
    private static bool IsNsid(ReadOnlySpan<char> value)
    {
        if (value.Length > 317)
        {
            return false;
        }

        for (var segments = 0; ; segments++)
        {
            var dot = value.IndexOf('.');
            var segment = dot < 0 ? value : value[..dot];
            if (segment.Length is 0 or > 63 || !(segments == 0 || dot < 0 ? char.IsAsciiLetter(segment[0]) : char.IsAsciiLetterOrDigit(segment[0])))
            {
                return false;
            }

            if (dot < 0)
            {
                return segments >= 2 && !segment.ContainsAnyExcept(NsidNameCharacters);
            }

            if (!char.IsAsciiLetterOrDigit(segment[^1]) || segment.ContainsAnyExcept(NsidDomainCharacters))
            {
                return false;
            }

            value = value[(dot + 1)..];
        }
    }

    /// <summary>record-key: 1 to 512 of <c>A-Za-z0-9._:~-</c>, not <c>.</c> or <c>..</c> (atproto.com/specs/record-key).</summary>
    public static bool IsRecordKey(string value) => IsRecordKey(value.AsSpan());

    private static bool IsRecordKey(ReadOnlySpan<char> value) =>
        value.Length is >= 1 and <= 512 && !value.SequenceEqual(".") && !value.SequenceEqual("..") && !value.ContainsAnyExcept(RecordKeyCharacters);

    /// <summary>
    /// datetime: RFC 3339 with upper-case T and Z, a time zone (not <c>-00:00</c>), and a real proleptic Gregorian date
    /// from year 0000 on (atproto.com/specs/lexicon#datetime); checked by hand because DateTimeOffset stops at year 1.
    /// </summary>
    public static bool IsDatetime(string value)
    {
        // By hand, position by position (the expression this replaced, with its ranges checked after, is in
        // FormatTests): YYYY-MM-DDTHH:MM:SS[.fraction of 1 to 20 digits] then Z or +HH:MM / -HH:MM.
        var text = value.AsSpan();
        if (text.Length is < 20 or > 64 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!TryNumber(text, 0, 4, out var year) || !TryNumber(text, 5, 2, out var month) || !TryNumber(text, 8, 2, out var day)
            || !TryNumber(text, 11, 2, out var hour) || !TryNumber(text, 14, 2, out var minute) || !TryNumber(text, 17, 2, out var second))
        {
            return false;
        }

        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        var daysInMonth = month == 2 ? (leap ? 29 : 28) : month is 4 or 6 or 9 or 11 ? 30 : 31;
        if (month is < 1 or > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var zone = text[19..];
        if (zone[0] == '.')
        {
            var digits = zone[1..].IndexOfAnyExceptInRange('0', '9');
            if (digits is 0 or > 20 || digits < 0)
            {
                return false;
            }

            zone = zone[(1 + digits)..];
        }

        if (zone is ['Z'])
        {
            return true;
        }

        return zone is ['+' or '-', _, _, ':', _, _]
            && TryNumber(zone, 1, 2, out var zoneHour) && zoneHour <= 23
            && TryNumber(zone, 4, 2, out var zoneMinute) && zoneMinute <= 59
            && !zone.SequenceEqual("-00:00");
    }

    private static bool TryNumber(ReadOnlySpan<char> text, int start, int length, out int number)
    {
        number = 0;
        foreach (var c in text.Slice(start, length))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>tid: 13 characters of base32-sortable, the first at most <c>j</c> (atproto.com/specs/tid).</summary>
    private static bool IsTid(string value) =>
        value.Length == 13 && value[0] is (>= '2' and <= '7') or (>= 'a' and <= 'j') && !value.AsSpan().ContainsAnyExcept(TidCharacters);

    /// <summary>uri: a scheme (a lower-case letter, then letters, digits, <c>+.-</c>), a colon, then no white space.</summary>
    private static bool IsUri(string value)
    {
        var colon = value.IndexOf(':');
        return value.Length <= 8192 && colon > 0 && colon < value.Length - 1 && char.IsAsciiLetterLower(value[0])
            && !value.AsSpan(0, colon).ContainsAnyExcept(UriSchemeCharacters) && !ContainsWhiteSpace(value.AsSpan(colon + 1));
    }

    private static bool ContainsWhiteSpace(ReadOnlySpan<char> text)
    {
        // The set of the expression's \s: the same characters as char.IsWhiteSpace.
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// language: a BCP 47 tag. The common shapes (<c>en</c>, <c>pt-BR</c>, <c>yue-HK</c>, <c>es-419</c>) are decided
    /// by hand; anything else goes to the full expression.
    /// </summary>
    private static bool IsLanguage(string value)
    {
        var text = value.AsSpan();
        var dash = text.IndexOf('-');
        var language = dash < 0 ? text : text[..dash];
        if (language.Length is 2 or 3 && !language.ContainsAnyExcept(AsciiLetters))
        {
            var region = dash < 0 ? default : text[(dash + 1)..];
            if (dash < 0 || (region.Length == 2 && !region.ContainsAnyExcept(AsciiLetters)) || (region.Length == 3 && !region.ContainsAnyExceptInRange('0', '9')))
            {
                return true;
            }
        }

        return LanguagePattern().IsMatch(value);
    }

    /// <summary>
    /// at-uri: <c>at://AUTHORITY[/COLLECTION[/RKEY]][#FRAGMENT]</c>, as @atproto/syntax checks it: only URI path
    /// characters before the fragment (so no query), an optional fragment that starts with <c>/</c>, a DID or handle
    /// authority, an NSID collection and a record key.
    /// </summary>
    private static bool IsAtUri(string value)
    {
        if (value.Length > 8192 || !value.StartsWith("at://", StringComparison.Ordinal))
        {
            return false;
        }

        var hash = value.IndexOf('#');
        var uri = hash < 0 ? value.AsSpan() : value.AsSpan(0, hash);
        if (hash >= 0 && !AtUriFragmentPattern().IsMatch(value.AsSpan(hash + 1)))
        {
            return false;
        }

        if (uri.ContainsAnyExcept(AtUriCharacters))
        {
            return false;
        }

        var rest = uri[5..];
        var end = rest.IndexOf('/');
        var authority = end < 0 ? rest : rest[..end];
        if (!IsDid(authority) && !IsHandle(authority))
        {
            return false;
        }

        if (end < 0)
        {
            return true;
        }

        var path = rest[(end + 1)..];
        var slash = path.IndexOf('/');
        var collection = slash < 0 ? path : path[..slash];
        return IsNsid(collection) && (slash < 0 || IsRecordKey(path[(slash + 1)..]));
    }

    [GeneratedRegex("^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex HandlePattern();


    // Character sets checked with SearchValues (vectorized) rather than a regex, on the hot path of every record read.
    private static readonly SearchValues<char> NsidDomainCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    private static readonly SearchValues<char> NsidNameCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private static readonly SearchValues<char> RecordKeyCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_~.:-");

    private static readonly SearchValues<char> CidCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+=");

    private static readonly SearchValues<char> AtUriCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._~:@!$&')(*+,;=%/-");

    private static readonly SearchValues<char> DidCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:%-");

    private static readonly SearchValues<char> TidCharacters = SearchValues.Create("234567abcdefghijklmnopqrstuvwxyz");

    private static readonly SearchValues<char> UriSchemeCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789+.-");

    private static readonly SearchValues<char> AsciiLetters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    [GeneratedRegex("^/[a-zA-Z0-9._~:@!$&')(*+,;=%\\[\\]/-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AtUriFragmentPattern();

    // BCP 47 (RFC 5646 section 2.1), in either case as the RFC allows (spelled out: IgnoreCase would also match the Kelvin sign): language (2-3 letters with up to three extlangs,
    // 4, or 5-8 letters), script, region, variants, extensions, private use; or a private-use tag (x-...), or a
    // grandfathered i- tag.
    [GeneratedRegex("^(?:(?:[a-zA-Z]{2,3}(?:-[a-zA-Z]{3}){0,3}|[a-zA-Z]{4}|[a-zA-Z]{5,8})(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|[0-9]{3}))?(?:-(?:[a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*(?:-[0-9a-wyzA-WYZ](?:-[a-zA-Z0-9]{2,8})+)*(?:-[xX](?:-[a-zA-Z0-9]{1,8})+)?|[xX](?:-[a-zA-Z0-9]{1,8})+|[iI]-[a-zA-Z]{2,8})\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
