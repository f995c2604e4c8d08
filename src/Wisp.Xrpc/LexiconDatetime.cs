using System.Globalization;

namespace Wisp.Xrpc;

/// <summary>Formats times as Lexicon <c>datetime</c> strings.</summary>
public static class LexiconDatetime
{
    /// <summary>
    /// RFC 3339 in UTC with exactly three fractional digits and <c>Z</c> (e.g. <c>2026-11-26T04:38:23.123Z</c>),
    /// the form JavaScript's <c>toISOString()</c> gives and atproto services write.
    /// </summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);
}
