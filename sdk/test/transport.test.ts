import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TweenError, createTweenSDK } from '../src/index.js';
import { FakeWindow, HOST } from './fake-host.js';

test('answers reach their own call by id, whatever their order', async () => {
  const win = new FakeWindow();
  const sdk = createTweenSDK({ window: win });
  const balance = sdk.wallet.getBalance();
  const scopes = sdk.auth.getScopes();
  win.answer({ scopes: ['wallet:balance'] }, 1);
  win.answer({ wallet_id: 'tw_1' }, 0);
  assert.deepEqual(await balance, { wallet_id: 'tw_1' });
  assert.deepEqual(await scopes, { scopes: ['wallet:balance'] });
});

test('request ids are distinct strings', () => {
  const win = new FakeWindow();
  const sdk = createTweenSDK({ window: win });
  void sdk.wallet.getBalance().catch(() => undefined);
  void sdk.wallet.getBalance().catch(() => undefined);
  const [a, b] = win.parent.sent.map((s) => s.message.id);
  assert.equal(typeof a, 'string');
  assert.notEqual(a, b);
  sdk.destroy();
});

test('an answer from another origin is ignored', async () => {
  const win = new FakeWindow();
  const sdk = createTweenSDK({ window: win });
  const info = sdk.auth.getUserInfo();
  const id = win.parent.last().message.id;
  win.deliver({ jsonrpc: '2.0', id, result: { user_id: '@mallory:evil.example' } }, 'https://evil.example');
  win.answer({ user_id: '@alice:tween.example' });
  assert.deepEqual(await info, { user_id: '@alice:tween.example' });
});

test('an answer from another window than the parent is ignored', async () => {
  const win = new FakeWindow();
  const sdk = createTweenSDK({ window: win });
  const info = sdk.auth.getUserInfo();
  const id = win.parent.last().message.id;
  win.deliver({ jsonrpc: '2.0', id, result: { user_id: '@mallory:evil.example' } }, HOST, { other: 'frame' });
  win.answer({ user_id: '@alice:tween.example' });
  assert.deepEqual(await info, { user_id: '@alice:tween.example' });
});

test('a call unanswered for 30 s fails with TIMEOUT', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const sdk = createTweenSDK({ window: new FakeWindow() });
  const balance = sdk.wallet.getBalance();
  t.mock.timers.tick(30_000);
  await assert.rejects(balance, (e: unknown) => e instanceof TweenError && e.code === 'TIMEOUT' && !e.retryable);
});

test('the timeout option sets how long a call waits', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const sdk = createTweenSDK({ window: new FakeWindow(), timeoutMs: 1_000 });
  const balance = sdk.wallet.getBalance();
  t.mock.timers.tick(1_000);
  await assert.rejects(balance, { code: 'TIMEOUT' });
});

test('every message goes to the host origin, never to *', () => {
  const win = new FakeWindow();
  const sdk = createTweenSDK({ window: win });
  for (const call of [sdk.ready(), sdk.wallet.getBalance(), sdk.storage.get('k'), sdk.app.minimize()]) {
    call.catch(() => undefined);
  }
  assert.deepEqual(win.parent.sent.map((s) => s.targetOrigin), [HOST, HOST, HOST, HOST]);
  sdk.destroy();
});

test('createTweenSDK throws when no host origin is known', () => {
  assert.throws(() => createTweenSDK({ window: new FakeWindow('') }), { code: 'NO_HOST_ORIGIN' });
});

test('a wildcard host origin is refused', () => {
  assert.throws(() => createTweenSDK({ window: new FakeWindow(), hostOrigin: '*' }), { code: 'NO_HOST_ORIGIN' });
});

test('the hostOrigin option wins over the URL fragment', () => {
  const win = new FakeWindow();
  const sdk = createTweenSDK({ window: win, hostOrigin: 'https://other-host.example' });
  sdk.wallet.getBalance().catch(() => undefined);
  assert.equal(win.parent.last().targetOrigin, 'https://other-host.example');
  sdk.destroy();
});

test('destroy rejects the calls still waiting', async () => {
  const sdk = createTweenSDK({ window: new FakeWindow() });
  const balance = sdk.wallet.getBalance();
  sdk.destroy();
  await assert.rejects(balance, { code: 'DESTROYED' });
});

test('destroy stops listening to the host', () => {
  const win = new FakeWindow();
  const sdk = createTweenSDK({ window: win });
  sdk.destroy();
  assert.equal(win.listenerCount, 0);
});
