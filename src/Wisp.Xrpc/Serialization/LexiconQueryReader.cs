using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// Reads query-string parameters as @atproto/xrpc-server does: empty values are ignored, integers are plain
/// digits (<c>^-?\d+$</c>), booleans exactly <c>true</c> or <c>false</c>, and a repeated key forms an array.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public static class LexiconQueryReader
{
    /// <summary>A string parameter, or null when absent.</summary>
    public static string? GetString(IQueryCollection query, string path, string name) => Single(query, path, name);

    /// <summary>An integer parameter, or null when absent.</summary>
    public static long? GetInteger(IQueryCollection query, string path, string name) =>
        Single(query, path, name) is { } value ? ParseInteger(value, path, name) : null;

    /// <summary>A boolean parameter, or null when absent.</summary>
    public static bool? GetBoolean(IQueryCollection query, string path, string name) =>
        Single(query, path, name) is { } value ? ParseBoolean(value, path, name) : null;

    /// <summary>A string array parameter (the key repeated), or null when absent.</summary>
    public static List<string>? GetStringArray(IQueryCollection query, string path, string name) =>
        Values(query, name) is { } values ? values : null;

    /// <summary>An integer array parameter, or null when absent.</summary>
    public static List<long>? GetIntegerArray(IQueryCollection query, string path, string name) =>
        Values(query, name)?.Select((v, i) => ParseInteger(v, path, $"{name}/{i}")).ToList();

    /// <summary>A boolean array parameter, or null when absent.</summary>
    public static List<bool>? GetBooleanArray(IQueryCollection query, string path, string name) =>
        Values(query, name)?.Select((v, i) => ParseBoolean(v, path, $"{name}/{i}")).ToList();

    private static string? Single(IQueryCollection query, string path, string name)
    {
        var values = Values(query, name);
        return values switch
        {
            null => null,
            [var one] => one,
            _ => throw new LexiconValidationException($"{path}/{name} must be a single value"),
        };
    }

    private static List<string>? Values(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out StringValues raw))
        {
            return null;
        }

        var values = new List<string>(raw.Count);
        foreach (var value in raw)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values.Add(value);
            }
        }

        return values.Count == 0 ? null : values;
    }

    private static long ParseInteger(string value, string path, string name)
    {
        var digits = value.AsSpan(value.StartsWith('-') ? 1 : 0);
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9')
            && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new LexiconValidationException($"{path}/{name} must be an integer");
    }

    private static bool ParseBoolean(string value, string path, string name) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw new LexiconValidationException($"{path}/{name} must be a boolean"),
    };
}
