// The reference XRPC client (@atproto/xrpc XrpcClient with the test lexicons) calling a server under test.
//   node client.mjs <baseUrl>
// Runs the cases below in order and prints one JSON line: an array of {name, ok, status, error, message, data}.
// data is the output body for JSON outputs and {size, sha256, contentType} for binary ones; status, error and message
// come from the thrown XRPCError when not ok (status is the client's ResponseType: the HTTP status for the codes it
// knows, 2 when the output failed lexicon validation, 1 when there was no response). On success status is 200: the
// client maps every 2xx to ResponseType.Success and does not keep the real code.
import { createHash } from 'node:crypto';
import { XrpcClient } from '@atproto/xrpc';
import { lexiconDocs } from './lexicons.mjs';

const baseUrl = process.argv[2];
if (!baseUrl) {
  console.error('usage: node client.mjs <baseUrl>');
  process.exit(2);
}
const client = new XrpcClient(baseUrl, lexiconDocs);
const ns = 'com.example.client';

const summary = (bytes, contentType) => ({
  size: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  contentType: contentType ?? null,
});

// One case: call, then describe the outcome; an error is recorded, never rethrown.
async function call(name, nsid, params, input, opts) {
  try {
    const res = await client.call(`${ns}.${nsid}`, params, input, opts);
    const type = res.headers['content-type'];
    // Bytes are summarised; an empty body without a type (touch) is null.
    const data = !(res.data instanceof Uint8Array) ? (res.data ?? null)
      : res.data.length === 0 && !type ? null : summary(res.data, type);
    return { name, ok: true, status: 200, error: null, message: null, data };
  } catch (err) {
    return { name, ok: false, status: err.status ?? null, error: err.error ?? err.name ?? null, message: err.message ?? String(err), data: null };
  }
}

const upload = new Uint8Array(1048576);
for (let i = 0; i < upload.length; i++) upload[i] = (i * 11) % 256;

const results = [
  await call('getThing.all', 'getThing', {
    actor: 'alice.test', limit: 7, includeHidden: true, sort: 'top', since: '2024-01-02T03:04:05.000Z',
    note: 'a b&c=d/é', tags: ['x', 'y z'], ids: [1, -2, 3], flags: [true, false],
  }),
  await call('getThing.defaults', 'getThing', { actor: 'alice.test' }),
  await call('getThing.gadget', 'getThing', { actor: 'gadget.test' }),
  await call('getThing.notFound', 'getThing', { actor: 'missing.test' }),
  await call('getThing.hidden', 'getThing', { actor: 'hidden.test' }),
  await call('putThing', 'putThing', { dryRun: true }, { name: 'box', count: 3, labels: ['a'] }),
  await call('putThing.swap', 'putThing', undefined, { name: 'swap', count: 1 }),
  await call('uploadBlob', 'uploadBlob', undefined, upload, { encoding: 'image/png' }),
  await call('getBlob', 'getBlob', { size: 100000 }),
  await call('getBlob.notFound', 'getBlob', { size: 13 }),
  await call('touch', 'touch'),
];

// A method the server does not know, fetched directly (the client refuses NSIDs missing from its lexicons).
try {
  const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/xrpc/${ns}.doesNotExist`);
  const body = await res.json().catch(() => ({}));
  results.push({ name: 'unknownMethod', ok: res.ok, status: res.status, error: body.error ?? null, message: body.message ?? null, data: null });
} catch (err) {
  results.push({ name: 'unknownMethod', ok: false, status: null, error: err.name, message: err.message, data: null });
}

process.stdout.write(JSON.stringify(results) + '\n');
