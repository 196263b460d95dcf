// Click "pay" to card in the other user's host view (issue 14's benchmark), side by side with the
// same P2P done straight through the API and read with /sync. Run by bench/host.sh.
//   node bench/host-pay-to-card.mjs PAYMENTS
import { performance } from 'node:perf_hooks';
import { call, registerUser, sharedRoom, GATEWAY, HOMESERVER } from '../host/test/browser/stack.mjs';
import { HostTab, launchBrowser, PIN } from '../host/test/browser/host.mjs';

const N = Number(process.argv[2] ?? 50);
const WARMUP = 3;

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const exchange = (person, clientId, scope, roomId) => call('POST', `${GATEWAY}/oauth2/token`, new URLSearchParams({
  grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token: person.token,
  subject_token_type: 'urn:ietf:params:oauth:token-type:access_token', client_id: clientId, scope,
  ...(roomId ? { miniapp_context: JSON.stringify({ room_id: roomId, launch_source: 'chat_bubble' }) } : {}) })).then((t) => t.access_token);

/** Waits until the recipient's /sync shows the card of transferId in roomId. */
async function syncUntil(person, roomId, transferId, since) {
  let next = since;
  for (;;) {
    const query = new URLSearchParams({ timeout: '5000', since: next,
      filter: JSON.stringify({ room: { timeline: { limit: 50, types: ['m.tween.wallet.p2p'] } } }) });
    const answer = await call('GET', `${HOMESERVER}/_matrix/client/v3/sync?${query}`, undefined, person.token);
    next = answer.next_batch;
    const events = answer.rooms?.join?.[roomId]?.timeline?.events ?? [];
    if (events.some((e) => e.content?.transfer_id === transferId)) return next;
  }
}

async function direct() {
  const [carol, dave] = [await registerUser('carol'), await registerUser('dave')];
  const roomId = await sharedRoom(carol, [dave], 'Direct');
  const wallet = 'user:read wallet:balance wallet:pay wallet:admin';
  for (const person of [carol, dave]) {
    const admin = await exchange(person, 'ma_tween_wallet', wallet);
    await call('POST', `${GATEWAY}/wallet/v1/activate`, { verification_data: { pin: PIN, terms_accepted: true, terms_version: '1.5.0' } }, admin);
    person.tep = admin;
  }
  const link = await call('POST', `${GATEWAY}/wallet/v1/external/link`, { type: 'sandbox' }, carol.tep);
  await call('POST', `${GATEWAY}/wallet/v1/external/fund`, { source_account_id: link.external_account_id, amount: 500,
    currency: 'USD', idempotency_key: `fund-${Date.now()}` }, carol.tep);
  const hashed = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(PIN)))]
    .map((b) => b.toString(16).padStart(2, '0')).join('');
  let since = (await call('GET', `${HOMESERVER}/_matrix/client/v3/sync?timeout=0`, undefined, dave.token)).next_batch;
  const times = [];
  for (let i = 0; i < N + WARMUP; i++) {
    const start = performance.now();
    const initiated = await call('POST', `${GATEWAY}/wallet/v1/p2p/initiate`, { recipient: dave.userId, amount: 1,
      currency: 'USD', room_id: roomId, note: 'bench', idempotency_key: `bench-${Date.now()}-${i}` }, carol.tep);
    await call('POST', `${GATEWAY}/wallet/v1/p2p/${initiated.transfer_id}/confirm`,
      { auth_proof: { method: 'pin', proof: { hashed_pin: hashed, device_id: 'bench' } } }, carol.tep);
    since = await syncUntil(dave, roomId, initiated.transfer_id, since);
    if (i >= WARMUP) times.push(performance.now() - start);
  }
  return times;
}

async function browser() {
  const [a, b] = [await registerUser('alice'), await registerUser('bob')];
  const roomId = await sharedRoom(a, [b], 'Bench');
  const chromium = await launchBrowser();
  try {
    const alice = await HostTab.signIn(chromium, a, roomId);
    const bob = await HostTab.signIn(chromium, b, roomId);
    await alice.activateWallet();
    await bob.activateWallet();
    for (let i = 0; i < 5; i++) await alice.fund();
    const shop = await alice.openShop();
    await shop.locator('#split-recipient').fill(b.userId);
    await shop.locator('#split-amount').fill('1.00');
    const times = [];
    for (let i = 0; i < N + WARMUP; i++) {
      const start = performance.now();
      await shop.locator('#split').click();
      await alice.confirmWithPin().catch(async (e) => {
        throw new Error(`payment ${i + 1}: no confirmation (${await shop.locator('#status').textContent()})`, { cause: e });
      });
      const status = await alice.shopStatus(new RegExp(`Transfer completed.*\\(p2p_`));
      const transferId = /\((p2p_[^)]+)\)/.exec(status)[1];
      await bob.card(`[data-transfer-id="${transferId}"]`).waitFor({ timeout: 30000 });
      if (i >= WARMUP) times.push(performance.now() - start);
      await shop.locator('#status').evaluate((element) => { element.textContent = ''; });
    }
    return times;
  } finally {
    await chromium.close();
  }
}

const viaBrowser = await browser();
const viaApi = await direct();
const row = (name, t) => `${name.padEnd(46)} ${percentile(t, 50).toFixed(0).padStart(7)} ${percentile(t, 99).toFixed(0).padStart(7)}`;
console.log(`\n${N} P2P payments of 1.00 USD each (after ${WARMUP} warm-up), ms`);
console.log(`${'path'.padEnd(46)} ${'p50'.padStart(7)} ${'p99'.padStart(7)}`);
console.log(row('browser: click Send -> card in bob\'s host view', viaBrowser));
console.log(row('API: initiate + confirm -> card in /sync', viaApi));
console.log(`ratio browser/API: p50 ${(percentile(viaBrowser, 50) / percentile(viaApi, 50)).toFixed(2)}, p99 ${(percentile(viaBrowser, 99) / percentile(viaApi, 99)).toFixed(2)}`);
