// Makes data-model.json: realistic records in atproto JSON, their DAG-CBOR bytes and CIDs, computed by the reference
// implementation (@atproto/lex-json + @atproto/lex-cbor) and checked against two other encoders (@ipld/dag-cbor with
// multiformats, @atcute/cbor with @atcute/cid). Pinned in package.json / package-lock.json.
//   cd tests/vectors && npm ci && node make-vectors.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { encode as lexEncode, decode as lexDecode, cidForLex } from '@atproto/lex-cbor';
import { jsonToLex, lexToJson } from '@atproto/lex-json';
import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import * as atCbor from '@atcute/cbor';
import * as atCid from '@atcute/cid';

const did = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';
const cid = 'bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a';
const blobCid = 'bafkreihdc6lwgtpj7mtpijgnsjlntneaole5p3vjapy2htd5k6tryjrocu';
const blob = (mimeType, size) => ({ $type: 'blob', ref: { $link: blobCid }, mimeType, size });
const strongRef = { uri: `at://${did}/app.bsky.feed.post/3k43tv4rft22g`, cid };

const records = {
  'post: plain': { $type: 'app.bsky.feed.post', text: 'hello world', createdAt: '2024-01-01T00:00:00.000Z', langs: ['en'] },
  'post: facets and emoji': {
    $type: 'app.bsky.feed.post', text: 'hi @alice.example.com 🦋 https://example.com #atproto', createdAt: '2024-11-26T12:34:56.789Z',
    facets: [
      { index: { byteStart: 3, byteEnd: 21 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] },
      { index: { byteStart: 27, byteEnd: 46 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com' }] },
      { index: { byteStart: 47, byteEnd: 55 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'atproto' }] },
    ],
  },
  'post: images': {
    $type: 'app.bsky.feed.post', text: 'with image', createdAt: '2024-01-01T00:00:00.000Z',
    embed: { $type: 'app.bsky.embed.images', images: [{ alt: 'a cat', image: blob('image/jpeg', 421766), aspectRatio: { width: 1200, height: 800 } }] },
  },
  'post: reply, quote and self-labels': {
    $type: 'app.bsky.feed.post', text: 'replying', createdAt: '2024-01-01T00:00:00.000Z',
    reply: { root: strongRef, parent: strongRef },
    embed: { $type: 'app.bsky.embed.record', record: strongRef },
    labels: { $type: 'com.atproto.label.defs#selfLabels', values: [{ val: 'graphic-media' }] },
  },
  'post: external embed with thumb': {
    $type: 'app.bsky.feed.post', text: '', createdAt: '2024-01-01T00:00:00Z',
    embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://example.com/a?b=c', title: 'Ünïcödé title', description: 'line\nbreak\ttab "quotes"', thumb: blob('image/png', 1) } },
  },
  'profile': { $type: 'app.bsky.actor.profile', displayName: 'Alice 🌸', description: 'writes about lexicons', avatar: blob('image/png', 54321), banner: blob('image/jpeg', 999999), pinnedPost: strongRef, createdAt: '2023-04-01T00:00:00.000Z' },
  'like': { $type: 'app.bsky.feed.like', subject: strongRef, createdAt: '2024-01-01T00:00:00.000Z' },
  'follow': { $type: 'app.bsky.graph.follow', subject: did, createdAt: '2024-01-01T00:00:00.000Z' },
  'key order: length first, then bytes': { $type: 'com.example.keys', bb: 1, a: 2, aa: 3, 'é': 4, z: 5, B: 6, '🦋': 7, ab: 8, '': 9 },
  'integers at the edges': { $type: 'com.example.ints', zero: 0, one: 1, small: 23, byte: 24, b255: 255, b256: 256, u16: 65535, u32: 4294967295, safe: 9007199254740991, neg: -1, neg24: -24, neg25: -25, negSafe: -9007199254740991 },
  'bytes, nulls, booleans, nesting': {
    $type: 'com.example.mixed', data: { $bytes: 'nFERjvLLiw9qm45JrqH9QTzyC2Lu1Xb4ne6+sBrCzI0' }, empty: { $bytes: '' },
    nothing: null, yes: true, no: false, list: [[], {}, [1, [2, [3]]], { a: { b: { c: {} } } }],
    notALink: { $link: cid, other: 1 }, link: { $link: cid },
  },
};

const hex = (u8) => Buffer.from(u8).toString('hex');
const vectors = [];
for (const [name, json] of Object.entries(records)) {
  const lex = jsonToLex(json);
  const bytes = lexEncode(lex);
  const theCid = (await cidForLex(lex)).toString();
  const ipldBytes = dagCbor.encode(lex);
  const ipldCid = CID.createV1(dagCbor.code, await sha256.digest(ipldBytes)).toString();
  const atBytes = atCbor.encode(json);
  const atCidString = atCid.toString(await atCid.create(atCid.CODEC_DCBOR, atBytes));
  if (hex(bytes) !== hex(ipldBytes) || hex(bytes) !== hex(atBytes)) throw new Error(`${name}: encoders disagree`);
  if (theCid !== ipldCid || theCid !== atCidString) throw new Error(`${name}: CIDs disagree`);
  vectors.push({ name, json, cbor: hex(bytes), cid: theCid, json2: lexToJson(lexDecode(bytes)) });
}

writeFileSync('data-model.json', JSON.stringify({
  generatedBy: 'tests/vectors/make-vectors.mjs',
  packages: Object.fromEntries(['@atproto/lex-cbor', '@atproto/lex-json', '@ipld/dag-cbor', 'multiformats', '@atcute/cbor', '@atcute/cid']
    .map((p) => [p, JSON.parse(readFileSync(`node_modules/${p}/package.json`, 'utf8')).version])),
  vectors,
}, null, 1) + '\n');
console.log(`${vectors.length} vectors`);
