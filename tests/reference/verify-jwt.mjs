// Checks service-auth tokens with the reference verifier (@atproto/xrpc-server verifyJwt).
//   node verify-jwt.mjs < requests
// Reads one JSON object a line, {"token":..., "aud":... or null, "lxm":... or null, "didKey":"did:key:..."}
// (null skips that check), and answers each, in order, with one line: {"ok":true,"payload":{...}} or
// {"ok":false,"error":"<name>","message":"<message>"} (name: the XRPC error name such as BadJwtSignature, or the
// JavaScript error's name when verifyJwt failed with something else, e.g. SyntaxError for a payload that is not
// JSON). Exits when stdin ends.
import { createInterface } from 'node:readline';
import { verifyJwt } from '@atproto/xrpc-server';

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  let answer;
  try {
    const { token, aud = null, lxm = null, didKey } = JSON.parse(line);
    // The issuer's key is whatever the request names, whoever iss is.
    const payload = await verifyJwt(token, aud, lxm, async () => didKey);
    answer = { ok: true, payload };
  } catch (err) {
    answer = { ok: false, error: err.error ?? err.name, message: err.message };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
