using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Xrpc.DataModel;

namespace Wisp.Xrpc.Lexicons.Tests;

/// <summary>
/// The data model in both encodings against the reference implementation: tests/vectors/data-model.json was made by
/// @atproto/lex-json + @atproto/lex-cbor (and checked there against @ipld/dag-cbor and @atcute/cbor) from realistic
/// records. JSON → DAG-CBOR bytes and CID must match exactly; CBOR → the same value; back to the reference's JSON.
/// </summary>
public sealed class DataModelTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "data-model.json"))).RootElement;

    public static TheoryData<string> Names => new(Vectors.GetProperty("vectors").EnumerateArray().Select(v => v.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(Names))]
    public void A_record_read_from_json_encodes_to_the_reference_s_bytes_and_cid(string name)
    {
        var vector = Vector(name);
        var value = DataModelValue.FromJson(vector.GetProperty("json").GetRawText());

        Assert.Equal(vector.GetProperty("cbor").GetString(), Convert.ToHexStringLower(value.ToDagCbor()));
        Assert.Equal(vector.GetProperty("cid").GetString(), value.ComputeCid().ToString());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_reference_s_bytes_decode_to_the_same_value_and_back_to_its_json(string name)
    {
        var vector = Vector(name);
        var fromCbor = DataModelValue.FromDagCbor(Convert.FromHexString(vector.GetProperty("cbor").GetString()!));
        var fromJson = DataModelValue.FromJson(vector.GetProperty("json").GetRawText());

        Assert.Equal(fromJson, fromCbor);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(vector.GetProperty("json2").GetRawText()), JsonNode.Parse(fromCbor.ToJson())), fromCbor.ToJson());
        Assert.Equal(vector.GetProperty("cid").GetString(), Cid.ForDagCbor(fromCbor.ToDagCbor()).ToString());
    }

    [Fact]
    public void The_vectors_cover_what_records_hold()
    {
        var names = Vectors.GetProperty("vectors").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.True(names.Count >= 10);
        var all = string.Join("", Vectors.GetProperty("vectors").EnumerateArray().Select(v => v.GetProperty("json").GetRawText()));
        foreach (var shape in new[] { "$link", "$bytes", "\"blob\"", "facets", "-9007199254740991", "\"\\u00e9\"", "null", "true" })
        {
            Assert.Contains(shape.Replace("\\u00e9", "é", StringComparison.Ordinal), all.Replace("\\u00e9", "é", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("1.5", "no floats")]
    [InlineData("1e400", "no floats")]
    [InlineData("9223372036854775808", "no floats")]
    [InlineData("""{"a": 1, "a": 2}""", "given twice")]
    [InlineData("""{"$link": "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"}""", "CIDv0")]
    [InlineData("""{"$link": "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2A"}""", "lower-case base32")]
    [InlineData("""{"$bytes": "not base64!"}""", "not base64")]
    [InlineData("""{"$bytes": "AQ I="}""", "not base64")]  // whitespace, which Convert would skip
    [InlineData("""{"$bytes": "AQIDB"}""", "not base64")]  // a length no encoder writes
    [InlineData("""[1, 2""", "Not valid JSON")]
    [InlineData("""1 2""", "Not valid JSON")]
    public void Json_outside_the_data_model_is_refused_with_a_clear_error(string json, string error)
    {
        var e = Assert.Throws<DagCborException>(() => DataModelValue.FromJson(json));
        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0", "01")]
    [InlineData("1e3", "1903e8")]
    [InlineData("""{"$link": "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a", "x": 1}""", null)] // two keys: a map, not a link
    [InlineData("""{"$bytes": "AQI="}""", "420102")] // padding accepted, and written without
    public void Json_the_reference_reads_as_data_model_values_is_read_alike(string json, string? cbor)
    {
        var value = DataModelValue.FromJson(json);

        if (cbor is null)
        {
            Assert.Equal(DataModelKind.Map, value.Kind);
        }
        else
        {
            Assert.Equal(cbor, Convert.ToHexStringLower(value.ToDagCbor()));
        }
    }

    [Fact]
    public void Values_built_in_code_are_put_in_dag_cbor_key_order()
    {
        var value = DataModelValue.Map([new("bb", DataModelValue.Integer(1)), new("a", DataModelValue.Integer(2)), new("é", DataModelValue.Integer(3)), new("ab", DataModelValue.Integer(4))]);

        Assert.Equal(["a", "ab", "bb", "é"], value.Entries.Select(e => e.Key));
        Assert.Equal(2, value["a"]!.IntegerValue);
        Assert.Null(value["missing"]);
        Assert.Throws<ArgumentException>(() => DataModelValue.Map([new("a", DataModelValue.Null), new("a", DataModelValue.Null)]));
    }

    private static JsonElement Vector(string name) =>
        Vectors.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);
}
