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

    /// <summary>
    /// The DID, datetime, URI, TID and language checks are written by hand too (the language one only for its common
    /// shapes). Over 50,000 strings each, mutated from valid ones or drawn from the characters that matter, they agree
    /// with the expressions they replaced (the datetime one with the range checks that followed it).
    /// </summary>
    [Fact]
    public void The_hand_written_did_datetime_uri_tid_and_language_checks_agree_with_the_expressions_they_replaced()
    {
        const System.Text.RegularExpressions.RegexOptions Options = System.Text.RegularExpressions.RegexOptions.CultureInvariant;
        var did = new System.Text.RegularExpressions.Regex("^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]\\z", Options);
        var datetime = new System.Text.RegularExpressions.Regex("^[0-9]{4}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-6][0-9]:[0-6][0-9](\\.[0-9]{1,20})?(Z|([+-][0-2][0-9]:[0-5][0-9]))\\z", Options);
        var uri = new System.Text.RegularExpressions.Regex("^[a-z][a-z0-9+.-]*:[^\\s]+\\z", Options);
        var tid = new System.Text.RegularExpressions.Regex("^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}\\z", Options);
        var language = new System.Text.RegularExpressions.Regex("^(?:(?:[a-zA-Z]{2,3}(?:-[a-zA-Z]{3}){0,3}|[a-zA-Z]{4}|[a-zA-Z]{5,8})(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|[0-9]{3}))?(?:-(?:[a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*(?:-[0-9a-wyzA-WYZ](?:-[a-zA-Z0-9]{2,8})+)*(?:-[xX](?:-[a-zA-Z0-9]{1,8})+)?|[xX](?:-[a-zA-Z0-9]{1,8})+|[iI]-[a-zA-Z]{2,8})\\z", Options);

        static bool RegexDatetime(System.Text.RegularExpressions.Regex pattern, string value)
        {
            if (value.Length > 64 || !pattern.IsMatch(value) || value.EndsWith("-00:00", StringComparison.Ordinal))
            {
                return false;
            }

            int N(int start, int length) => int.Parse(value.AsSpan(start, length), System.Globalization.CultureInfo.InvariantCulture);
            var (year, month, day) = (N(0, 4), N(5, 2), N(8, 2));
            var days = month is >= 1 and <= 12 ? DateTime.DaysInMonth(year == 0 ? 2000 : year, month) : 0; // year 0 is a leap year, as 2000
            return day >= 1 && day <= days && N(11, 2) <= 23 && N(14, 2) <= 59 && N(17, 2) <= 59
                && (value[^1] == 'Z' || (N(value.Length - 5, 2) <= 23 && N(value.Length - 2, 2) <= 59));
        }

        var random = new Random(2026);
        string Mutate(string seed, string alphabet)
        {
            var chars = seed.ToList();
            for (var edits = random.Next(0, 4); edits > 0; edits--)
            {
                var at = random.Next(chars.Count + 1);
                switch (random.Next(3))
                {
                    case 0 when at < chars.Count: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1 when at < chars.Count: chars.RemoveAt(at); break;
                    default: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                }
            }

            return new string(chars.ToArray());
        }

        string[] datetimes = ["2024-11-26T12:34:56.789Z", "0000-02-29T00:00:00Z", "1900-02-28T23:59:59+05:30", "2023-12-31T23:59:59.12345678901234567890-08:00", "2024-02-29T24:00:00Z"];
        string[] dids = ["did:plc:ewvi7nxzyoun6zhxrhs64oiz", "did:web:example.com%3A8080", "did:key:zQ3sh", "did:a:b"];
        string[] uris = ["https://example.com/a?b#c", "at://did:plc:x/app.bsky.feed.post/1", "mailto:a@b", "a:b"];
        string[] tids = ["3k43tv4rft22g", "jzzzzzzzzzzzz", "2222222222222"];
        string[] languages = ["en", "pt-BR", "yue-HK", "es-419", "zh-Hant-TW", "x-private", "i-klingon", "sgn-BE-FR", "de-CH-1901", "en-a-bbb-x-ccc"];
        var matched = new int[5];
        for (var i = 0; i < 50_000; i++)
        {
            var value = Mutate(datetimes[random.Next(datetimes.Length)], "0123456789-:TZ.+z 5");
            Assert.True(RegexDatetime(datetime, value) == LexiconFormats.IsValid(value, LexiconFormat.Datetime), $"datetime {value}");
            matched[0] += RegexDatetime(datetime, value) ? 1 : 0;

            value = Mutate(dids[random.Next(dids.Length)], "did:aZ9._%-é ");
            Assert.True((did.IsMatch(value) && value.Length <= 2048) == LexiconFormats.IsValid(value, LexiconFormat.Did), $"DID {value}");
            matched[1] += did.IsMatch(value) ? 1 : 0;

            value = Mutate(uris[random.Next(uris.Length)], "a:Z9+.-/ \t\u00a0\u2028é");
            Assert.True((uri.IsMatch(value) && value.Length <= 8192) == LexiconFormats.IsValid(value, LexiconFormat.Uri), $"URI {value}");
            matched[2] += uri.IsMatch(value) ? 1 : 0;

            value = Mutate(tids[random.Next(tids.Length)], "2789ajkzA");
            Assert.True(tid.IsMatch(value) == LexiconFormats.IsValid(value, LexiconFormat.Tid), $"TID {value}");
            matched[3] += tid.IsMatch(value) ? 1 : 0;

            value = Mutate(languages[random.Next(languages.Length)], "aZ-x0i1");
            Assert.True(language.IsMatch(value) == LexiconFormats.IsValid(value, LexiconFormat.Language), $"language {value}");
            matched[4] += language.IsMatch(value) ? 1 : 0;
        }

        Assert.All(matched, count => Assert.InRange(count, 2_000, 48_000)); // both sides of each rule are exercised
    }
}
