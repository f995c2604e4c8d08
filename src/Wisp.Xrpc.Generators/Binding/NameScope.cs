using System.Collections.Generic;
using System.Linq;

namespace Wisp.Xrpc.Generators.Binding;

/// <summary>
/// Chooses C# names in one scope (a namespace, a type's members, a method's locals) so that none collide.
/// The rules are decided by the names alone, never by the order things are declared in:
/// <list type="number">
/// <item>a name the scope reserves (a member every such type has, the type's own name) gets <c>suffix</c>;</item>
/// <item>names that still want one C# name: the first by ordinal order of the lexicon name keeps it, each other
/// one gets <c>_</c> and a stable hash of its lexicon name;</item>
/// <item>anything still taken (only contrived inputs get here) gets the smallest free number.</item>
/// </list>
/// So a name changes only when something that wants the same name appears, and every change is reported.
/// </summary>
internal static class NameScope
{
    /// <summary>Members every object has (<see cref="object"/>'s): a member named so would hide one (CS0108/CS0114).</summary>
    public static readonly string[] ObjectMembers = ["Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "ReferenceEquals"];

    /// <summary>Assigns each item (a lexicon name and the C# name it wants) its C# name.</summary>
    /// <param name="items">The lexicon names (unique) and the C# names they want.</param>
    /// <param name="reserved">Names already taken in the scope.</param>
    /// <param name="suffix">Appended to a name that is reserved.</param>
    /// <param name="renamed">Receives (lexicon name, wanted, chosen, why) for every name that is not the one wanted.</param>
    public static Dictionary<string, string> Assign(
        IEnumerable<(string Key, string Wanted)> items,
        ICollection<string> reserved,
        string suffix,
        List<(string Key, string Wanted, string Chosen, string Why)>? renamed = null)
    {
        var list = items.OrderBy(i => i.Key, System.StringComparer.Ordinal).ToList();
        var candidates = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var why = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var (key, wanted) in list)
        {
            if (reserved.Contains(wanted))
            {
                candidates[key] = Suffixed(wanted, suffix);
                why[key] = "is taken by a member the generated type must have";
            }
            else
            {
                candidates[key] = wanted;
            }
        }

        foreach (var group in list.GroupBy(i => candidates[i.Key], System.StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var keeper = group.First().Key;
            foreach (var (key, _) in group.Skip(1))
            {
                candidates[key] = group.Key + "_" + CSharpNames.Hash(key);
                why[key] = $"is also the C# name of '{keeper}'";
            }
        }

        var taken = new HashSet<string>(reserved, System.StringComparer.Ordinal);
        var result = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var (key, wanted) in list)
        {
            var chosen = candidates[key];
            for (var i = 2; !taken.Add(chosen); i++)
            {
                chosen = candidates[key] + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                why[key] = "is taken";
            }

            result[key] = chosen;
            if (chosen != wanted)
            {
                renamed?.Add((key, wanted, chosen, why.TryGetValue(key, out var reason) ? reason : "is taken"));
            }
        }

        return result;
    }

    /// <summary>A name unique among <paramref name="taken"/> by a numeric suffix, and takes it (for locals, which nobody sees).</summary>
    public static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static string Suffixed(string name, string suffix) => name.TrimStart('@') + suffix;
}
