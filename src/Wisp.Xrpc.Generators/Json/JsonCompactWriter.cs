using System.Globalization;
using System.Text;

namespace Wisp.Xrpc.Generators.Json;

/// <summary>
/// Writes a parsed JSON value back without whitespace: the form a lexicon is recorded in its assembly (so moving
/// text in the file changes nothing that is emitted). Numbers keep their text; strings escape only what JSON requires.
/// </summary>
internal static class JsonCompactWriter
{
    public static string Write(JsonNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                builder.Append('{');
                for (var i = 0; i < obj.Properties.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    WriteString(builder, obj.Properties[i].Name);
                    builder.Append(':');
                    Write(builder, obj.Properties[i].Value);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, array.Items[i]);
                }

                builder.Append(']');
                break;
            case JsonString s:
                WriteString(builder, s.Value);
                break;
            case JsonNumber n:
                builder.Append(n.Text);
                break;
            case JsonBoolean b:
                builder.Append(b.Value ? "true" : "false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\u0085')
                    {
                        // Control characters must be escaped; the others are escaped so the text stays plain ASCII-safe.
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
