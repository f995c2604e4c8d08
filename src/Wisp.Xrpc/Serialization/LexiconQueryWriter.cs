using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// Writes a method's parameters as @atproto/xrpc does: booleans as <c>true</c>/<c>false</c>, integers in decimal,
/// an array as the key repeated, nothing for an absent value. What it holds is also read back through the type's
/// own <c>ReadQuery</c> before sending, so the parameters are checked by the server's own rules.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public sealed class LexiconQueryWriter
{
    private readonly Dictionary<string, StringValues> _values = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>A string parameter; nothing when null.</summary>
    public void Add(string name, string? value)
    {
        if (value is not null)
        {
            Set(name, value);
        }
    }

    /// <summary>An integer parameter; nothing when null.</summary>
    public void Add(string name, long? value)
    {
        if (value is { } number)
        {
            Set(name, number.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A boolean parameter; nothing when null.</summary>
    public void Add(string name, bool? value)
    {
        if (value is { } flag)
        {
            Set(name, flag ? "true" : "false");
        }
    }

    /// <summary>A string array parameter: the key once per item; nothing when null or empty.</summary>
    public void Add(string name, IReadOnlyList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            Set(name, new StringValues(values.ToArray()));
        }
    }

    /// <summary>An integer array parameter.</summary>
    public void Add(string name, IReadOnlyList<long>? values)
    {
        if (values is { Count: > 0 })
        {
            Set(name, new StringValues(values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray()));
        }
    }

    /// <summary>A boolean array parameter.</summary>
    public void Add(string name, IReadOnlyList<bool>? values)
    {
        if (values is { Count: > 0 })
        {
            Set(name, new StringValues(values.Select(v => v ? "true" : "false").ToArray()));
        }
    }

    /// <summary>
    /// The query string of <paramref name="parameters"/> (<c>?</c> included, empty for none), after reading it back with
    /// the type's own <c>ReadQuery</c>: parameters that break the lexicon are an <see cref="ArgumentException"/> naming the field.
    /// </summary>
    public static string Write<TParams>(TParams parameters, XrpcMethod method)
        where TParams : ILexiconParams<TParams>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(method);
        if (parameters is XrpcEmpty)
        {
            return string.Empty;
        }

        var writer = new LexiconQueryWriter();
        parameters.WriteQuery(writer);
        try
        {
            TParams.ReadQuery(writer.ToQueryCollection(), "Params");
        }
        catch (Validation.LexiconValidationException invalid)
        {
            throw new ArgumentException($"The parameters of {method.Nsid} break its lexicon: {invalid.Message}", nameof(parameters), invalid);
        }

        return writer.ToQueryString();
    }

    /// <summary>The parameters as a query collection, for the type's own reader.</summary>
    internal IQueryCollection ToQueryCollection() => new QueryCollection(_values);

    /// <summary>The query string, <c>?</c> included; empty when there are no parameters.</summary>
    internal string ToQueryString()
    {
        if (_order.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var name in _order)
        {
            foreach (var value in _values[name])
            {
                text.Append(text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value!));
            }
        }

        return text.ToString();
    }

    private void Set(string name, StringValues value)
    {
        if (!_values.ContainsKey(name))
        {
            _order.Add(name);
        }

        _values[name] = value;
    }
}
