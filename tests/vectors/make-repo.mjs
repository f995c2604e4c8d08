// Makes a signed repository with the reference implementation (@atproto/repo, @atproto/crypto), for the CAR,
// commit and MST readers: repo.car (a full export, as com.atproto.sync.getRepo returns it), record-proof.car (a
// com.atproto.sync.getRecord proof of one record), repo.json (what must be read back: the DID, the signing key, the
// commit, every record's path and CID, and MST key depths from the spec). The key and rev are fixed, so the output
// is the same on every run.   cd tests/vectors && npm ci && node make-repo.mjs
import { writeFileSync } from 'node:fs';
import { jsonToLex } from '@atproto/lex-json';
import { cidForLex } from '@atproto/lex-cbor';
import { Secp256k1Keypair } from '@atproto/crypto';
import { Repo, MemoryBlockstore, WriteOpAction, getFullRepo, getRecords, concatBytesAsync, verifyRepoCar, verifyRecords, mstUtil } from '@atproto/repo';

const keypair = await Secp256k1Keypair.import('9085d2bef69286a6cbb51623c8fa258629945cd55ca705cc4e66700396894e0c', { exportable: true });
const did = 'did:plc:vectorsvectorsvectorsvec';
const createdAt = '2024-01-01T00:00:00.000Z';
const records = [];
for (let i = 0; i < 60; i++) {
  records.push({ collection: 'app.bsky.feed.post', rkey: `3lvec${String(i).padStart(8, '0')}`, json: { $type: 'app.bsky.feed.post', text: `post ${i} 🦋`, createdAt } });
}
for (let i = 0; i < 20; i++) {
  records.push({ collection: 'app.bsky.feed.like', rkey: `3llik${String(i).padStart(8, '0')}`,
    json: { $type: 'app.bsky.feed.like', subject: { uri: `at://${did}/app.bsky.feed.post/3lvec${String(i).padStart(8, '0')}`, cid: 'bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a' }, createdAt } });
}
records.push({ collection: 'app.bsky.actor.profile', rkey: 'self', json: { $type: 'app.bsky.actor.profile', displayName: 'Vectors', createdAt } });
records.push({ collection: 'app.bsky.graph.follow', rkey: '3lfol00000000', json: { $type: 'app.bsky.graph.follow', subject: 'did:plc:ewvi7nxzyoun6zhxrhs64oiz', createdAt } });

const storage = new MemoryBlockstore();
const writes = records.map((r) => ({ action: WriteOpAction.Create, collection: r.collection, rkey: r.rkey, record: jsonToLex(r.json) }));
const commit = await Repo.formatInitCommit(storage, did, keypair, writes, '3l2222222222a');
const repo = await Repo.createFromCommit(storage, commit);
const car = await concatBytesAsync(getFullRepo(storage, repo.cid));
const proven = records[7];
const proof = await concatBytesAsync(getRecords(storage, repo.cid, [{ collection: proven.collection, rkey: proven.rkey }]));
await verifyRepoCar(car, did, keypair.did());
const claims = await verifyRecords(proof, did, keypair.did());
if (claims.length !== 1) throw new Error('the proof should prove one record');

writeFileSync('repo.car', car);
writeFileSync('record-proof.car', proof);
const depthKeys = ['2653ae71', 'blue', 'app.bsky.feed.post/454397e440ec', 'app.bsky.feed.post/9adeb165882c'];
writeFileSync('repo.json', JSON.stringify({
  generatedBy: 'tests/vectors/make-repo.mjs',
  did,
  signingKey: keypair.did(),
  commit: repo.cid.toString(),
  rev: repo.commit.rev,
  data: repo.commit.data.toString(),
  records: await Promise.all(records.map(async (r) => ({ path: `${r.collection}/${r.rkey}`, cid: (await cidForLex(jsonToLex(r.json))).toString() }))),
  proven: `${proven.collection}/${proven.rkey}`,
  keyDepths: Object.fromEntries(await Promise.all(depthKeys.map(async (k) => [k, await mstUtil.leadingZerosOnHash(k)]))),
}, null, 1) + '\n');
console.log(`${records.length} records, commit ${repo.cid}, car ${car.length} bytes, proof ${proof.length} bytes`);
