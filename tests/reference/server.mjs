// The reference XRPC server (@atproto/xrpc-server on express) serving the test lexicons, for the .NET client tests.
//   node server.mjs [--signer <iss>=<did:key:...>]...
// Listens on 127.0.0.1 on a free port and prints one line, {"port":<n>}, once it is listening; runs until stdin
// closes or SIGTERM, then exits 0. Response validation is off (validateResponse: false), so a handler can send output
// that breaks the lexicon (broken.test, newer.test). The --signer pairs are the issuers whoami accepts and their keys.
// It also serves two event streams (WebSocket subscriptions): com.example.stream.subscribeEvents and
// com.atproto.label.subscribeLabels (whose lexicons come from src/Wisp.Xrpc.Lexicons.Atproto).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import express from 'express';
import { createServer, verifyJwt, AuthRequiredError, InvalidRequestError } from '@atproto/xrpc-server';
import { labelLexiconDocs, lexiconDocs } from './lexicons.mjs';

// --signer iss=did:key:... (repeatable): the signing key verifyJwt gets for each issuer.
const signers = new Map();
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const pair = args[i] === '--signer' ? args[++i] : undefined;
  const eq = pair?.indexOf('=') ?? -1;
  if (eq <= 0) {
    console.error(`usage: node server.mjs [--signer <iss>=<did:key:...>]... (bad argument: ${args[i]})`);
    process.exit(2);
  }
  signers.set(pair.slice(0, eq), pair.slice(eq + 1));
}

const server = createServer([...lexiconDocs, ...labelLexiconDocs], { validateResponse: false });
const json = (body) => ({ encoding: 'application/json', body });
const ns = 'com.example.client';

// getThing echoes its parameters as the server parsed them (lexicon defaults applied: limit is 50 when absent).
const things = {
  'gadget.test': { $type: `${ns}.getThing#gadget`, serial: 7 },
  'newer.test': { $type: `${ns}.getThing#thing`, name: 'a name of 24 characters', color: 'purple', shade: 'dark' },
  'other.test': { $type: `${ns}.getThing#unlisted`, x: 1 },
};
server.method(`${ns}.getThing`, ({ params }) => {
  const { actor } = params;
  if (actor === 'missing.test') throw new InvalidRequestError('no thing for missing.test', 'ThingNotFound');
  // No message: the server then sends the status text ("Invalid Request"), as it does for BlobNotFound below.
  if (actor === 'hidden.test') throw new InvalidRequestError(undefined, 'ThingHidden');
  const body = { actor, limit: params.limit ?? 50 };
  for (const key of ['includeHidden', 'sort', 'since', 'note']) if (params[key] !== undefined) body[key] = params[key];
  body.tags = params.tags ?? [];
  body.ids = params.ids ?? [];
  body.flags = params.flags ?? [];
  body.thing = things[actor] ?? { $type: `${ns}.getThing#thing`, name: 'widget', color: 'red' };
  if (actor === 'newer.test') body.addedLater = true; // a field a newer lexicon might add
  if (actor === 'broken.test') body.limit = 'fifty'; // the wrong type
  return json(body);
});

// putThing: JSON in (validated against the lexicon by the server), JSON out.
server.method(`${ns}.putThing`, ({ params, input }) => {
  const { name, count, labels } = input.body;
  if (name === 'swap') throw new InvalidRequestError('swap failed', 'InvalidSwap');
  return json({ name, count, stored: !params.dryRun, labels: labels ?? [] });
});

// uploadBlob: the */* input arrives as a stream (the request itself, or a decoder for a Content-Encoding); the
// encoding is the request's Content-Type without its parameters.
server.method(`${ns}.uploadBlob`, async ({ input }) => {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of input.body) {
    size += chunk.length;
    hash.update(chunk);
  }
  return json({ size, sha256: hash.digest('hex'), mimeType: input.encoding });
});

// getBlob: `size` bytes, byte i = (i * 7 + 3) % 256, streamed 64 KiB at a time (the pattern repeats every 256 bytes).
const block = Buffer.alloc(65536);
for (let i = 0; i < block.length; i++) block[i] = (i * 7 + 3) % 256;
async function* blobChunks(size) {
  for (let sent = 0; sent < size; sent += block.length) yield block.subarray(0, Math.min(block.length, size - sent));
}
server.method(`${ns}.getBlob`, ({ params }) => {
  if (params.size === 13) throw new InvalidRequestError(undefined, 'BlobNotFound');
  return { encoding: 'application/octet-stream', body: Readable.from(blobChunks(params.size)) };
});

// touch: nothing in, nothing out (a handler returning nothing is answered 200 with an empty body).
server.method(`${ns}.touch`, () => undefined);

// whoami: service auth. verifyJwt checks the token against our DID and the method; the key comes from --signer.
server.method(`${ns}.whoami`, {
  auth: async ({ req }) => {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) throw new AuthRequiredError('a Bearer token is required');
    const payload = await verifyJwt(header.slice('Bearer '.length).trim(), 'did:web:reference.test', `${ns}.whoami`,
      async (iss) => {
        const key = signers.get(iss);
        if (!key) throw new AuthRequiredError(`unknown jwt issuer: ${iss}`);
        return key;
      });
    return { credentials: { iss: payload.iss } };
  },
  handler: ({ auth }) => json({ did: auth.credentials.iss }),
});

// Event streams. streamMethod's handler is an async generator: each yielded object becomes a message frame (its
// $type, shortened to "#name" for this method's own defs, goes in the header's t; the rest is the DAG-CBOR body); a
// throw becomes an error frame {error, message} followed by close 1008 (reason = the error name); returning ends the
// stream with close 1000. Params are checked inside that generator, after the upgrade, so bad params are an
// InvalidRequest error frame too, not an HTTP 400. The server does not validate outgoing messages here.
const futureCursor = (cursor) => {
  if (cursor > 1000000) throw new InvalidRequestError('cursor is in the future', 'FutureCursor');
};

// subscribeEvents: events seq = start+1 .. start+limit (limit defaults to 10), then the end. A negative cursor gets
// an #info first and starts from 0; data (only when size is given) is size bytes, byte i = (seq + i) % 256, sent as
// CBOR bytes (lex-cbor encodes a Uint8Array as a byte string).
server.streamMethod('com.example.stream.subscribeEvents', async function* ({ params }) {
  futureCursor(params.cursor);
  let start = params.cursor ?? 0;
  if (start < 0) {
    yield { $type: 'com.example.stream.subscribeEvents#info', name: 'OutdatedCursor', message: 'starting from 1' };
    start = 0;
  }
  for (let seq = start + 1; seq <= start + params.limit; seq++) {
    const event = { $type: 'com.example.stream.subscribeEvents#event', seq, text: `event ${seq}` };
    if (params.size !== undefined) {
      event.data = new Uint8Array(params.size);
      for (let i = 0; i < params.size; i++) event.data[i] = (seq + i) % 256;
    }
    yield event;
  }
});

// subscribeLabels: five #labels messages after the cursor, then one #info, then the end.
server.streamMethod('com.atproto.label.subscribeLabels', async function* ({ params }) {
  futureCursor(params.cursor);
  const start = params.cursor ?? 0;
  for (let seq = start + 1; seq <= start + 5; seq++) {
    yield {
      $type: 'com.atproto.label.subscribeLabels#labels',
      seq,
      labels: [{
        ver: 1,
        src: 'did:plc:labelerlabelerlabelerla',
        uri: `at://did:plc:subjectsubjectsubjectsu/app.bsky.feed.post/3kabc${seq}`,
        val: 'spam',
        cts: '2026-01-02T03:04:05.000Z',
      }],
    };
  }
  yield { $type: 'com.atproto.label.subscribeLabels#info', name: 'OutdatedCursor' };
});

const app = express();
app.use(server.router);
// app.use(server.router) mounts the router, and on 'mount' the xrpc server wraps app.listen so the HTTP server it
// returns routes WebSocket upgrades for /xrpc/<subscription nsid> (anything else: the socket is destroyed). So listen
// through app.listen, not http.createServer(app).
const http = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: http.address().port }) + '\n');
});

// Run until stdin ends (the parent went away or closed it) or SIGTERM.
const stop = () => process.exit(0);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
