// The reference event-stream consumer (@atproto/xrpc-server's Subscription) reading a subscription of a server under
// test, each message validated against the lexicons (lexicons/*.json and the com.atproto.label ones).
//   node subscribe.mjs <baseUrl> <nsid> <paramsJson> <maxMessages>
// Prints one JSON line per message (the validated value with its $type; bytes as {"$bytes": base64}, CIDs as
// {"$link": ...}) and exits 0 after maxMessages messages or when the server ends the stream (close 1000). An error
// frame prints {"errorFrame": {"error", "message"}} and exits 0. Anything else (a message failing validation, a bad
// frame, a refused upgrade, a close other than 1000) prints {"failure": "<message>"} and exits 1: never reconnects.
import { XRPCError, ResponseType } from '@atproto/xrpc';
import { Subscription } from '@atproto/xrpc-server';
import { Lexicons, stringifyLex } from '@atproto/lexicon';
import { labelLexiconDocs, lexiconDocs } from './lexicons.mjs';

const [baseUrl, nsid, paramsJson = '{}', maxArg = '1000000'] = process.argv.slice(2);
const maxMessages = Number(maxArg);
if (!baseUrl || !nsid || !Number.isInteger(maxMessages) || maxMessages < 1) {
  console.error('usage: node subscribe.mjs <baseUrl> <nsid> <paramsJson> <maxMessages>');
  process.exit(2);
}
const print = (line) => process.stdout.write(line + '\n');

const lexicons = new Lexicons([...lexiconDocs, ...labelLexiconDocs]);
const stop = new AbortController();
const subscription = new Subscription({
  service: baseUrl.replace(/\/+$/, ''),
  method: nsid,
  getParams: () => JSON.parse(paramsJson),
  // The body with $type (nsid + the header's t) added; throws when it breaks the message union.
  validate: (body) => lexicons.assertValidXrpcMessage(nsid, body),
  signal: stop.signal,
  // Subscription has no switch for reconnecting: ws-client ends the stream on close 1000 (and other fatal codes), and
  // retries everything else (1006, 1008 without an error frame, 1011, a refused dial...), calling this hook first. Aborting
  // here makes that retry throw the abort reason (the error) instead of waiting and redialling.
  onReconnectError: (error) => stop.abort(error),
});

try {
  let count = 0;
  for await (const message of subscription) {
    print(stringifyLex(message));
    if (++count >= maxMessages) break; // closes the socket with 1000
  }
} catch (err) {
  // An error frame arrives as XRPCError(-1, error, message); @atproto/xrpc maps -1 to status 500
  // (InternalServerError), and a missing message becomes the error name.
  if (err instanceof XRPCError && err.status === ResponseType.InternalServerError) {
    print(JSON.stringify({ errorFrame: { error: err.error, message: err.message } }));
  } else {
    // ws-client's SocketError says only "WebSocket transport error"; the ws error behind it is its cause.
    const cause = err?.cause?.message ? `: ${err.cause.message}` : '';
    print(JSON.stringify({ failure: (err?.message ?? String(err)) + cause }));
    process.exit(1);
  }
}
process.exit(0);
