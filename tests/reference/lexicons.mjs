// The test lexicons (lexicons/*.json) as LexiconDoc objects, shared by server.mjs, client.mjs and bench-client.mjs.
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('./lexicons/', import.meta.url);
export const lexiconDocs = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
