// Verifies a launch context (TMCP decision 0051) with Node's own crypto, as a mini-app's backend does
// before it trusts who opened the app and where. The mini-app gets the context from the host
// (`sdk.auth.getLaunchContext()`) and sends it to its backend; the key set is
// GET /api/v1/client/signing-keys (cache it; fetch again for an unknown kid). Usage:
//   node verify-launch-context.mjs <jwks json> <launch context> <your miniapp_id>
// Prints the claims and exits 0 when the context verifies, exits 1 otherwise.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { pathToFileURL } from 'node:url';

/** The claims {app, exp, iat, launch_source, room_id, user_id}; throws when any check fails. */
export function verifyLaunchContext(jws, jwks, miniappId, nowSeconds = Math.floor(Date.now() / 1000)) {
  const parts = String(jws).split('.');
  if (parts.length !== 3) throw new Error('not a JWS in compact form');
  const [h, p, s] = parts;
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
  if (header.alg !== 'EdDSA') throw new Error(`unexpected alg ${header.alg}`);
  // A bundle signature (typ tmcp-bundle+jws) is signed by the same key: the typ tells them apart.
  if (header.typ !== 'tmcp-launch+jws') throw new Error(`unexpected typ ${header.typ}`);
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error(`no key ${header.kid} in the key set`);
  const thumbprint = createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest('base64url');
  if (thumbprint !== jwk.kid) throw new Error('kid is not the key thumbprint');
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  if (!verify(null, Buffer.from(`${h}.${p}`, 'ascii'), key, Buffer.from(s, 'base64url'))) throw new Error('bad signature');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  if (claims.app !== miniappId) throw new Error(`the context is for ${claims.app}, not ${miniappId}`);
  if (!(claims.exp > nowSeconds)) throw new Error('the context has expired');
  return claims;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [jwksText, jws, miniappId] = process.argv.slice(2);
  if (!jwksText || !jws || !miniappId) {
    console.error('usage: verify-launch-context.mjs <jwks json> <launch context> <miniapp_id>');
    process.exit(1);
  }
  try {
    console.log(JSON.stringify(verifyLaunchContext(jws, JSON.parse(jwksText), miniappId)));
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
