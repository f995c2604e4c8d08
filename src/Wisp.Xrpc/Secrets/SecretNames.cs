using System.Text.RegularExpressions;

namespace Wisp.Xrpc.Secrets;

/// <summary>
/// The name rule of wisp.place's secret store, on top of the lexicon's record-key format:
/// 1 to 64 of <c>A-Za-z0-9._-</c>, case-sensitive, never trimmed.
/// </summary>
public static partial class SecretNames
{
    /// <summary>The longest name accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>True when <paramref name="name"/> follows the rule.</summary>
    public static bool IsValid(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
