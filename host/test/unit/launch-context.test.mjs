// The documented check of a launch context (docs/examples/verify-launch-context.mjs), against
// contexts signed here the way appstore-service signs them (decision 0051).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { verifyLaunchContext } from '../../../docs/examples/verify-launch-context.mjs';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const { x } = publicKey.export({ format: 'jwk' });
const kid = createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
const jwks = { keys: [{ kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' }] };
const NOW = 1_800_000_000;
const CLAIMS = { app: 'ma_shop', exp: NOW + 300, iat: NOW, launch_source: 'chat_bubble', room_id: '!r:test', user_id: '@alice:test' };

function jws(claims = CLAIMS, typ = 'tmcp-launch+jws') {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${b64({ alg: 'EdDSA', kid, typ })}.${b64(claims)}`;
  return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
}

test('a context signed with the platform key yields its claims', () => {
  assert.deepEqual(verifyLaunchContext(jws(), jwks, 'ma_shop', NOW), CLAIMS);
});

test('a context whose claims were changed is refused', () => {
  const [h, , s] = jws().split('.');
  const forged = Buffer.from(JSON.stringify({ ...CLAIMS, user_id: '@mallory:test' })).toString('base64url');
  assert.throws(() => verifyLaunchContext(`${h}.${forged}.${s}`, jwks, 'ma_shop', NOW), /bad signature/);
});

test('a bundle signature of the same key is not a launch context', () => {
  assert.throws(() => verifyLaunchContext(jws(CLAIMS, 'tmcp-bundle+jws'), jwks, 'ma_shop', NOW), /unexpected typ/);
});

test('a context for another app is refused', () => {
  assert.throws(() => verifyLaunchContext(jws(), jwks, 'ma_other', NOW), /not ma_other/);
});

test('an expired context is refused', () => {
  assert.throws(() => verifyLaunchContext(jws(), jwks, 'ma_shop', NOW + 301), /expired/);
});
