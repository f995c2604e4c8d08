using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>A StringBuilder that indents, so emitters read like the code they write.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(text).Append('\n');
        return this;
    }

    public SourceWriter OpenBlock(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Opens a block whose header has a constraint clause on a line of its own (a generic method).</summary>
    public SourceWriter OpenBlock(string header, string constraints)
    {
        Line(header);
        _indent++;
        Line(constraints);
        _indent--;
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Writes a line and indents what follows (for wrapped argument lists); <see cref="Outdent"/> ends it.</summary>
    public SourceWriter Indent(string line)
    {
        Line(line);
        _indent++;
        return this;
    }

    public SourceWriter Outdent()
    {
        _indent--;
        return this;
    }

    public SourceWriter CloseBlock(string closing = "}")
    {
        _indent--;
        return Line(closing);
    }

    /// <summary>
    /// Writes an XML doc element holding lexicon text: escaped, one <c>///</c> line per line of the text. Every
    /// character C# ends a line at (CR, LF, NEL, LS, PS) starts a new doc line, so lexicon text can never end the
    /// comment and become code. <paramref name="xml"/> is markup the emitter wrote (crefs), appended unescaped.
    /// </summary>
    public SourceWriter Doc(string element, string? text, string? xml = null)
    {
        if (string.IsNullOrWhiteSpace(text) && xml is null)
        {
            return this;
        }

        if (string.IsNullOrEmpty(text))
        {
            return Line($"/// <{element}>{xml}</{element}>");
        }

        Line($"/// <{element}>");
        var lines = SplitLines(text!);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = EscapeXml(lines[i].TrimEnd());
            if (xml is not null && i == lines.Count - 1)
            {
                line = line.Length == 0 ? xml : line + " " + xml;
            }

            Line(("/// " + line).TrimEnd());
        }

        return Line($"/// </{element}>");
    }

    public SourceWriter Summary(string? text, string? xml = null) => Doc("summary", text, xml);

    /// <summary>
    /// Text made safe inside an XML doc comment: <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> escaped, and characters XML
    /// cannot hold (controls, unpaired surrogates, U+FFFE/U+FFFF) replaced by U+FFFD. Line terminators are the
    /// caller's business (<see cref="Doc"/> splits on them).
    /// </summary>
    public static string EscapeXml(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if ((c < ' ' && c != '\t') || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF' || IsLineTerminator(c))
                    {
                        builder.Append('\uFFFD');
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>The lines of a text, split at every C# line terminator (CR LF, CR, LF, U+0085, U+2028, U+2029).</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsLineTerminator(text[i]))
            {
                lines.Add(text.Substring(start, i - start));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add(text.Substring(start));
        return lines;
    }

    private static bool IsLineTerminator(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';

    public override string ToString() => _builder.ToString();

    public static string Header =>
        "// <auto-generated>\n// Generated by Wisp.Xrpc.Generators from lexicon files. Do not edit: change the lexicon instead.\n// </auto-generated>\n\n#nullable enable\n";

    /// <summary>A C# string literal of any text: Roslyn's own formatter, which escapes quotes, backslashes, line terminators and every non-printable character.</summary>
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A UTF-8 string literal (<c>"name"u8</c>).</summary>
    public static string Utf8Literal(string value) => Literal(value) + "u8";

    public static string Number(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L";
}
