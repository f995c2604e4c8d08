using System.Collections.Generic;

namespace Wisp.Xrpc.Generators.Json;

/// <summary>
/// A JSON value with the character span it came from. Parse-time only: the equatable model never holds one,
/// only the <see cref="Model.LocationInfo"/> computed from its span.
/// </summary>
internal abstract class JsonNode
{
    protected JsonNode(int start, int end)
    {
        Start = start;
        End = end;
    }

    /// <summary>Offset of the first character of the value.</summary>
    public int Start { get; }

    /// <summary>Offset just past the last character of the value.</summary>
    public int End { get; }

    /// <summary>The JSON kind, as a lexicon author would name it in an error message.</summary>
    public abstract string KindName { get; }
}

internal sealed class JsonObject : JsonNode
{
    public JsonObject(int start, int end, IReadOnlyList<JsonProperty> properties)
        : base(start, end) => Properties = properties;

    /// <summary>Properties in document order; a repeated name keeps every occurrence.</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    public override string KindName => "an object";

    /// <summary>The last property with this name (JSON.parse semantics), or null.</summary>
    public JsonProperty? Find(string name)
    {
        for (var i = Properties.Count - 1; i >= 0; i--)
        {
            if (Properties[i].Name == name)
            {
                return Properties[i];
            }
        }

        return null;
    }

    public JsonNode? Get(string name) => Find(name)?.Value;
}

internal sealed class JsonProperty
{
    public JsonProperty(string name, int nameStart, int nameEnd, JsonNode value)
    {
        Name = name;
        NameStart = nameStart;
        NameEnd = nameEnd;
        Value = value;
    }

    public string Name { get; }

    public int NameStart { get; }

    public int NameEnd { get; }

    public JsonNode Value { get; }
}

internal sealed class JsonArray : JsonNode
{
    public JsonArray(int start, int end, IReadOnlyList<JsonNode> items)
        : base(start, end) => Items = items;

    public IReadOnlyList<JsonNode> Items { get; }

    public override string KindName => "an array";
}

internal sealed class JsonString : JsonNode
{
    public JsonString(int start, int end, string value)
        : base(start, end) => Value = value;

    public string Value { get; }

    public override string KindName => "a string";
}

internal sealed class JsonNumber : JsonNode
{
    public JsonNumber(int start, int end, string text)
        : base(start, end) => Text = text;

    /// <summary>The number exactly as written, so integers beyond double precision are not rounded.</summary>
    public string Text { get; }

    public override string KindName => "a number";
}

internal sealed class JsonBoolean : JsonNode
{
    public JsonBoolean(int start, int end, bool value)
        : base(start, end) => Value = value;

    public bool Value { get; }

    public override string KindName => "a boolean";
}

internal sealed class JsonNull : JsonNode
{
    public JsonNull(int start, int end)
        : base(start, end)
    {
    }

    public override string KindName => "null";
}
