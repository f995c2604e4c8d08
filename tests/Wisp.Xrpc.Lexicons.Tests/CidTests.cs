using System.Text;
using Wisp.Xrpc.DataModel;

namespace Wisp.Xrpc.Lexicons.Tests;

/// <summary>CIDs as AT Protocol blesses them: v1, dag-cbor or raw, SHA-256, base32 lower case.</summary>
public sealed class CidTests
{
    private const string Record = "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a";
    private const string Blob = "bafkreihdc6lwgtpj7mtpijgnsjlntneaole5p3vjapy2htd5k6tryjrocu";

    [Theory]
    [InlineData(Record, Cid.DagCborCodec)]
    [InlineData(Blob, Cid.RawCodec)]
    public void A_cid_parses_formats_and_round_trips_through_bytes(string text, byte codec)
    {
        var cid = Cid.Parse(text);

        Assert.Equal(text, cid.ToString());
        Assert.Equal(codec, cid.Codec);
        Assert.Equal(32, cid.Digest.Length);
        Assert.Equal(cid, Cid.FromBytes(cid.Span));
        Assert.Equal(cid.GetHashCode(), Cid.Parse(text).GetHashCode());
        Assert.NotEqual(Cid.Parse(Record), Cid.Parse(Blob));
    }

    [Fact]
    public void Raw_and_dag_cbor_cids_are_sha256_of_the_bytes()
    {
        var data = Encoding.UTF8.GetBytes("hello world");
        var raw = Cid.ForRaw(data);

        Assert.StartsWith("bafkrei", raw.ToString(), StringComparison.Ordinal);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), raw.Digest.ToArray());
        Assert.StartsWith("bafyrei", Cid.ForDagCbor(data).ToString(), StringComparison.Ordinal);
        Assert.Equal("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e", raw.ToString()); // as `ipfs add --cid-version 1 --raw-leaves` names it
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", "CIDv0")]
    [InlineData("zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA", "base32")]
    [InlineData("BAFYREIDFAYVFUWQA7QLNOPDJIQRXZS6BLMOEU4RUJCJTNCI5BELUDIRZ2A", "base32")]
    [InlineData("bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2A", "lower-case")]
    [InlineData("bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a=", "lower-case")]
    [InlineData("bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz", "36 bytes")]
    [InlineData("bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2aaa", "36 bytes")]
    [InlineData("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", "codec")] // dag-pb (0x70): an IPFS directory, not a record
    public void Anything_else_is_refused_with_the_reason(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => Cid.Parse(text));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.False(Cid.TryParse(text, out _));
    }
}
