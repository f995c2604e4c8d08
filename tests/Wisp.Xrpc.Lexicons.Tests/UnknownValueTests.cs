using Wisp.Xrpc.Lexicons.Tests.Lexicons.Com.Atproto.Repo;
using Wisp.Xrpc.Validation;
using static Wisp.Xrpc.Lexicons.Tests.Lexicon;

namespace Wisp.Xrpc.Lexicons.Tests;

/// <summary>
/// <c>unknown</c> values (com.atproto.repo.createRecord's <c>record</c>): any object, but at its top not one of the
/// objects the data model uses to encode bytes, CID links or blobs (atproto.com/specs/data-model).
/// </summary>
public sealed class UnknownValueTests
{
    private const string Head = "{\"repo\": \"did:plc:alice\", \"collection\": \"app.bsky.feed.post\", \"record\": ";

    [Theory]
    [InlineData("{\"$type\": \"app.bsky.feed.post\", \"text\": \"hi\"}")]
    [InlineData("{}")]
    [InlineData("{\"$bytes\": \"AA==\", \"other\": 1}")] // not the bytes encoding: it has another key
    [InlineData("{\"nested\": {\"$bytes\": \"AA==\"}}")] // only the top is constrained
    public void An_object_is_read(string record) => Read<CreateRecord.Input>(Head + record + "}");

    [Theory]
    [InlineData("{\"$bytes\": \"AA==\"}")]
    [InlineData("{\"$link\": \"bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a\"}")]
    [InlineData("{\"$type\": \"blob\", \"ref\": {\"$link\": \"bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy\"}, \"mimeType\": \"image/png\", \"size\": 1}")]
    [InlineData("\"text\"")]
    [InlineData("[1]")]
    public void Bytes_links_blobs_and_non_objects_are_refused(string record)
    {
        var error = Assert.Throws<LexiconValidationException>(() => Read<CreateRecord.Input>(Head + record + "}"));
        Assert.StartsWith("Record/record must be an object", error.Message, StringComparison.Ordinal);
    }
}
