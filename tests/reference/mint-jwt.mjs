// Mints a service-auth token with the reference implementation, for the .NET verifier to check.
//   node mint-jwt.mjs
// Prints one JSON line {"didKey":"did:key:...","privateKeyHex":"...","token":"..."}: a fresh secp256k1 key (ES256K)
// and a token from @atproto/xrpc-server createServiceJwt with iss did:example:minted, aud did:web:wisp.test and
// lxm com.example.client.whoami (it adds iat = now, exp = iat + 60 s and a random 16-byte hex jti).
import { Secp256k1Keypair } from '@atproto/crypto';
import { createServiceJwt } from '@atproto/xrpc-server';

const keypair = await Secp256k1Keypair.create({ exportable: true });
const token = await createServiceJwt({
  iss: 'did:example:minted',
  aud: 'did:web:wisp.test',
  lxm: 'com.example.client.whoami',
  keypair,
});
const privateKeyHex = Buffer.from(await keypair.export()).toString('hex');
process.stdout.write(JSON.stringify({ didKey: keypair.did(), privateKeyHex, token }) + '\n');
