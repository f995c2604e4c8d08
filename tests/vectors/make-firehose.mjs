// Makes benchmarks/dag-cbor/firehose.bin: com.atproto.sync.subscribeRepos #commit frames as a relay sends them
// (header {op: 1, t: "#commit"} then the body, whose `blocks` is a CAR of the commit's new blocks), made by the
// reference implementation from real repository commits over a mix of records: posts (plain, with facets, with image
// embeds and replies), likes, reposts and follows, one to four writes per commit. Each frame is stored after a 4-byte
// big-endian length (the WebSocket message boundary). The key and content are fixed but the reference takes each
// commit's rev from the clock, so the file is committed: a new run gives other bytes of the same shape.
//   cd tests/vectors && npm ci && node make-firehose.mjs
import { writeFileSync } from 'node:fs';
import { encode as lexEncode, cidForLex } from '@atproto/lex-cbor';
import { jsonToLex } from '@atproto/lex-json';
import { Secp256k1Keypair } from '@atproto/crypto';
import { Repo, MemoryBlockstore, WriteOpAction, blocksToCarFile } from '@atproto/repo';

const keypair = await Secp256k1Keypair.import('9085d2bef69286a6cbb51623c8fa258629945cd55ca705cc4e66700396894e0c');
const did = 'did:plc:firehosefirehosefirehose';
const blobRef = { $type: 'blob', ref: { $link: 'bafkreihdc6lwgtpj7mtpijgnsjlntneaole5p3vjapy2htd5k6tryjrocu' }, mimeType: 'image/jpeg', size: 421766 };
const strongRef = (i) => ({ uri: `at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3k43tv4rft${String(i % 100).padStart(3, '0')}`, cid: 'bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a' });
const createdAt = '2024-11-26T12:34:56.789Z';
const record = (i) => {
  switch (i % 6) {
    case 0: return ['app.bsky.feed.post', { $type: 'app.bsky.feed.post', text: `firehose post ${i}, of ordinary length, with a few more words in it`, createdAt, langs: ['en'] }];
    case 1: return ['app.bsky.feed.post', { $type: 'app.bsky.feed.post', text: `hi @alice.example.com see https://example.com #atproto ${i}`, createdAt, langs: ['en'],
      facets: [{ index: { byteStart: 3, byteEnd: 21 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:ewvi7nxzyoun6zhxrhs64oiz' }] },
               { index: { byteStart: 26, byteEnd: 45 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com' }] }] }];
    case 2: return ['app.bsky.feed.post', { $type: 'app.bsky.feed.post', text: `a photo ${i}`, createdAt,
      embed: { $type: 'app.bsky.embed.images', images: [{ alt: 'a cat on a keyboard', image: blobRef, aspectRatio: { width: 1200, height: 800 } }] },
      reply: { root: strongRef(i), parent: strongRef(i + 1) } }];
    case 3: return ['app.bsky.feed.like', { $type: 'app.bsky.feed.like', subject: strongRef(i), createdAt }];
    case 4: return ['app.bsky.feed.repost', { $type: 'app.bsky.feed.repost', subject: strongRef(i), createdAt }];
    default: return ['app.bsky.graph.follow', { $type: 'app.bsky.graph.follow', subject: `did:plc:follow${String(i).padStart(20, '0')}`, createdAt }];
  }
};

const storage = new MemoryBlockstore();
let repo = await Repo.create(storage, did, keypair);
const frames = [];
let n = 0;
for (let i = 0; i < 300; i++) {
  const writes = [];
  for (let w = 0; w < 1 + (i % 4); w++, n++) {
    const [collection, json] = record(n);
    writes.push({ action: WriteOpAction.Create, collection, rkey: `3lfh${String(n).padStart(9, '0')}`, record: jsonToLex(json) });
  }
  const prevData = repo.commit.data;
  const commit = await repo.formatCommit(writes, keypair);
  repo = await repo.applyCommit(commit);
  const header = lexEncode({ op: 1, t: '#commit' });
  const body = lexEncode({
    seq: 1000 + i, repo: did, rev: commit.rev, since: commit.since, commit: commit.cid, tooBig: false, rebase: false,
    blocks: await blocksToCarFile(commit.cid, commit.newBlocks),
    ops: await Promise.all(writes.map(async (w) => ({ action: 'create', path: `${w.collection}/${w.rkey}`, cid: await cidForLex(w.record) }))),
    blobs: [], prevData, time: createdAt,
  });
  const frame = Buffer.alloc(4 + header.length + body.length);
  frame.writeUInt32BE(header.length + body.length, 0);
  frame.set(header, 4);
  frame.set(body, 4 + header.length);
  frames.push(frame);
}
const all = Buffer.concat(frames);
writeFileSync('../../benchmarks/dag-cbor/firehose.bin', all);
console.log(`${frames.length} frames, ${n} writes, ${all.length} bytes`);
