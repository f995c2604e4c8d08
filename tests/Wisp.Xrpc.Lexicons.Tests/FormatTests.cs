using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Lexicons.Tests;

/// <summary>Each string format with valid and invalid values of the kinds the atproto spec pages list.</summary>
public sealed class FormatTests
{
    [Theory]
    [InlineData(LexiconFormat.Did, "did:plc:z72i7hdynmk6r22z27h6tvur")]
    [InlineData(LexiconFormat.Did, "did:web:blueskyweb.xyz")]
    [InlineData(LexiconFormat.Did, "did:method:val:two")]
    [InlineData(LexiconFormat.Did, "did:m:v")]
    [InlineData(LexiconFormat.Did, "did:method::::val")]
    [InlineData(LexiconFormat.Did, "did:method:-:_:.")]
    [InlineData(LexiconFormat.Did, "did:key:zQ3shZc2QzApp2oymGvQbzP8eKheVshBHbU4ZYjeXqwSKEn6N")]
    [InlineData(LexiconFormat.Handle, "jay.bsky.social")]
    [InlineData(LexiconFormat.Handle, "8.cn")]
    [InlineData(LexiconFormat.Handle, "name.t--t")]
    [InlineData(LexiconFormat.Handle, "XX.LCS.MIT.EDU")]
    [InlineData(LexiconFormat.Handle, "a.co")]
    [InlineData(LexiconFormat.Handle, "xn--notarealidn.com")]
    [InlineData(LexiconFormat.Handle, "laptop.local")] // syntactically valid; resolution is another matter
    [InlineData(LexiconFormat.AtIdentifier, "jay.bsky.social")]
    [InlineData(LexiconFormat.AtIdentifier, "did:plc:z72i7hdynmk6r22z27h6tvur")]
    [InlineData(LexiconFormat.Nsid, "com.example.fooBar")]
    [InlineData(LexiconFormat.Nsid, "net.users.bob.ping")]
    [InlineData(LexiconFormat.Nsid, "a-0.b-1.c")]
    [InlineData(LexiconFormat.Nsid, "a.b.c")]
    [InlineData(LexiconFormat.Nsid, "cn.8.lex.stuff")]
    [InlineData(LexiconFormat.Tid, "3jzfcijpj2z2a")]
    [InlineData(LexiconFormat.Tid, "7777777777777")]
    [InlineData(LexiconFormat.Tid, "3zzzzzzzzzzzz")]
    [InlineData(LexiconFormat.RecordKey, "3jui7kd54zh2y")]
    [InlineData(LexiconFormat.RecordKey, "self")]
    [InlineData(LexiconFormat.RecordKey, "example.com")]
    [InlineData(LexiconFormat.RecordKey, "~1.2-3_")]
    [InlineData(LexiconFormat.RecordKey, "dHJ1ZQ")]
    [InlineData(LexiconFormat.RecordKey, "pre:fix")]
    [InlineData(LexiconFormat.RecordKey, "_")]
    [InlineData(LexiconFormat.AtUri, "at://did:plc:z72i7hdynmk6r22z27h6tvur")]
    [InlineData(LexiconFormat.AtUri, "at://jay.bsky.social/app.bsky.feed.post")]
    [InlineData(LexiconFormat.AtUri, "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3jwdwj2ctlk26")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20:50.123Z")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20:50.123456Z")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20:50.120Z")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20:50Z")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20:50.123+00:00")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20:50.123-07:00")]
    [InlineData(LexiconFormat.Datetime, "0001-01-01T00:00:00Z")]
    [InlineData(LexiconFormat.Cid, "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a")]
    [InlineData(LexiconFormat.Cid, "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy")]
    [InlineData(LexiconFormat.Uri, "https://example.com/path?query=1#fragment")]
    [InlineData(LexiconFormat.Uri, "at://did:plc:z72i7hdynmk6r22z27h6tvur")]
    [InlineData(LexiconFormat.Uri, "dns:example.com")]
    [InlineData(LexiconFormat.Language, "en")]
    [InlineData(LexiconFormat.Language, "pt-BR")]
    [InlineData(LexiconFormat.Language, "zh-Hant-TW")]
    [InlineData(LexiconFormat.Language, "i-default")]
    [InlineData(LexiconFormat.Language, "X-private")]
    [InlineData(LexiconFormat.Language, "x-private-use")]
    [InlineData(LexiconFormat.Language, "en-x-pig-latin")]
    [InlineData(LexiconFormat.Language, "de-CH-1996")]
    [InlineData(LexiconFormat.Language, "sr-Latn-RS")]
    [InlineData(LexiconFormat.Language, "EN-us")]
    [InlineData(LexiconFormat.Datetime, "0000-01-01T00:00:00.000Z")]
    [InlineData(LexiconFormat.Datetime, "2024-02-29T12:00:00Z")]
    [InlineData(LexiconFormat.Datetime, "2000-02-29T12:00:00+23:59")]
    [InlineData(LexiconFormat.AtUri, "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3jwdwj2ctlk26#/text")]
    [InlineData(LexiconFormat.AtUri, "at://did:plc:z72i7hdynmk6r22z27h6tvur#/key[0]")]
    public void Valid(LexiconFormat format, string value) => Assert.True(LexiconFormats.IsValid(value, format), $"{value} should be a valid {format}");

    [Theory]
    [InlineData(LexiconFormat.Did, "did:METHOD:val")]
    [InlineData(LexiconFormat.Did, "did:m123:val")]
    [InlineData(LexiconFormat.Did, "DID:method:val")]
    [InlineData(LexiconFormat.Did, "did:method:")]
    [InlineData(LexiconFormat.Did, "did:method:val/two")]
    [InlineData(LexiconFormat.Did, "did:method:val?two")]
    [InlineData(LexiconFormat.Did, "did:method:val#two")]
    [InlineData(LexiconFormat.Did, "did:method:val%")]
    [InlineData(LexiconFormat.Handle, "jo@hn.test")]
    [InlineData(LexiconFormat.Handle, "💩.test")]
    [InlineData(LexiconFormat.Handle, "john..test")]
    [InlineData(LexiconFormat.Handle, "xn--bcher-.tld")]
    [InlineData(LexiconFormat.Handle, "john.0")]
    [InlineData(LexiconFormat.Handle, "cn.8")]
    [InlineData(LexiconFormat.Handle, "www.masełkowski.pl.com")]
    [InlineData(LexiconFormat.Handle, "org")]
    [InlineData(LexiconFormat.Handle, "name.org.")]
    [InlineData(LexiconFormat.AtIdentifier, "bare")]
    [InlineData(LexiconFormat.Nsid, "com.exa💩ple.thing")]
    [InlineData(LexiconFormat.Nsid, "com.example")]
    [InlineData(LexiconFormat.Nsid, "com.example.3")]
    [InlineData(LexiconFormat.Nsid, "com.example.foo-bar")]
    [InlineData(LexiconFormat.Nsid, ".com.example.thing")]
    [InlineData(LexiconFormat.Tid, "3jzfcijpj2z21")]
    [InlineData(LexiconFormat.Tid, "0000000000000")]
    [InlineData(LexiconFormat.Tid, "3JZFCIJPJ2Z2A")]
    [InlineData(LexiconFormat.Tid, "3jzfcijpj2z2aa")]
    [InlineData(LexiconFormat.Tid, "3jzfcijpj2z2")]
    [InlineData(LexiconFormat.Tid, "kjzfcijpj2z2a")]
    [InlineData(LexiconFormat.RecordKey, "alpha/beta")]
    [InlineData(LexiconFormat.RecordKey, ".")]
    [InlineData(LexiconFormat.RecordKey, "..")]
    [InlineData(LexiconFormat.RecordKey, "#extra")]
    [InlineData(LexiconFormat.RecordKey, "@handle")]
    [InlineData(LexiconFormat.RecordKey, "any space")]
    [InlineData(LexiconFormat.RecordKey, "any+space")]
    [InlineData(LexiconFormat.RecordKey, "number[3]")]
    [InlineData(LexiconFormat.RecordKey, "dHJ1ZQ==")]
    [InlineData(LexiconFormat.RecordKey, "")]
    [InlineData(LexiconFormat.AtUri, "https://example.com")]
    [InlineData(LexiconFormat.AtUri, "at://not a handle")]
    [InlineData(LexiconFormat.AtUri, "at://did:plc:z72i7hdynmk6r22z27h6tvur/not-an-nsid")]
    [InlineData(LexiconFormat.AtUri, "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/bad key")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20Z")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20:50.123")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12t23:20:50.123Z")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20:50.123z")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20:50.123-00:00")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12 23:20:50.123Z")]
    [InlineData(LexiconFormat.Datetime, "1985-02-30T23:20:50Z")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20:50.123+0000")]
    [InlineData(LexiconFormat.Cid, "example.com")]
    [InlineData(LexiconFormat.Cid, "short")]
    [InlineData(LexiconFormat.Cid, "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a!")]
    [InlineData(LexiconFormat.Uri, "no-scheme")]
    [InlineData(LexiconFormat.Uri, "https://exa mple.com")]
    [InlineData(LexiconFormat.Language, "")]
    [InlineData(LexiconFormat.Language, "123")]
    [InlineData(LexiconFormat.Language, "en_US")]
    [InlineData(LexiconFormat.Language, "en-")]
    [InlineData(LexiconFormat.Language, "en--US")]
    [InlineData(LexiconFormat.Language, "toolongprimary")]
    [InlineData(LexiconFormat.Language, "\u212A\u212A")] // the Kelvin sign, which case-insensitive matching would take for k
    [InlineData(LexiconFormat.Datetime, "1900-02-29T12:00:00Z")]
    [InlineData(LexiconFormat.Datetime, "1985-13-12T23:20:50Z")]
    [InlineData(LexiconFormat.Datetime, "1985-04-00T23:20:50Z")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T24:00:00Z")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:60:00Z")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20:60Z")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20:50+24:00")]
    [InlineData(LexiconFormat.AtUri, "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3jwdwj2ctlk26#text")]
    [InlineData(LexiconFormat.AtUri, "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3jwdwj2ctlk26#/a b")]
    [InlineData(LexiconFormat.AtUri, "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3jwdwj2ctlk26#/a#b")]
    [InlineData(LexiconFormat.AtUri, "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post?x=1")]
    [InlineData(LexiconFormat.AtUri, "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/")]
    [InlineData(LexiconFormat.AtUri, "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/a/b")]
    [InlineData(LexiconFormat.Cid, "QmQg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY")] // CIDv0
    public void Invalid(LexiconFormat format, string value) => Assert.False(LexiconFormats.IsValid(value, format), $"{value} should not be a valid {format}");

    /// <summary>.NET's <c>$</c> also matches before a final newline: every format must refuse a value that ends in one.</summary>
    [Theory]
    [InlineData(LexiconFormat.Did, "did:plc:alice")]
    [InlineData(LexiconFormat.Handle, "alice.test")]
    [InlineData(LexiconFormat.AtIdentifier, "alice.test")]
    [InlineData(LexiconFormat.Nsid, "com.example.thing")]
    [InlineData(LexiconFormat.Tid, "3jzfcijpj2z2a")]
    [InlineData(LexiconFormat.RecordKey, "self")]
    [InlineData(LexiconFormat.AtUri, "at://did:plc:alice/app.bsky.feed.post/3jzfcijpj2z2a")]
    [InlineData(LexiconFormat.Datetime, "1985-04-12T23:20:50.123Z")]
    [InlineData(LexiconFormat.Cid, "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a")]
    [InlineData(LexiconFormat.Uri, "https://example.com")]
    [InlineData(LexiconFormat.Language, "en")]
    public void A_trailing_newline_is_refused(LexiconFormat format, string value)
    {
        Assert.True(LexiconFormats.IsValid(value, format));
        Assert.False(LexiconFormats.IsValid(value + "\n", format), $"{value}\\n should not be a valid {format}");
        Assert.False(LexiconFormats.IsValid(value + "\r\n", format));
    }

    [Fact]
    public void A_secret_name_with_a_trailing_newline_is_refused()
    {
        Assert.True(Wisp.Xrpc.Secrets.SecretNames.IsValid("deploy-hook"));
        Assert.False(Wisp.Xrpc.Secrets.SecretNames.IsValid("deploy-hook\n"));
    }

    /// <summary>
    /// The NSID, record-key and CID checks are written by hand for speed: over 50,000 strings made of the characters
    /// that matter (letters, digits, '-', '.', '_', '~', ':', '+', '=', and an odd one), with segments around the 63
    /// limit, they agree with the spec's regular expressions, which they replaced.
    /// </summary>
    [Fact]
    public void The_hand_written_checks_agree_with_the_spec_s_regular_expressions()
    {
        var nsid = new System.Text.RegularExpressions.Regex("^[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+\\.[a-zA-Z][a-zA-Z0-9]{0,62}\\z");
        var recordKey = new System.Text.RegularExpressions.Regex("^[a-zA-Z0-9_~.:-]+\\z");
        var cid = new System.Text.RegularExpressions.Regex("^[a-zA-Z0-9+=]+\\z");
        var random = new Random(317);
        const string Alphabet = "aZq09--..._~:+=é";
        var validNsids = 0;
        for (var i = 0; i < 50_000; i++)
        {
            // Segments joined by dots, mostly of the NSID alphabet, now and then long or holding another character.
            var segments = Enumerable.Range(0, random.Next(1, 6)).Select(_ =>
            {
                var length = random.Next(20) == 0 ? random.Next(60, 66) : random.Next(0, 7);
                return new string(Enumerable.Range(0, length).Select(_ => random.Next(12) == 0 ? Alphabet[random.Next(Alphabet.Length)] : "aZq09-"[random.Next(6)]).ToArray());
            });
            var value = string.Join('.', segments);
            Assert.True(nsid.IsMatch(value) == LexiconFormats.IsValid(value, LexiconFormat.Nsid), $"NSID {value}");
            validNsids += nsid.IsMatch(value) ? 1 : 0;
            Assert.True((recordKey.IsMatch(value) && value is not "." and not ".." && value.Length <= 512) == LexiconFormats.IsValid(value, LexiconFormat.RecordKey), $"record key {value}");
            Assert.True((cid.IsMatch(value) && value.Length is >= 8 and <= 256) == LexiconFormats.IsValid(value, LexiconFormat.Cid), $"CID {value}");
        }

        Assert.InRange(validNsids, 500, 49_000); // both sides of the rule are exercised

        foreach (var length in new[] { 62, 63, 64 })
        {
            foreach (var value in new[] { $"com.{new string('a', length)}.thing", $"com.example.{new string('b', length)}", $"{new string('c', length)}.example.thing" })
            {
                Assert.Equal(nsid.IsMatch(value), LexiconFormats.IsValid(value, LexiconFormat.Nsid));
            }
        }
    }
}
