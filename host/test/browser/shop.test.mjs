// The demo shop in a real browser (headless Debian Chromium through playwright-core): two users on
// the reference host, money moved only through the SDK and confirmed only by the host.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { registerUser, sharedRoom, GATEWAY } from './stack.mjs';
import { verifyLaunchContext } from '../../../docs/examples/verify-launch-context.mjs';
import { HostTab, launchBrowser } from './host.mjs';

describe('the demo shop on the reference host', () => {
  let browser;
  let alice;
  let bob;
  let roomId;

  before(async () => {
    const [a, b] = [await registerUser('alice'), await registerUser('bob')];
    roomId = await sharedRoom(a, [b], 'Lunch');
    browser = await launchBrowser();
    alice = await HostTab.signIn(browser, a, roomId);
    bob = await HostTab.signIn(browser, b, roomId);
    await alice.activateWallet();
    await bob.activateWallet();
    await alice.fund();
    await alice.openShop();
    await alice.screenshot('01-alice-opened-the-shop');
    await bob.openShop();
  });

  after(async () => {
    await browser?.close();
  });

  test('the host asked each user\'s consent for the shop\'s money and messaging scopes before opening it', () => {
    for (const tab of [alice, bob]) {
      assert.deepEqual([...tab.consentAsked].sort(), ['messaging:send', 'wallet:balance', 'wallet:pay']);
    }
  });

  test('alice splits the bill with bob by P2P, and bob sees the card in his room view', async () => {
    const shop = alice.shop();
    await shop.locator('#split-recipient').fill(bob.person.userId);
    await shop.locator('#split-amount').fill('10.00');
    await shop.locator('#split').click();
    await alice.confirmWithPin();
    const status = await alice.shopStatus(/Transfer completed/);
    const transferId = /\((p2p_[^)]+)\)/.exec(status)[1];

    await bob.card(`[data-transfer-id="${transferId}"]`).waitFor({ timeout: 30000 });
    await alice.screenshot('02-alice-sent-10');
    await bob.screenshot('03-bob-sees-the-transfer-card');
  });

  test('alice buys the cart, confirmed with her PIN in the host', async () => {
    const shop = alice.shop();
    await shop.locator('#add-coffee').click();
    await shop.locator('#add-cake').click();
    await shop.locator('#total', { hasText: '17.00' }).waitFor();
    await shop.locator('#buy').click();
    await alice.confirmWithPin();

    const status = await alice.shopStatus(/Payment completed/);
    assert.match(status, /17 USD|17\.00 USD/);
    await alice.screenshot('04-alice-paid-the-shop');
  });

  test('a wrong PIN is refused in the host and the payment waits for the right one', async () => {
    const shop = alice.shop();
    await shop.locator('#add-sandwich').click();
    await shop.locator('#total', { hasText: '8.00' }).waitFor();
    await shop.locator('#buy').click();
    await alice.confirmWithPin('000000');
    await alice.page.locator('#confirm-error', { hasText: 'Wrong PIN' }).waitFor();
    await alice.screenshot('05-alice-wrong-pin');
    await alice.page.fill('#confirm-pin', '482913');
    await alice.page.click('#confirm-ok');

    await alice.shopStatus(/Payment completed/);
  });

  test('the cart is kept in storage when the shop is opened again', async () => {
    const shop = alice.shop();
    await shop.locator('#add-cake').click();
    await shop.locator('#total', { hasText: '12.50' }).waitFor();
    await alice.page.click('#app-close');

    const reopened = await alice.openShop();
    await reopened.locator('#total', { hasText: '12.50' }).waitFor();
  });

  test('alice sends a group gift to the room, and bob opens it from its card', async () => {
    const shop = alice.shop();
    await shop.locator('#gift-total').fill('6.00');
    await shop.locator('#gift-count').fill('2');
    await shop.locator('#gift').click();
    await alice.confirmWithPin();
    const status = await alice.shopStatus(/Gift \w+: gift_/);
    const giftId = /(gift_\S+)/.exec(status)[1];

    const giftCard = bob.card(`[data-type="m.tween.gift"][data-gift-id="${giftId}"]`);
    await giftCard.waitFor({ timeout: 30000 });
    await giftCard.locator('button.open-gift').click();
    await giftCard.locator('.gift-result', { hasText: 'You received 3.00 USD' }).waitFor();
    await bob.screenshot('06-bob-opened-the-gift');
  });

  test('the launch context the shop receives names alice, the room and the shop, signed with the published key', async () => {
    const frame = alice.page.frames().find((f) => f.url().includes('tmcp_host_origin='));
    const launch = await frame.evaluate(() => window.TweenSDK.createTweenSDK().ready());
    const jwks = await (await fetch(`${GATEWAY}/api/v1/client/signing-keys`)).json();

    const claims = verifyLaunchContext(launch.launch_context, jwks, 'ma_demo_shop');
    assert.equal(claims.user_id, alice.person.userId);
    assert.equal(claims.room_id, roomId);
  });

  test('a card the shop posts reaches the room', async () => {
    await alice.shop().locator('#card').click();
    await alice.shopStatus(/Card queued/);

    await bob.card('[data-type="m.tween.card"]').first().waitFor({ timeout: 30000 });
    await bob.screenshot('07-bob-sees-the-shop-card');
  });
});
