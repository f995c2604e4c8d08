// The JavaScript side of RecordBenchmarks (docs/benchmarks.md, "Parse + validate one record"): the same post.json,
// JSON.parse then @atcute/lexicons' safeParse against @atcute/bluesky's app.bsky.feed.post schema (pinned in
// package-lock.json). Each case runs about a second, five times; the median is printed.   npm ci && node bench.mjs
import { readFileSync } from 'node:fs';
import { AppBskyFeedPost } from '@atcute/bluesky';
import { safeParse } from '@atcute/lexicons/validations';

const text = readFileSync(new URL('./post.json', import.meta.url), 'utf8');
const bytes = readFileSync(new URL('./post.json', import.meta.url));
const decoder = new TextDecoder();

const check = safeParse(AppBskyFeedPost.mainSchema, JSON.parse(text));
if (!check.ok) throw new Error('the post does not validate: ' + JSON.stringify(check));

function time(name, fn) {
  const results = [];
  for (let run = 0; run < 5; run++) {
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    while (elapsed < 1_000_000_000n) { for (let i = 0; i < 1000; i++) fn(); n += 1000; elapsed = process.hrtime.bigint() - start; }
    results.push(Number(elapsed) / n);
  }
  results.sort((a, b) => a - b);
  console.log(`${name}: ${(results[2] / 1000).toFixed(2)} µs`);
}

// From UTF-8 bytes, as the .NET readers start: decode, parse, validate.
time('UTF-8 bytes -> JSON.parse -> @atcute/lexicons safeParse', () => safeParse(AppBskyFeedPost.mainSchema, JSON.parse(decoder.decode(bytes))));
time('JSON.parse -> @atcute/lexicons safeParse', () => safeParse(AppBskyFeedPost.mainSchema, JSON.parse(text)));
time('JSON.parse alone', () => JSON.parse(text));
