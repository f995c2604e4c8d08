using Wisp.Xrpc.Lexicons.Tests.Lexicons.Com.Example;
using Wisp.Xrpc.Validation;
using static Wisp.Xrpc.Lexicons.Tests.Lexicon;

namespace Wisp.Xrpc.Lexicons.Tests;

/// <summary>
/// Every constraint, valid and invalid, through generated code (lexicons/com.example.constraints.json), with the
/// message the reader gets: the JSON path and the rule.
/// </summary>
public sealed class ConstraintTests
{
    private const string Cid = "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy";

    [Theory]
    [InlineData("\"bytesLen\": \"ab\"")]
    [InlineData("\"bytesLen\": \"é\"")] // 1 character, 2 UTF-8 bytes
    [InlineData("\"bytesLen\": \"abcd\"")]
    [InlineData("\"graphemes\": \"👨‍👩‍👧‍👦👍🏽\"")] // 2 extended grapheme clusters, 9 UTF-16 units
    [InlineData("\"graphemes\": \"e\u0301ab\"")] // é as e + combining accent: 3 graphemes
    [InlineData("\"range\": -5")]
    [InlineData("\"range\": 5")]
    [InlineData("\"list\": [1, 2]")]
    [InlineData("\"data\": {\"$bytes\": \"AAEC\"}")]
    [InlineData("\"data\": {\"$bytes\": \"AA==\"}")] // padding is accepted on read
    [InlineData("\"picture\": {\"$type\": \"blob\", \"ref\": {\"$link\": \"" + Cid + "\"}, \"mimeType\": \"image/webp\", \"size\": 1000}")]
    [InlineData("\"picture\": {\"$type\": \"blob\", \"ref\": {\"$link\": \"" + Cid + "\"}, \"mimeType\": \"video/mp4\", \"size\": 1}")]
    [InlineData("\"anyBlob\": {\"$type\": \"blob\", \"ref\": {\"$link\": \"" + Cid + "\"}, \"mimeType\": \"application/x-anything\", \"size\": 99999999}")]
    [InlineData("\"fixed\": \"exactly\"")]
    [InlineData("\"choice\": \"b\"")]
    [InlineData("\"number\": 3")]
    [InlineData("\"flag\": true")]
    [InlineData("\"reason\": \"a-value-not-in-knownValues\"")] // knownValues is open
    [InlineData("\"formats\": [\"did:plc:ewvi7nxzyoun6zhxrhs64oiz\", \"did:web:example.com\"]")]
    public void Valid_values_are_read(string property) =>
        Read<Constraints.Main>("{" + property + "}");

    [Theory]
    [InlineData("\"bytesLen\": \"a\"", "Record/bytesLen must not be shorter than 2 bytes (UTF-8)")]
    [InlineData("\"bytesLen\": \"ééé\"", "Record/bytesLen must not be longer than 4 bytes (UTF-8)")] // 3 characters, 6 bytes
    [InlineData("\"graphemes\": \"👨‍👩‍👧‍👦\"", "Record/graphemes must not be shorter than 2 graphemes")]
    [InlineData("\"graphemes\": \"abcd\"", "Record/graphemes must not be longer than 3 graphemes")]
    [InlineData("\"range\": -6", "Record/range can not be less than -5")]
    [InlineData("\"range\": 6", "Record/range can not be greater than 5")]
    [InlineData("\"range\": 1.5", "Record/range must be an integer")]
    [InlineData("\"list\": []", "Record/list must not have fewer than 1 elements")]
    [InlineData("\"list\": [1, 2, 3]", "Record/list must not have more than 2 elements")]
    [InlineData("\"data\": {\"$bytes\": \"\"}", "Record/data must not be smaller than 1 bytes")]
    [InlineData("\"data\": {\"$bytes\": \"AAECAw\"}", "Record/data must not be larger than 3 bytes")]
    [InlineData("\"data\": {\"$bytes\": \"!!\"}", "Record/data must be a bytes object ({\"$bytes\": base64})")]
    [InlineData("\"data\": \"AAEC\"", "Record/data must be a bytes object ({\"$bytes\": base64})")]
    [InlineData("\"picture\": {\"$type\": \"blob\", \"ref\": {\"$link\": \"" + Cid + "\"}, \"mimeType\": \"text/plain\", \"size\": 1}", "Record/picture mimeType must be one of image/*, video/mp4")]
    [InlineData("\"picture\": {\"$type\": \"blob\", \"ref\": {\"$link\": \"" + Cid + "\"}, \"mimeType\": \"image/png\", \"size\": 1001}", "Record/picture must not be larger than 1000 bytes")]
    [InlineData("\"picture\": {\"$type\": \"blob\", \"ref\": {\"$link\": \"not a cid\"}, \"mimeType\": \"image/png\", \"size\": 1}", "Record/picture/ref must be a cid-link ({\"$link\": CID})")]
    [InlineData("\"picture\": {\"$type\": \"blob\", \"mimeType\": \"image/png\", \"size\": 1}", "Record/picture should be a blob ref")]
    [InlineData("\"fixed\": \"roughly\"", "Record/fixed must be exactly")]
    [InlineData("\"choice\": \"c\"", "Record/choice must be one of (a|b)")]
    [InlineData("\"number\": 4", "Record/number must be one of (1|2|3)")]
    [InlineData("\"flag\": false", "Record/flag must be true")]
    [InlineData("\"formats\": [\"did:plc:ewvi7nxzyoun6zhxrhs64oiz\", \"alice.example.com\"]", "Record/formats/1 must be a valid DID")]
    public void Invalid_values_name_the_path_and_the_rule(string property, string message)
    {
        var error = Assert.Throws<LexiconValidationException>(() => Read<Constraints.Main>("{" + property + "}"));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Defaults_are_applied_when_a_value_is_absent_and_not_when_present()
    {
        var absent = Read<Constraints.Main>("{}");
        var present = Read<Constraints.Main>("{\"withDefault\": 3, \"textDefault\": \"bye\"}");

        Assert.Equal((7L, "hello"), (absent.WithDefault, absent.TextDefault));
        Assert.Equal((3L, "bye"), (present.WithDefault, present.TextDefault));
    }
}

/// <summary>The allocation-free grapheme counter agrees with .NET's own segmentation (UAX #29) on mixed text.</summary>
public sealed class GraphemeCountTests
{
    private static readonly string[] Pieces =
    [
        "a", "Z", " ", "\r", "\n", "\r\n", "é", "e\u0301", "\u0301", "👍", "👍🏽", "👨‍👩‍👧‍👦", "🇧🇷", "\u200d", "한", "\u1100\u1161\u11a8",
        "ก\u0e33", "\u0915\u094d\u0937", "\ufe0f", "#\ufe0f\u20e3", "\t", "~", "\u0600a", "\ud800",
    ];

    [Fact]
    public void Counts_like_StringInfo_on_ten_thousand_random_strings()
    {
        var random = new Random(1234);
        for (var n = 0; n < 10_000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            Assert.True(
                new System.Globalization.StringInfo(text).LengthInTextElements == Validation.LexiconConstraints.CountGraphemes(text),
                $"\"{string.Concat(text.Select(c => $"\\u{(int)c:x4}"))}\"");
        }
    }
}
