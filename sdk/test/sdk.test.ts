import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TweenError, createTweenSDK } from '../src/index.js';
import { FakeWindow, HOST, serviceError } from './fake-host.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PAYMENT = { amount: 12.5, currency: 'USD', description: 'Coffee' };

function connected() {
  const win = new FakeWindow();
  return { win, sdk: createTweenSDK({ window: win }) };
}

test('onShow from the host reaches show listeners', () => {
  const { win, sdk } = connected();
  const seen: unknown[] = [];
  sdk.on('show', (params) => seen.push(params));
  win.deliver({ jsonrpc: '2.0', method: 'tween.lifecycle.onShow', params: { reason: 'foreground' } });
  assert.deepEqual(seen, [{ reason: 'foreground' }]);
});

test('onHide reaches hide listeners, not show listeners', () => {
  const { win, sdk } = connected();
  const seen: string[] = [];
  sdk.on('show', () => seen.push('show'));
  sdk.on('hide', () => seen.push('hide'));
  win.deliver({ jsonrpc: '2.0', method: 'tween.lifecycle.onHide' });
  assert.deepEqual(seen, ['hide']);
});

test('a listener removed by its returned function hears nothing more', () => {
  const { win, sdk } = connected();
  let calls = 0;
  const off = sdk.on('show', () => calls++);
  off();
  win.deliver({ jsonrpc: '2.0', method: 'tween.lifecycle.onShow' });
  assert.equal(calls, 0);
});

test('a lifecycle notification from another origin is ignored', () => {
  const { win, sdk } = connected();
  let calls = 0;
  sdk.on('show', () => calls++);
  win.deliver({ jsonrpc: '2.0', method: 'tween.lifecycle.onShow' }, 'https://evil.example');
  assert.equal(calls, 0);
});

test('ready is the tween.app.ready handshake, made once', async () => {
  const { win, sdk } = connected();
  const launch = { user_id: '@alice:tween.example', room_id: '!r:tween.example', launch_source: 'chat_bubble', launch_context: 'e.y.j' };
  const first = sdk.ready();
  win.answer(launch);
  assert.deepEqual([await first, await sdk.auth.getLaunchContext()], [launch, 'e.y.j']);
  assert.deepEqual(win.parent.sent.map((s) => s.message.method), ['tween.app.ready']);
});

test('requestPermissions answers whether the user granted the scopes', async () => {
  const { win, sdk } = connected();
  const granted = sdk.auth.requestPermissions(['wallet:pay']);
  assert.deepEqual(win.parent.last().message, { jsonrpc: '2.0', id: win.parent.last().message.id, method: 'tween.auth.requestScopes', params: { scopes: ['wallet:pay'] } });
  win.answer({ granted: true, scopes: ['wallet:pay'] });
  assert.equal(await granted, true);
});

test('storage.get answers the stored value', async () => {
  const { win, sdk } = connected();
  const value = sdk.storage.get('theme');
  win.answer({ key: 'theme', value: 'dark', metadata: { size_bytes: 4 } });
  assert.equal(await value, 'dark');
});

test("storage.get answers null for the storage service's NOT_FOUND", async () => {
  const { win, sdk } = connected();
  const value = sdk.storage.get('missing');
  win.fail(serviceError('NOT_FOUND', 'No value stored under this key'));
  assert.equal(await value, null);
});

test('storage.get passes on any other refusal', async () => {
  const { win, sdk } = connected();
  const value = sdk.storage.get('k');
  win.fail(serviceError('INSUFFICIENT_PERMISSIONS', 'storage:read missing'));
  await assert.rejects(value, { code: 'INSUFFICIENT_PERMISSIONS' });
});

test('storage.set sends the key, value and ttl', () => {
  const { win, sdk } = connected();
  sdk.storage.set('k', 'v', { ttl: 60 }).catch(() => undefined);
  assert.deepEqual(win.parent.last().message.params, { key: 'k', value: 'v', ttl: 60 });
  sdk.destroy();
});

test('requestPayment adds an idempotency key when the caller gives none', () => {
  const { win, sdk } = connected();
  sdk.wallet.requestPayment(PAYMENT).catch(() => undefined);
  const sent = win.parent.last().message;
  assert.equal(sent.method, 'tween.wallet.pay');
  assert.match(String(sent.params.idempotency_key), UUID);
  sdk.destroy();
});

test("requestPayment keeps the caller's idempotency key", () => {
  const { win, sdk } = connected();
  sdk.wallet.requestPayment({ ...PAYMENT, idempotency_key: 'order-42' }).catch(() => undefined);
  assert.equal(win.parent.last().message.params.idempotency_key, 'order-42');
  sdk.destroy();
});

test("requestPayment does not change the caller's request", () => {
  const { sdk } = connected();
  const request = { ...PAYMENT };
  sdk.wallet.requestPayment(request).catch(() => undefined);
  assert.deepEqual(request, PAYMENT);
  sdk.destroy();
});

test('a payment that times out names the key that makes its retry safe', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { win, sdk } = connected();
  const payment = sdk.wallet.requestPayment(PAYMENT);
  const key = win.parent.last().message.params.idempotency_key;
  t.mock.timers.tick(300_000);
  await assert.rejects(payment, (e: unknown) => e instanceof TweenError && e.code === 'TIMEOUT' && e.details?.idempotency_key === key);
});

test('sendTransfer and sendGift add their own idempotency keys', () => {
  const { win, sdk } = connected();
  sdk.wallet.sendTransfer({ recipient: '@bob:tween.example', amount: 5, currency: 'USD' }).catch(() => undefined);
  sdk.wallet.sendGift({ type: 'group', total_amount: 10, count: 3, currency: 'USD' }).catch(() => undefined);
  const [transfer, gift] = win.parent.sent.map((s) => s.message.params.idempotency_key);
  assert.match(String(transfer), UUID);
  assert.match(String(gift), UUID);
  assert.notEqual(transfer, gift);
  sdk.destroy();
});

test('a call carries its path parameter by name', () => {
  const { win, sdk } = connected();
  sdk.wallet.acceptTransfer('p2p_1').catch(() => undefined);
  assert.deepEqual(win.parent.last().message.params, { transfer_id: 'p2p_1' });
  sdk.destroy();
});

test('sendCard answers the event id of the queued card', async () => {
  const { win, sdk } = connected();
  const card = sdk.messaging.sendCard({ card: { type: 'product', title: 'Mug' } });
  win.answer({ event_id: '$e', room_id: '!r:tween.example', status: 'queued' });
  assert.equal((await card).event_id, '$e');
  assert.equal(win.parent.last().targetOrigin, HOST);
});
