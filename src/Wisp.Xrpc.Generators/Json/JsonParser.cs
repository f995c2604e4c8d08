using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Wisp.Xrpc.Generators.Json;

/// <summary>
/// A strict RFC 8259 parser that records where every value starts and ends.
/// </summary>
/// <remarks>
/// The generator parses lexicons itself instead of shipping System.Text.Json into the compiler: it needs the
/// position of every value for diagnostics, and a dependency-free analyzer loads in every host.
/// Nesting is bounded so that hostile input cannot overflow the compiler's stack.
/// </remarks>
internal sealed class JsonParser
{
    private const int MaxDepth = 64;

    private readonly string _text;
    private int _position;

    private JsonParser(string text) => _text = text;

    /// <summary>Parses one JSON document; throws <see cref="JsonParseException"/> at the first error.</summary>
    public static JsonNode Parse(string text)
    {
        var parser = new JsonParser(text);
        parser.SkipWhitespace();
        if (parser._position == 0 && text.Length > 0 && text[0] == '\uFEFF')
        {
            parser._position = 1;
            parser.SkipWhitespace();
        }

        var root = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (parser._position < text.Length)
        {
            throw new JsonParseException("Unexpected content after the end of the JSON document", parser._position);
        }

        return root;
    }

    private JsonNode ParseValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonParseException($"JSON is nested deeper than {MaxDepth} levels", _position);
        }

        if (_position >= _text.Length)
        {
            throw new JsonParseException("Unexpected end of the file; a JSON value was expected", _position);
        }

        switch (_text[_position])
        {
            case '{':
                return ParseObject(depth);
            case '[':
                return ParseArray(depth);
            case '"':
                {
                    var start = _position;
                    var value = ParseString();
                    return new JsonString(start, _position, value);
                }

            case 't':
                return ParseLiteral("true", static (s, e) => new JsonBoolean(s, e, true));
            case 'f':
                return ParseLiteral("false", static (s, e) => new JsonBoolean(s, e, false));
            case 'n':
                return ParseLiteral("null", static (s, e) => new JsonNull(s, e));
            default:
                var c = _text[_position];
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }

                throw new JsonParseException($"Unexpected character '{Printable(c)}'; a JSON value was expected", _position);
        }
    }

    private JsonObject ParseObject(int depth)
    {
        var start = _position++;
        var properties = new List<JsonProperty>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return new JsonObject(start, _position, properties);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw new JsonParseException("A property name in double quotes was expected", _position);
            }

            var nameStart = _position;
            var name = ParseString();
            var nameEnd = _position;
            SkipWhitespace();
            Expect(':', "':' was expected after the property name");
            SkipWhitespace();
            var value = ParseValue(depth + 1);
            properties.Add(new JsonProperty(name, nameStart, nameEnd, value));
            SkipWhitespace();
            var next = Peek();
            if (next == ',')
            {
                _position++;
                continue;
            }

            if (next == '}')
            {
                _position++;
                return new JsonObject(start, _position, properties);
            }

            throw new JsonParseException("',' or '}' was expected", _position);
        }
    }

    private JsonArray ParseArray(int depth)
    {
        var start = _position++;
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return new JsonArray(start, _position, items);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ParseValue(depth + 1));
            SkipWhitespace();
            var next = Peek();
            if (next == ',')
            {
                _position++;
                continue;
            }

            if (next == ']')
            {
                _position++;
                return new JsonArray(start, _position, items);
            }

            throw new JsonParseException("',' or ']' was expected", _position);
        }
    }

    private string ParseString()
    {
        var start = _position;
        _position++; // opening quote
        StringBuilder? builder = null;
        var runStart = _position;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw new JsonParseException("Unterminated string", start);
            }

            var c = _text[_position];
            if (c == '"')
            {
                var tail = _text.Substring(runStart, _position - runStart);
                _position++;
                var value = builder is null ? tail : builder.Append(tail).ToString();
                return HasUnpairedSurrogate(value)
                    ? throw new JsonParseException("The string holds an unpaired UTF-16 surrogate (a \\uD800-\\uDFFF escape without its pair), which is not Unicode text", start)
                    : value;
            }

            if (c < ' ')
            {
                throw new JsonParseException("Control characters must be escaped in JSON strings", _position);
            }

            if (c != '\\')
            {
                _position++;
                continue;
            }

            builder ??= new StringBuilder();
            builder.Append(_text, runStart, _position - runStart);
            _position++;
            if (_position >= _text.Length)
            {
                throw new JsonParseException("Unterminated string", start);
            }

            var escape = _text[_position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new JsonParseException("'\\u' must be followed by four hexadecimal digits", _position - 2);
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw new JsonParseException($"Invalid escape sequence '\\{Printable(escape)}'", _position - 2);
            }

            runStart = _position;
        }
    }

    private JsonNumber ParseNumber()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        if (Peek() == '0')
        {
            _position++;
        }
        else if (!ReadDigits())
        {
            throw new JsonParseException("A digit was expected", _position);
        }

        if (Peek() == '.')
        {
            _position++;
            if (!ReadDigits())
            {
                throw new JsonParseException("A digit was expected after the decimal point", _position);
            }
        }

        if (Peek() == 'e' || Peek() == 'E')
        {
            _position++;
            if (Peek() == '+' || Peek() == '-')
            {
                _position++;
            }

            if (!ReadDigits())
            {
                throw new JsonParseException("A digit was expected in the exponent", _position);
            }
        }

        return new JsonNumber(start, _position, _text.Substring(start, _position - start));
    }

    private bool ReadDigits()
    {
        var start = _position;
        while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
        {
            _position++;
        }

        return _position > start;
    }

    private JsonNode ParseLiteral(string literal, Func<int, int, JsonNode> create)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw new JsonParseException($"Unexpected character '{Printable(_text[_position])}'; a JSON value was expected", _position);
        }

        var start = _position;
        _position += literal.Length;
        return create(start, _position);
    }

    private void Expect(char c, string message)
    {
        if (Peek() != c)
        {
            throw new JsonParseException(message, _position);
        }

        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                return;
            }

            _position++;
        }
    }

    /// <summary>Lexicon text becomes C# literals and UTF-8: a lone surrogate has no UTF-8 form (the data model forbids it).</summary>
    private static bool HasUnpairedSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Printable(char c) => c < ' ' ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString();
}

/// <summary>Invalid JSON, with the offset of the offending character.</summary>
internal sealed class JsonParseException : Exception
{
    public JsonParseException(string message, int offset)
        : base(message) => Offset = offset;

    public int Offset { get; }
}
