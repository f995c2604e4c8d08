// The reference's firehose consumer (@atproto/sync 0.4.11's Firehose, unauthenticated commits) on the recorded frames,
// in memory, with its own per-message steps: Frame.fromBytes (as its Subscription reads a WebSocket message), the body
// typed from the header's t and validated by subscribeRepos.$message, then what parseCommitUnauthenticated does (the
// CAR read with @atproto/repo's readCar, each written record decoded with cborToLexRecord). The package root is not
// imported: it loads @atproto/identity, whose undici needs Node 22's zlib; its two steps are the same calls.
// Prints messages per second.
//   node consume.mjs <seconds>
import { readFileSync } from 'node:fs';
import { Frame } from '@atproto/xrpc-server';
import { cborToLexRecord, readCar } from '@atproto/repo';

// Not exported from the package root: the generated lexicons the Firehose class validates with.
const { com } = await import(new URL('./node_modules/@atproto/sync/dist/lexicons/index.js', import.meta.url));

const seconds = Number(process.argv[2] ?? 5);
const file = readFileSync(new URL('../dag-cbor/firehose.bin', import.meta.url));
const frames = [];
for (let offset = 0; offset < file.length;) {
  const length = file.readUInt32BE(offset);
  frames.push(file.subarray(offset + 4, offset + 4 + length));
  offset += 4 + length;
}

const method = 'com.atproto.sync.subscribeRepos';
let records = 0;
async function consume(bytes) {
  const frame = Frame.fromBytes(bytes);
  const t = frame.header.t;
  const value = { ...frame.body, $type: t.startsWith('#') ? method + t : t };
  const result = com.atproto.sync.subscribeRepos.$message.safeParse(value);
  if (!result.success) throw new Error(result.reason?.message ?? 'invalid');
  // parseCommitUnauthenticated -> formatCommitOps: readCar, then each create/update's record.
  const evt = result.value;
  const car = await readCar(evt.blocks);
  for (const op of evt.ops) {
    if ((op.action === 'create' || op.action === 'update') && op.cid) {
      const bytes = car.blocks.get(op.cid);
      if (bytes) {
        cborToLexRecord(bytes);
        records++;
      }
    }
  }
}

async function run(ms) {
  let messages = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(ms * 1e6));
  let now = start;
  while (now < end) {
    for (const bytes of frames) await consume(bytes);
    messages += frames.length;
    now = process.hrtime.bigint();
  }
  return { messages, ns: Number(now - start) };
}

await run(1000);
records = 0;
const { messages, ns } = await run(seconds * 1000);
console.log(JSON.stringify({ messages, records, seconds: ns / 1e9, messagesPerSecond: Math.round(messages / (ns / 1e9)) }));
