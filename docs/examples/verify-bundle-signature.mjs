// Verifies a mini-app bundle's signature (TMCP decision 0048) with Node's own crypto, as a client does
// before installing an update (spec 16.8.1). Usage:
//   node verify-bundle-signature.mjs <jwks.json from GET /api/v1/client/signing-keys> <download.signature> [bundle file]
// Prints the signed manifest and exits 0 when the signature verifies under a key of the set (and, with a
// bundle file, when the file's SHA-256 and size match the manifest); exits 1 otherwise.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

function fail(message) {
  console.error(message);
  process.exit(1);
}

const [jwksText, jws, bundleFile] = process.argv.slice(2);
if (!jwksText || !jws) fail('usage: verify-bundle-signature.mjs <jwks json> <jws> [bundle file]');
const parts = jws.split('.');
if (parts.length !== 3) fail('not a JWS in compact form');
const [h, p, s] = parts;
const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
if (header.alg !== 'EdDSA') fail(`unexpected alg ${header.alg}`);
if (header.typ !== 'tmcp-bundle+jws') fail(`unexpected typ ${header.typ}`);

const jwk = JSON.parse(jwksText).keys.find((k) => k.kid === header.kid);
if (!jwk) fail(`no key ${header.kid} in the key set`);
// The kid is the key's RFC 7638 thumbprint: recompute it rather than trust it.
const thumbprint = createHash('sha256')
  .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x }))
  .digest('base64url');
if (thumbprint !== jwk.kid) fail('kid is not the key thumbprint');

const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
if (!verify(null, Buffer.from(`${h}.${p}`, 'ascii'), key, Buffer.from(s, 'base64url'))) fail('invalid signature');

const manifest = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
if (bundleFile) {
  const bytes = readFileSync(bundleFile);
  if (bytes.length !== manifest.size_bytes) fail('bundle size differs from the manifest');
  if (`sha256:${createHash('sha256').update(bytes).digest('hex')}` !== manifest.hash) fail('bundle hash differs from the manifest');
}
process.stdout.write(JSON.stringify(manifest));
