// The host's server: two origins, each page with its policy, nothing outside its folder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const server = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server.mjs');

const freePort = () => new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

describe('the host server', () => {
  let child;
  let host;
  let shop;

  before(async () => {
    host = `http://127.0.0.1:${await freePort()}`;
    shop = `http://127.0.0.1:${await freePort()}`;
    child = spawn(process.execPath, [server], { env: { ...process.env, HOST_URL: host, TMCP_DEMO_SHOP_URL: `${shop}/`,
      GATEWAY_URL: 'http://127.0.0.1:18080', SYNAPSE_URL: 'http://127.0.0.1:18008', DEMO_SHOP_CLIENT_ID: 'ma_shop_test' } });
    for (let i = 0; i < 50; i++) {
      if (await fetch(`${host}/health`).then((r) => r.ok, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the server did not start');
  });

  after(() => child?.kill());

  test('the host page may frame only the shop and connect only to the gateway and the homeserver', async () => {
    const csp = (await fetch(`${host}/`)).headers.get('content-security-policy');
    assert.match(csp, new RegExp(`frame-src ${shop}(;|$)`));
    assert.match(csp, /connect-src 'self' http:\/\/127\.0\.0\.1:18080 http:\/\/127\.0\.0\.1:18008;/);
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /frame-ancestors 'none'/);
  });

  test('the shop may be framed only by the host and connects nowhere but its own origin', async () => {
    const csp = (await fetch(`${shop}/`)).headers.get('content-security-policy');
    assert.match(csp, new RegExp(`frame-ancestors ${host}(;|$)`));
    assert.match(csp, /connect-src 'self';/);
  });

  test('the configuration names the gateway, the homeserver and the shop\'s client id', async () => {
    const config = await (await fetch(`${host}/config.json`)).json();
    assert.equal(config.gateway_url, 'http://127.0.0.1:18080');
    assert.equal(config.homeserver_url, 'http://127.0.0.1:18008');
    assert.deepEqual(config.apps.map((a) => a.miniapp_id), ['ma_shop_test']);
  });

  test('a path that climbs out of the site is not served', async () => {
    for (const attempt of ['/../server.mjs', '/%2e%2e/server.mjs', '/..%2fpackage.json']) {
      assert.equal((await fetch(`${host}${attempt}`)).status, 404, attempt);
    }
  });

  test('only GET and HEAD are answered', async () => {
    assert.equal((await fetch(`${host}/`, { method: 'POST', body: 'x' })).status, 405);
  });

  test('the shop serves the SDK bundle built in sdk/ (npm run build there first)', async () => {
    const bundle = await fetch(`${shop}/sdk/tween-sdk.min.js`);
    assert.equal(bundle.status, 200);
    assert.match(await bundle.text(), /TweenSDK/);
  });
});
