using System.Text;
using System.Text.Json;

namespace Wisp.Xrpc.Serialization;

/// <summary>
/// The property names an object's lexicon declares, in the order its generated reader numbers them, as UTF-8:
/// <see cref="ILexiconReader.NextProperty"/> matches the current property name against them without allocating.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public sealed class LexiconPropertyNames
{
    private readonly byte[][] _names;

    /// <summary>No names: an object whose lexicon declares no property (all are kept as extension data).</summary>
    public static LexiconPropertyNames None { get; } = new();

    /// <summary>Creates the table; generated code keeps one per object type in a static field.</summary>
    public LexiconPropertyNames(params string[] names)
        : this(null, names)
    {
    }

    private LexiconPropertyNames(string? recordType, string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        RecordType = recordType;
        RecordTypeUtf8 = recordType is null ? null : Encoding.UTF8.GetBytes(recordType);
        _names = new byte[names.Length][];
        for (var i = 0; i < names.Length; i++)
        {
            _names[i] = Encoding.UTF8.GetBytes(names[i]);
        }
    }

    /// <summary>
    /// The table of a record's main object: a <c>$type</c> naming <paramref name="recordType"/> is not kept with the
    /// undeclared properties, because the record's writer writes it again (another <c>$type</c> is kept, and refused
    /// by <see cref="LexiconReader.CheckRecordType"/>).
    /// </summary>
    public static LexiconPropertyNames ForRecord(string recordType, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(recordType);
        return new(recordType, names);
    }

    /// <summary>The collection of the record whose main object this describes; null for other objects.</summary>
    public string? RecordType { get; }

    /// <summary><see cref="RecordType"/> as UTF-8.</summary>
    internal byte[]? RecordTypeUtf8 { get; }

    /// <summary>
    /// The index of the property name the reader is on, looking from <paramref name="start"/> round to it again;
    /// -1 when the lexicon does not declare it.
    /// </summary>
    public int IndexOf(ref Utf8JsonReader reader, int start)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return IndexOfSlow(ref reader, start);
        }

        return IndexOf(reader.ValueSpan, start);
    }

    /// <summary>The index of <paramref name="utf8Name"/>, looking from <paramref name="start"/> round to it again; -1 when the lexicon does not declare it.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8Name, int start)
    {
        var names = _names;
        for (var i = start; i < names.Length; i++)
        {
            if (utf8Name.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        for (var i = 0; i < start && i < names.Length; i++)
        {
            if (utf8Name.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>An escaped name, or one split across buffers: unescaped into UTF-8 first.</summary>
    private int IndexOfSlow(ref Utf8JsonReader reader, int start)
    {
        var length = checked((int)(reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length));
        Span<byte> name = length <= 256 ? stackalloc byte[length] : new byte[length];
        return IndexOf(name[..reader.CopyString(name)], start);
    }
}
