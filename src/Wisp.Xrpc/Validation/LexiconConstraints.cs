using System.Globalization;
using System.Text;

namespace Wisp.Xrpc.Validation;

/// <summary>
/// Constraint checks called by generated code. Each throws a <see cref="LexiconValidationException"/> naming
/// the path and the rule; the path string is built only when a check fails. Within a
/// <see cref="LexiconValidationScope.Lenient"/> scope (a client reading a response leniently) the limits a newer
/// lexicon may relax pass: lengths, graphemes, ranges, enums, blob types and sizes; formats and consts still hold.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public static class LexiconConstraints
{
    /// <summary>String length in UTF-8 bytes, as the Lexicon spec counts <c>minLength</c>/<c>maxLength</c>.</summary>
    public static void StringLength(string value, string path, string property, long minLength, long maxLength)
    {
        // UTF-16 length bounds the UTF-8 length from both sides (1 to 3 bytes per UTF-16 unit),
        // so most strings are decided without counting.
        if (value.Length >= minLength && (long)value.Length * 3 <= maxLength)
        {
            return;
        }

        if (LexiconValidationScope.IsLenient)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes < minLength)
        {
            throw new LexiconValidationException($"{path}/{property} must not be shorter than {minLength} bytes (UTF-8)");
        }

        if (bytes > maxLength)
        {
            throw new LexiconValidationException($"{path}/{property} must not be longer than {maxLength} bytes (UTF-8)");
        }
    }

    /// <summary>String length in extended grapheme clusters (<c>minGraphemes</c>/<c>maxGraphemes</c>).</summary>
    public static void Graphemes(string value, string path, string property, long minGraphemes, long maxGraphemes)
    {
        // Every grapheme is at least one UTF-16 unit, and a non-empty string has at least one grapheme: most values
        // are decided by their length alone.
        if (value.Length <= maxGraphemes && minGraphemes <= Math.Min(value.Length, 1))
        {
            return;
        }

        if (LexiconValidationScope.IsLenient)
        {
            return;
        }

        var count = CountGraphemes(value);
        if (count < minGraphemes)
        {
            throw new LexiconValidationException($"{path}/{property} must not be shorter than {minGraphemes} graphemes");
        }

        if (count > maxGraphemes)
        {
            throw new LexiconValidationException($"{path}/{property} must not be longer than {maxGraphemes} graphemes");
        }
    }

    /// <summary>
    /// Extended grapheme clusters, as <see cref="StringInfo.LengthInTextElements"/> counts them, without allocating.
    /// Two ASCII characters in a row are always two clusters except CR LF (Unicode UAX #29: combining marks, joiners and
    /// prepends are not ASCII), so runs of ASCII are counted without the full segmentation rules.
    /// </summary>
    internal static int CountGraphemes(ReadOnlySpan<char> value)
    {
        var count = 0;
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (c < 0x80 && (i + 1 == value.Length || (value[i + 1] < 0x80 && !(c == '\r' && value[i + 1] == '\n'))))
            {
                i++;
            }
            else
            {
                i += StringInfo.GetNextTextElementLength(value[i..]);
            }

            count++;
        }

        return count;
    }

    /// <summary>A string format.</summary>
    public static void Format(string value, string path, string property, LexiconFormat format)
    {
        if (!LexiconFormats.IsValid(value, format))
        {
            throw new LexiconValidationException($"{path}/{property} must be a valid {LexiconFormats.DisplayName(format)}");
        }
    }

    /// <summary>An integer range (<c>minimum</c>/<c>maximum</c>).</summary>
    public static void Range(long value, string path, string property, long minimum, long maximum)
    {
        if (LexiconValidationScope.IsLenient)
        {
            return;
        }

        if (value < minimum)
        {
            throw new LexiconValidationException($"{path}/{property} can not be less than {minimum}");
        }

        if (value > maximum)
        {
            throw new LexiconValidationException($"{path}/{property} can not be greater than {maximum}");
        }
    }

    /// <summary>An array length (<c>minLength</c>/<c>maxLength</c>).</summary>
    public static void ArrayLength(int count, string path, string property, long minLength, long maxLength)
    {
        if (LexiconValidationScope.IsLenient)
        {
            return;
        }

        if (count < minLength)
        {
            throw new LexiconValidationException($"{path}/{property} must not have fewer than {minLength} elements");
        }

        if (count > maxLength)
        {
            throw new LexiconValidationException($"{path}/{property} must not have more than {maxLength} elements");
        }
    }

    /// <summary>A closed set of string values (<c>enum</c>, or <c>const</c> as a set of one).</summary>
    public static void OneOf(string value, string path, string property, ReadOnlySpan<string> allowed)
    {
        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return;
            }
        }

        if (LexiconValidationScope.IsLenient)
        {
            return;
        }

        throw new LexiconValidationException($"{path}/{property} must be one of ({string.Join('|', allowed.ToArray())})");
    }

    /// <summary>A closed set of integer values (<c>enum</c>, or <c>const</c>).</summary>
    public static void OneOf(long value, string path, string property, ReadOnlySpan<long> allowed)
    {
        foreach (var candidate in allowed)
        {
            if (candidate == value)
            {
                return;
            }
        }

        if (LexiconValidationScope.IsLenient)
        {
            return;
        }

        throw new LexiconValidationException($"{path}/{property} must be one of ({string.Join('|', allowed.ToArray())})");
    }

    /// <summary>A boolean <c>const</c>.</summary>
    public static void Const(bool value, string path, string property, bool expected)
    {
        if (value != expected)
        {
            throw new LexiconValidationException($"{path}/{property} must be {(expected ? "true" : "false")}");
        }
    }

    /// <summary>A string <c>const</c>.</summary>
    public static void Const(string value, string path, string property, string expected)
    {
        if (value != expected)
        {
            throw new LexiconValidationException($"{path}/{property} must be {expected}");
        }
    }

    /// <summary>An integer <c>const</c>.</summary>
    public static void Const(long value, string path, string property, long expected)
    {
        if (value != expected)
        {
            throw new LexiconValidationException($"{path}/{property} must be {expected.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>The length of <c>bytes</c> (<c>minLength</c>/<c>maxLength</c>).</summary>
    public static void BytesLength(byte[] value, string path, string property, long minLength, long maxLength)
    {
        if (LexiconValidationScope.IsLenient)
        {
            return;
        }

        if (value.Length < minLength)
        {
            throw new LexiconValidationException($"{path}/{property} must not be smaller than {minLength} bytes");
        }

        if (value.Length > maxLength)
        {
            throw new LexiconValidationException($"{path}/{property} must not be larger than {maxLength} bytes");
        }
    }

    /// <summary>
    /// A blob's <c>accept</c> (MIME types; <c>type/*</c> and <c>*/*</c> globs) and <c>maxSize</c>. An empty
    /// <paramref name="accept"/> accepts anything; a legacy blob has no size to check.
    /// </summary>
    public static void Blob(BlobRef value, string path, string property, ReadOnlySpan<string> accept, long maxSize)
    {
        if (LexiconValidationScope.IsLenient)
        {
            return;
        }

        if (value.Size > maxSize)
        {
            throw new LexiconValidationException($"{path}/{property} must not be larger than {maxSize} bytes");
        }

        if (accept.IsEmpty)
        {
            return;
        }

        foreach (var pattern in accept)
        {
            if (MimeTypeMatches(value.MimeType, pattern))
            {
                return;
            }
        }

        throw new LexiconValidationException($"{path}/{property} mimeType must be one of {string.Join(", ", accept.ToArray())}");
    }

    private static bool MimeTypeMatches(string mimeType, string pattern)
    {
        if (pattern == "*/*")
        {
            return true;
        }

        if (pattern.EndsWith("/*", StringComparison.Ordinal))
        {
            var prefix = pattern.AsSpan(0, pattern.Length - 1);
            return mimeType.Length > prefix.Length && mimeType.AsSpan().StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(mimeType, pattern, StringComparison.OrdinalIgnoreCase);
    }
}
