using Wisp.Xrpc.DataModel;

namespace Wisp.Xrpc.Lexicons.Tests;

/// <summary>
/// Every DRISL rule (atproto.com/specs/data-model; dasl.ing/drisl), accepted and refused, on hand-written bytes: the
/// reference's own decoders are laxer here (@ipld/dag-cbor accepts unsorted keys, all three accept float64), so these
/// are not generated. A refusal is always a <see cref="DagCborException"/>, never a crash, a hang or a huge allocation.
/// </summary>
public sealed class DrislTests
{
    private const string CidHex = "0171122065062a5a5a00fc16d73c6944237ccbc15b1c4a7234489336891d091741a239d0"; // bafyreidfayvfu…, 36 bytes

    [Theory]
    [InlineData("f6", "null")]
    [InlineData("f5", "true")]
    [InlineData("17", "23")]
    [InlineData("1818", "24")]
    [InlineData("3818", "-25")]
    [InlineData("1b7fffffffffffffff", "9223372036854775807")]
    [InlineData("3b7fffffffffffffff", "-9223372036854775808")]
    [InlineData("6161", "\"a\"")]
    [InlineData("a0", "{}")]
    [InlineData("80", "[]")]
    [InlineData("a3616101616202626161f6", "{\"a\":1,\"b\":2,\"aa\":null}")] // length first: "b" before "aa"
    [InlineData("d82a582500" + CidHex, "{\"$link\":\"bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a\"}")]
    [InlineData("420102", "{\"$bytes\":\"AQI\"}")]
    public void Canonical_values_are_accepted(string hex, string json)
    {
        var value = DagCbor.Decode(Convert.FromHexString(hex));

        Assert.Equal(json, value.ToJson());
        Assert.Equal(hex, Convert.ToHexStringLower(value.ToDagCbor()));
    }

    [Theory]
    [InlineData("", "end")]
    [InlineData("fb3ff8000000000000", "float")]            // 1.5 as float64
    [InlineData("f93c00", "float")]                        // 1.0 as float16
    [InlineData("fa3fc00000", "float")]                    // 1.5 as float32
    [InlineData("f7", "simple value")]                     // undefined
    [InlineData("f0", "simple value")]                     // simple(16)
    [InlineData("9f01ff", "DAG-CBOR")]                     // indefinite-length array
    [InlineData("bf616101ff", "DAG-CBOR")]                 // indefinite-length map
    [InlineData("7f6161ff", "Indefinite-length")]          // indefinite-length string
    [InlineData("1805", "DAG-CBOR")]                       // 5 in two bytes
    [InlineData("190001", "DAG-CBOR")]                     // 1 in three bytes
    [InlineData("780161", "DAG-CBOR")]                     // a length in a longer head than needed
    [InlineData("a2616202616101", "DAG-CBOR")]             // keys out of order
    [InlineData("a2626161016162" + "02", "DAG-CBOR")] // "aa" before "b": bytewise, not length-first
    [InlineData("a2616101616102", "DAG-CBOR")]             // a key twice
    [InlineData("a10102", "not a string")]                 // an integer key
    [InlineData("a1410102", "not a string")]               // a byte-string key
    [InlineData("c11a5f5e1000", "only tag DAG-CBOR allows is 42")] // an epoch-time tag
    [InlineData("d82a6161", "byte string")]                // tag 42 over text
    [InlineData("d82a5824" + CidHex, "0x00")]              // tag 42 without the multibase prefix
    [InlineData("d82a5823001220" + "65062a5a5a00fc16d73c6944237ccbc15b1c4a7234489336891d091741a239d0", "CIDv0")]
    [InlineData("d82a582500" + "01701220" + "65062a5a5a00fc16d73c6944237ccbc15b1c4a7234489336891d091741a239d0", "codec")]
    [InlineData("d9002a582500" + CidHex, "DAG-CBOR")]       // tag 42 in a longer head than needed
    [InlineData("1bffffffffffffffff", "64-bit")]           // beyond int64
    [InlineData("3bffffffffffffffff", "64-bit")]
    [InlineData("a161", "DAG-CBOR")]                       // truncated
    [InlineData("5bffffffffffffffff", "DAG-CBOR")]         // bytes of a huge declared length
    [InlineData("9bffffffffffffffff", "DAG-CBOR")]         // an array of a huge declared length
    [InlineData("9a7fffffff", "DAG-CBOR")]                 // 2^31 items declared, none there
    [InlineData("ba7fffffff", "DAG-CBOR")]
    [InlineData("0101", "after the end")]                  // trailing bytes
    [InlineData("62c328", "DAG-CBOR")]                     // invalid UTF-8
    public void Everything_outside_drisl_is_refused_with_a_clear_error(string hex, string error)
    {
        var e = Assert.Throws<DagCborException>(() => DagCbor.Decode(Convert.FromHexString(hex)));
        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_and_shallower_is_read()
    {
        byte[] Nested(int depth) => [.. Enumerable.Repeat((byte)0x81, depth), 0x01];

        Assert.Equal(DataModelKind.Array, DagCbor.Decode(Nested(DagCbor.DefaultMaxDepth)).Kind);
        Assert.Contains("too deeply", Assert.Throws<DagCborException>(() => DagCbor.Decode(Nested(DagCbor.DefaultMaxDepth + 1))).Message, StringComparison.Ordinal);
        Assert.Contains("too deeply", Assert.Throws<DagCborException>(() => DagCbor.Decode(Nested(1_000_000))).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Mutated vectors (bit flips, inserted, deleted and truncated bytes; fixed seed): each either decodes — and then is
    /// canonical, so it re-encodes to exactly the input — or is refused with a DagCborException. Nothing else.
    /// </summary>
    [Fact]
    public void Mutated_inputs_either_round_trip_exactly_or_are_refused()
    {
        var seeds = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "data-model.json")))
            .RootElement.GetProperty("vectors").EnumerateArray().Select(v => Convert.FromHexString(v.GetProperty("cbor").GetString()!)).ToList();
        var random = new Random(14);
        int accepted = 0, refused = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var input = seeds[random.Next(seeds.Count)].ToList();
            for (var m = random.Next(1, 4); m > 0 && input.Count > 0; m--)
            {
                var at = random.Next(input.Count);
                switch (random.Next(4))
                {
                    case 0: input[at] ^= (byte)(1 << random.Next(8)); break;
                    case 1: input.Insert(at, (byte)random.Next(256)); break;
                    case 2: input.RemoveAt(at); break;
                    default: input.RemoveRange(at, input.Count - at); break;
                }
            }

            var bytes = input.ToArray();
            try
            {
                var value = DagCbor.Decode(bytes);
                Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(value.ToDagCbor()));
                accepted++;
            }
            catch (DagCborException)
            {
                refused++;
            }
        }

        Assert.True(accepted > 0 && refused > 0, $"{accepted} accepted, {refused} refused");
    }
}
