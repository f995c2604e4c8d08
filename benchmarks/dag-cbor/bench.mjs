// DAG-CBOR in JavaScript on the bytes the .NET benchmarks use (docs/benchmarks.md, "DAG-CBOR"):
//   decode post.json's DAG-CBOR; encode it + compute its CID; decode every block of tests/vectors/repo.car.
// Each case runs for about a second, five times; the median is printed.   npm ci && node bench.mjs
import { readFileSync } from 'node:fs';
import * as atCbor from '@atcute/cbor';
import * as atCid from '@atcute/cid';
import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { decodeFirst as cborgDecodeFirst } from 'cborg';
import { CarBufferReader } from '@ipld/car';
import * as atCar from '@atcute/car';
import { createHash } from 'node:crypto';

const postJson = JSON.parse(readFileSync(new URL('./post.json', import.meta.url), 'utf8'));
const postBytes = atCbor.encode(postJson);
const postLex = dagCbor.decode(postBytes); // the form @ipld/dag-cbor encodes (CID objects, Uint8Arrays)

// The blocks of the repository export, split by hand (varint length, 36-byte CID, data).
const car = readFileSync(new URL('../../tests/vectors/repo.car', import.meta.url));
const blocks = [];
let at = 0;
const varint = () => { let v = 0, s = 0, b; do { b = car[at++]; v += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return v; };
const headerLength = varint(); // the header (read the length first: `at += varint()` would add to the old offset)
at += headerLength;
while (at < car.length) { const n = varint(); blocks.push(car.subarray(at + 36, at + n)); at += n; }
const blockBytes = blocks.reduce((sum, b) => sum + b.length, 0);

// The firehose-shaped corpus (tests/vectors/make-firehose.mjs): frames after a 4-byte big-endian length.
const firehose = readFileSync(new URL('./firehose.bin', import.meta.url));
const frames = [];
for (let i = 0; i < firehose.length;) { const n = firehose.readUInt32BE(i); frames.push(firehose.subarray(i + 4, i + 4 + n)); i += 4 + n; }
const frameBytes = frames.reduce((sum, f) => sum + f.length, 0);
// Neither JavaScript CAR reader checks a block against its CID; Wisp.Xrpc always does. The "+ SHA-256" rows add it.
const sha = (bytes) => createHash('sha256').update(bytes).digest();

async function time(name, fn, unit) {
  const results = [];
  for (let run = 0; run < 5; run++) {
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    while (elapsed < 1_000_000_000n) { for (let i = 0; i < 100; i++) await fn(); n += 100; elapsed = process.hrtime.bigint() - start; }
    results.push(Number(elapsed) / n);
  }
  results.sort((a, b) => a - b);
  const ns = results[2];
  const bytes = unit === 'frames' ? frameBytes : blockBytes;
  console.log(unit ? `${name}: ${(bytes / ns * 1000).toFixed(1)} MB/s (${(ns / 1000).toFixed(1)} µs per pass)` : `${name}: ${(ns / 1000).toFixed(2)} µs`);
}

await time('decode post: @atcute/cbor', () => atCbor.decode(postBytes));
await time('decode post: @ipld/dag-cbor', () => dagCbor.decode(postBytes));
await time('encode post + CID: @atcute/cbor + @atcute/cid', async () => atCid.create(atCid.CODEC_DCBOR, atCbor.encode(postJson)));
await time('encode post + CID: @ipld/dag-cbor + multiformats', async () => CID.createV1(dagCbor.code, await sha256.digest(dagCbor.encode(postLex))));
await time(`decode ${blocks.length} repository blocks: @atcute/cbor`, () => { for (const b of blocks) atCbor.decode(b); }, 'MB/s');
await time(`decode ${blocks.length} repository blocks: @ipld/dag-cbor`, () => { for (const b of blocks) dagCbor.decode(b); }, 'MB/s');
await time(`decode ${frames.length} #commit frames: @atcute/cbor + @atcute/car`, () => { for (const f of frames) { const [, rest] = atCbor.decodeFirst(f); const body = atCbor.decode(rest);
  for (const e of atCar.fromUint8Array(atCbor.fromBytes(body.blocks))) atCbor.decode(e.bytes); } }, 'frames');
await time(`decode ${frames.length} #commit frames: @ipld/dag-cbor + @ipld/car`, () => { for (const f of frames) { const [, rest] = cborgDecodeFirst(f, dagCbor.decodeOptions); const body = dagCbor.decode(rest);
  for (const block of CarBufferReader.fromBytes(body.blocks).blocks()) dagCbor.decode(block.bytes); } }, 'frames');
await time(`decode ${frames.length} #commit frames: @atcute + SHA-256 of each block`, () => { for (const f of frames) { const [, rest] = atCbor.decodeFirst(f); const body = atCbor.decode(rest);
  for (const e of atCar.fromUint8Array(atCbor.fromBytes(body.blocks))) { sha(e.bytes); atCbor.decode(e.bytes); } } }, 'frames');
