using System.Text;
using System.Text.Json;

namespace Wisp.Xrpc.DataModel;

/// <summary>The kinds of the AT Protocol data model (atproto.com/specs/data-model): no floats, no undefined.</summary>
public enum DataModelKind
{
    /// <summary><c>null</c>.</summary>
    Null,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A signed 64-bit integer.</summary>
    Integer,

    /// <summary>A UTF-8 string.</summary>
    String,

    /// <summary>Bytes: JSON <c>{"$bytes": base64}</c>, CBOR major type 2.</summary>
    Bytes,

    /// <summary>A link: JSON <c>{"$link": cid}</c>, CBOR tag 42.</summary>
    Link,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A map with string keys, kept in DAG-CBOR key order (length first, then bytewise).</summary>
    Map,
}

/// <summary>
/// One value of the AT Protocol data model, as both encodings hold it: read from JSON (<c>$bytes</c> and <c>$link</c>
/// objects become bytes and links) or from DAG-CBOR, written to either, so a record read from JSON and the same
/// record read from CBOR encode to identical bytes and hash to the same CID. Immutable; compares by value.
/// This is what <c>unknown</c> values and unknown fields are, and what <see cref="DagCbor"/> reads and writes.
/// System.Text.Json reads and writes it in the data model's JSON form (<see cref="DataModelValueJsonConverter"/>).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(DataModelValueJsonConverter))]
public sealed class DataModelValue : IEquatable<DataModelValue>
{
    private static readonly IComparer<string> KeyOrder = Comparer<string>.Create(DagCbor.CompareKeys);

    private readonly object? _value;

    private DataModelValue(DataModelKind kind, object? value, long integer = 0)
    {
        Kind = kind;
        _value = value;
        IntegerValue = integer;
    }

    /// <summary><c>null</c>.</summary>
    public static DataModelValue Null { get; } = new(DataModelKind.Null, null);

    /// <summary><c>true</c>.</summary>
    public static DataModelValue True { get; } = new(DataModelKind.Boolean, true);

    /// <summary><c>false</c>.</summary>
    public static DataModelValue False { get; } = new(DataModelKind.Boolean, false);

    /// <summary>The kind.</summary>
    public DataModelKind Kind { get; }

    /// <summary>The boolean (<see cref="DataModelKind.Boolean"/>).</summary>
    public bool BooleanValue => Kind == DataModelKind.Boolean ? (bool)_value! : throw WrongKind(DataModelKind.Boolean);

    /// <summary>The integer (<see cref="DataModelKind.Integer"/>; 0 for other kinds).</summary>
    public long IntegerValue { get; }

    /// <summary>The string (<see cref="DataModelKind.String"/>).</summary>
    public string StringValue => _value as string ?? throw WrongKind(DataModelKind.String);

    /// <summary>The bytes (<see cref="DataModelKind.Bytes"/>).</summary>
    public ReadOnlyMemory<byte> BytesValue => Kind == DataModelKind.Bytes ? (byte[])_value! : throw WrongKind(DataModelKind.Bytes);

    /// <summary>The link (<see cref="DataModelKind.Link"/>).</summary>
    public Cid LinkValue => Kind == DataModelKind.Link ? (Cid)_value! : throw WrongKind(DataModelKind.Link);

    /// <summary>The items (<see cref="DataModelKind.Array"/>).</summary>
    public IReadOnlyList<DataModelValue> Items => Kind == DataModelKind.Array ? (DataModelValue[])_value! : throw WrongKind(DataModelKind.Array);

    /// <summary>The entries in DAG-CBOR key order (<see cref="DataModelKind.Map"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, DataModelValue>> Entries =>
        Kind == DataModelKind.Map ? (KeyValuePair<string, DataModelValue>[])_value! : throw WrongKind(DataModelKind.Map);

    /// <summary>The value of <paramref name="key"/> in a map, or null.</summary>
    public DataModelValue? this[string key]
    {
        get
        {
            var entries = (KeyValuePair<string, DataModelValue>[])(Kind == DataModelKind.Map ? _value! : throw WrongKind(DataModelKind.Map));
            var index = System.Array.BinarySearch(entries, new KeyValuePair<string, DataModelValue>(key, Null), EntryOrder.Instance);
            return index >= 0 ? entries[index].Value : null;
        }
    }

    /// <summary>A boolean.</summary>
    public static DataModelValue Boolean(bool value) => value ? True : False;

    /// <summary>An integer.</summary>
    public static DataModelValue Integer(long value) => new(DataModelKind.Integer, null, value);

    /// <summary>A string.</summary>
    public static DataModelValue String(string value) => new(DataModelKind.String, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Bytes (copied).</summary>
    public static DataModelValue Bytes(ReadOnlySpan<byte> value) => new(DataModelKind.Bytes, value.ToArray());

    /// <summary>A link.</summary>
    public static DataModelValue Link(Cid value) => new(DataModelKind.Link, value == default ? throw new ArgumentException("An uninitialized Cid is not a link.", nameof(value)) : value);

    /// <summary>An array.</summary>
    public static DataModelValue Array(IEnumerable<DataModelValue> items) => new(DataModelKind.Array, items.Select(i => i ?? throw new ArgumentException("An item is null; use DataModelValue.Null.", nameof(items))).ToArray());

    /// <summary>A map; its entries are put in DAG-CBOR key order. A key given twice is an <see cref="ArgumentException"/>.</summary>
    public static DataModelValue Map(IEnumerable<KeyValuePair<string, DataModelValue>> entries)
    {
        var sorted = entries.ToArray();
        System.Array.Sort(sorted, EntryOrder.Instance);
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Key == sorted[i - 1].Key)
            {
                throw new ArgumentException($"The key '{sorted[i].Key}' is given twice.", nameof(entries));
            }
        }

        return new(DataModelKind.Map, sorted);
    }

    /// <summary>Wraps entries already in DAG-CBOR order, unique (the CBOR reader checked both).</summary>
    internal static DataModelValue SortedMap(KeyValuePair<string, DataModelValue>[] entries) => new(DataModelKind.Map, entries);

    internal static DataModelValue ArrayOf(DataModelValue[] items) => new(DataModelKind.Array, items);

    /// <summary>Reads atproto JSON (see <see cref="DataModelJson"/>).</summary>
    public static DataModelValue FromJson(string json) => DataModelJson.Read(Encoding.UTF8.GetBytes(json));

    /// <summary>Reads DAG-CBOR, strictly (see <see cref="DagCbor"/>).</summary>
    public static DataModelValue FromDagCbor(ReadOnlyMemory<byte> bytes) => DagCbor.Decode(bytes);

    /// <summary>The canonical DAG-CBOR encoding.</summary>
    public byte[] ToDagCbor() => DagCbor.Encode(this);

    /// <summary>The CID of the DAG-CBOR encoding (a record's CID, as a strongRef names it).</summary>
    public Cid ComputeCid() => Cid.ForDagCbor(ToDagCbor());

    /// <summary>The atproto JSON form.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            DataModelJson.Write(writer, this);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => ToJson();

    /// <inheritdoc />
    public bool Equals(DataModelValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        return Kind switch
        {
            DataModelKind.Null => true,
            DataModelKind.Boolean => BooleanValue == other.BooleanValue,
            DataModelKind.Integer => IntegerValue == other.IntegerValue,
            DataModelKind.String => StringValue == other.StringValue,
            DataModelKind.Bytes => BytesValue.Span.SequenceEqual(other.BytesValue.Span),
            DataModelKind.Link => LinkValue == other.LinkValue,
            DataModelKind.Array => Items.SequenceEqual(other.Items),
            _ => Entries.Count == other.Entries.Count && Entries.Zip(other.Entries).All(p => p.First.Key == p.Second.Key && p.First.Value.Equals(p.Second.Value)),
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DataModelValue);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        DataModelKind.Integer => IntegerValue.GetHashCode(),
        DataModelKind.String => StringValue.GetHashCode(StringComparison.Ordinal),
        DataModelKind.Link => LinkValue.GetHashCode(),
        DataModelKind.Array => HashCode.Combine(Kind, Items.Count),
        DataModelKind.Map => HashCode.Combine(Kind, Entries.Count, Entries.Count > 0 ? Entries[0].Key : null),
        _ => HashCode.Combine(Kind, _value is byte[] b ? b.Length : 0),
    };

    private InvalidOperationException WrongKind(DataModelKind wanted) => new($"The value is {Kind}, not {wanted}.");

    private sealed class EntryOrder : IComparer<KeyValuePair<string, DataModelValue>>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(KeyValuePair<string, DataModelValue> x, KeyValuePair<string, DataModelValue> y) => KeyOrder.Compare(x.Key, y.Key);
    }
}
