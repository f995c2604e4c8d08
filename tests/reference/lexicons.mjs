// The test lexicons (lexicons/*.json) as LexiconDoc objects, shared by server.mjs, client.mjs and bench-client.mjs;
// plus the two atproto lexicons com.atproto.label.subscribeLabels needs (from this repository's copy), which
// server.mjs and subscribe.mjs load as well.
import { readdirSync, readFileSync } from 'node:fs';

const read = (url) => JSON.parse(readFileSync(url, 'utf8'));

const dir = new URL('./lexicons/', import.meta.url);
export const lexiconDocs = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => read(new URL(f, dir)));

const labelDir = new URL('../../src/Wisp.Xrpc.Lexicons.Atproto/lexicons/com/atproto/label/', import.meta.url);
export const labelLexiconDocs = ['defs.json', 'subscribeLabels.json'].map((f) => read(new URL(f, labelDir)));
