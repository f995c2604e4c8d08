using System.Globalization;
using BenchmarkDotNet.Attributes;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Benchmarks;

/// <summary>The cost of each check a typical post pays (a diagnostic aid for RecordBenchmarks).</summary>
[MemoryDiagnoser]
public class ValidatorBenchmarks
{
    private const string Text = "hello @alice.example.com see https://example.com 🎉 #atproto — a post of ordinary length, with some more words in it.";

    [Benchmark] public bool Datetime() => LexiconFormats.IsDatetime("2024-11-26T12:34:56.789Z");
    [Benchmark] public bool Did() => LexiconFormats.IsDid("did:plc:ewvi7nxzyoun6zhxrhs64oiz");
    [Benchmark] public bool Uri() => LexiconFormats.IsValid("https://example.com", LexiconFormat.Uri);
    [Benchmark] public bool AtUri() => LexiconFormats.IsValid("at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3k43tv4rft22g", LexiconFormat.AtUri);
    [Benchmark] public bool Cid() => LexiconFormats.IsCid("bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a");
    [Benchmark] public bool Language() => LexiconFormats.IsValid("en", LexiconFormat.Language);
    [Benchmark] public int Graphemes() => new StringInfo(Text).LengthInTextElements;
    [Benchmark] public void Constraints() => LexiconConstraints.Graphemes(Text, "Record", "text", 0, 300);
}
