import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TweenError, createTweenSDK } from '../src/index.js';
import { FakeWindow, serviceError } from './fake-host.js';

async function refusal(error: { code: number; message: string; data?: unknown }): Promise<TweenError> {
  const win = new FakeWindow();
  const sdk = createTweenSDK({ window: win });
  const call = sdk.wallet.getBalance();
  win.fail(error);
  try {
    await call;
  } catch (e) {
    assert.ok(e instanceof TweenError);
    return e;
  }
  assert.fail('the call succeeded');
}

test("a service's refusal carries its 12.2 code, message and details, not retryable", async () => {
  const e = await refusal(serviceError('INSUFFICIENT_FUNDS', 'Wallet balance too low', { required_amount: 150 }));
  assert.deepEqual([e.code, e.rpcCode, e.message, e.details, e.retryable],
    ['INSUFFICIENT_FUNDS', -32000, 'Wallet balance too low', { required_amount: 150 }, false]);
});

test('PAYMENT_FAILED is retryable, as 12.2 says', async () => {
  const e = await refusal(serviceError('PAYMENT_FAILED', 'Try again'));
  assert.equal(e.retryable, true);
});

test('the user declining in the host is USER_CANCELLED', async () => {
  const e = await refusal({ code: -32001, message: 'Cancelled', data: { error: { code: 'USER_CANCELLED', message: 'The user declined' } } });
  assert.deepEqual([e.code, e.rpcCode], ['USER_CANCELLED', -32001]);
});

test('a method the host does not relay is METHOD_NOT_FOUND', async () => {
  const e = await refusal({ code: -32601, message: 'Method not found' });
  assert.deepEqual([e.code, e.rpcCode], ['METHOD_NOT_FOUND', -32601]);
});

test("the host's rate limit is HOST_RATE_LIMITED and retryable", async () => {
  const e = await refusal({ code: -32002, message: 'Slow down' });
  assert.deepEqual([e.code, e.retryable], ['HOST_RATE_LIMITED', true]);
});
