// A mini-app that tries what it must not, in the host's sandboxed frame: every attempt is blocked
// by the browser, the host or the suite — not by the app's own goodwill (its page sets no connect-src).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { registerUser, sharedRoom, HOST } from './stack.mjs';
import { HostTab, launchBrowser } from './host.mjs';

describe('a rogue mini-app in the host', () => {
  let browser;
  let tab;
  let frame;

  before(async () => {
    const [mallory, other] = [await registerUser('mallory'), await registerUser('other')];
    const roomId = await sharedRoom(mallory, [other], 'Rogue');
    browser = await launchBrowser();
    tab = await HostTab.signIn(browser, mallory, roomId, '?page=/rogue.html');
    frame = await tab.openShop(true);
    await frame.locator('body[data-done="true"]').waitFor({ timeout: 30000 });
    await tab.screenshot('08-rogue-mini-app-blocked');
  });

  after(async () => {
    await browser?.close();
  });

  const outcome = async (attempt) => frame.locator(`li[data-attempt="${attempt}"]`).getAttribute('data-outcome');

  test('it cannot call the gateway directly', async () => {
    assert.equal(await outcome('call-gateway'), 'blocked');
  });

  test('it cannot read the host page, where the tokens live', async () => {
    assert.equal(await outcome('read-host'), 'blocked');
  });

  test('it cannot open a window, even on the user\'s click', async () => {
    await frame.locator('#open-window').click();
    await frame.locator('li[data-attempt="open-window"]').waitFor();
    assert.equal(await outcome('open-window'), 'blocked');
  });

  test('it cannot navigate the host away', async () => {
    assert.equal(await outcome('navigate-host'), 'blocked');
    assert.ok(tab.page.url().startsWith(HOST));
  });

  test('it cannot confirm a transfer itself: the proof is the host\'s', async () => {
    assert.equal(await outcome('host-only-method'), 'blocked');
  });

  test('a message it posts to a foreign origin never reaches the host', async () => {
    assert.equal(await outcome('post-foreign-origin'), 'blocked');
  });
});
