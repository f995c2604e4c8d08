// Calls per second of the reference client against a server: getThing, one call at a time.
//   node bench-client.mjs <baseUrl> <seconds>
// Warms up for 1 s, then calls com.example.client.getThing {actor: alice.test, limit: 10, tags: [a, b]} with the
// @atproto/xrpc XrpcClient (awaiting each call) for <seconds>, and prints one JSON line
// {"calls":N,"seconds":s,"callsPerSecond":x,"meanMicroseconds":y} (seconds: the time measured, a little over <seconds>).
import { XrpcClient } from '@atproto/xrpc';
import { lexiconDocs } from './lexicons.mjs';

const [baseUrl, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
if (!baseUrl || !(seconds > 0)) {
  console.error('usage: node bench-client.mjs <baseUrl> <seconds>');
  process.exit(2);
}
const client = new XrpcClient(baseUrl, lexiconDocs);
const params = { actor: 'alice.test', limit: 10, tags: ['a', 'b'] };
const getThing = () => client.call('com.example.client.getThing', params);

// Calls until `ms` milliseconds have passed; answers how many calls and how many nanoseconds they took.
async function run(ms) {
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(ms * 1e6));
  let calls = 0;
  let now = start;
  while (now < end) {
    await getThing();
    calls++;
    now = process.hrtime.bigint();
  }
  return { calls, ns: Number(now - start) };
}

await run(1000); // warm-up: connections, JIT
const { calls, ns } = await run(seconds * 1000);
const s = ns / 1e9;
process.stdout.write(JSON.stringify({
  calls,
  seconds: Number(s.toFixed(3)),
  callsPerSecond: Number((calls / s).toFixed(1)),
  meanMicroseconds: Number((ns / 1e3 / calls).toFixed(1)),
}) + '\n');
