using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Wisp.Xrpc.Generators.Binding;

/// <summary>
/// How lexicon names become C# identifiers. Pure functions of the name: collisions are the job of
/// <see cref="NameScope"/>, which uses these as the names it wants.
/// </summary>
internal static class CSharpNames
{
    /// <summary><c>place.wisp.v2.secret.create</c> → <c>Place.Wisp.V2.Secret</c>: the namespace below the root one.</summary>
    public static string RelativeNamespace(string nsid)
    {
        var segments = nsid.Split('.');
        return string.Join(".", segments.Take(segments.Length - 1).Select(Pascal));
    }

    /// <summary><c>place.wisp.v2.secret.create</c> → <c>Create</c>: the class name the lexicon wants.</summary>
    public static string DocumentClass(string nsid) => Pascal(nsid.Substring(nsid.LastIndexOf('.') + 1));

    /// <summary>
    /// A lexicon name in PascalCase: <c>createdAt</c> → <c>CreatedAt</c>, <c>my-app</c> → <c>MyApp</c>,
    /// <c>3d</c> → <c>_3d</c>. Characters C# does not allow in identifiers become word breaks. Always a valid
    /// identifier (a keyword gets a leading <c>@</c>, as in <c>@__arglist</c>).
    /// </summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        var upperNext = true;
        foreach (var c in name)
        {
            if (!IsIdentifierPart(c))
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        if (builder.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return Escaped(builder.ToString());
    }

    /// <summary>camelCase for locals, from a member's (already valid) name: <c>CreatedAt</c> → <c>createdAt</c>, <c>Default</c> → <c>@default</c>.</summary>
    public static string Local(string memberName)
    {
        var pascal = memberName.TrimStart('@');
        var camel = pascal[0] == '_' ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Escaped(camel);
    }

    /// <summary>
    /// A stable short hash of a lexicon name (FNV-1a, 6 hex digits), the tie-breaker when two names want one C#
    /// name: the same on every machine and in every run, unlike <see cref="string.GetHashCode()"/>.
    /// </summary>
    public static string Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (hash & 0xFFFFFF).ToString("x6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="name"/> is a dotted list of C# identifiers (a namespace).</summary>
    public static bool IsNamespace(string name) =>
        name.Length > 0 && name.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None);

    /// <summary>The nearest valid namespace: each segment made an identifier (<c>My-App</c> → <c>MyApp</c>).</summary>
    public static string ToNamespace(string name) =>
        string.Join(".", name.Split('.').Where(part => part.Length > 0).Select(part => Pascal(part).TrimStart('@')).DefaultIfEmpty("Lexicons"));

    private static bool IsIdentifierPart(char c) =>
        c == '_' || (char.IsLetterOrDigit(c) && SyntaxFacts.IsIdentifierPartCharacter(c));

    private static string Escaped(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None
            ? "@" + identifier
            : identifier;
}
