using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>How lexicon names become C# names. Deterministic: the same lexicon always gives the same names.</summary>
internal static class CSharpNames
{
    /// <summary><c>place.wisp.v2.secret.create</c> → <c>{root}.Place.Wisp.V2.Secret</c>.</summary>
    public static string Namespace(string rootNamespace, string nsid)
    {
        var segments = nsid.Split('.');
        return rootNamespace + "." + string.Join(".", segments.Take(segments.Length - 1).Select(Pascal));
    }

    /// <summary><c>place.wisp.v2.secret.create</c> → <c>Create</c>: the class that holds the lexicon's types.</summary>
    public static string DocumentClass(string nsid) => Pascal(nsid.Substring(nsid.LastIndexOf('.') + 1));

    /// <summary><c>place.wisp.v2.secret.create</c> → <c>PlaceWispV2SecretCreate</c>: unique per NSID.</summary>
    public static string Flat(string nsid) => string.Concat(nsid.Split('.').Select(Pascal));

    /// <summary>
    /// A lexicon name in PascalCase: <c>createdAt</c> → <c>CreatedAt</c>, <c>my-app</c> → <c>MyApp</c>,
    /// <c>3d</c> → <c>_3d</c>. Characters C# does not allow in identifiers become word breaks.
    /// </summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        var upperNext = true;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        var result = builder.ToString();
        return SyntaxFacts.GetKeywordKind(result) != SyntaxKind.None ? "@" + result : result;
    }

    /// <summary>camelCase for locals and parameters, escaped when it is a keyword (<c>default</c> → <c>@default</c>).</summary>
    public static string Local(string name)
    {
        var pascal = Pascal(name).TrimStart('@');
        var camel = pascal[0] == '_' ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(camel) != SyntaxKind.None
            ? "@" + camel
            : camel;
    }

    /// <summary>Makes <paramref name="name"/> unique among <paramref name="taken"/> by a numeric suffix, and takes it.</summary>
    public static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
