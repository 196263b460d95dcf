// One user's browser tab on the reference host, driven as the user would.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { HOST } from './stack.mjs';

export const PIN = '482913';
export const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results');
mkdirSync(ARTIFACTS, { recursive: true });

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export class HostTab {
  constructor(page, person) {
    this.page = page;
    this.person = person;
  }

  /** query: e.g. `?page=/rogue.html`, another page of the app's origin for the host to load. */
  static async signIn(browser, person, roomId, query = '') {
    const page = await (await browser.newContext()).newPage();
    const tab = new HostTab(page, person);
    await page.goto(HOST + query);
    await page.fill('#login-user', person.user);
    await page.fill('#login-password', person.password);
    await page.click('#login-submit');
    await page.locator('#home').waitFor();
    await page.locator(`#room-select option[value="${roomId}"]`).waitFor({ state: 'attached' });
    await page.selectOption('#room-select', roomId);
    return tab;
  }

  async activateWallet() {
    await this.page.locator('#activate-form').waitFor();
    await this.page.fill('#activate-pin', PIN);
    await this.page.click('#activate-submit');
    await this.page.locator('#notice', { hasText: 'Wallet activated' }).waitFor();
  }

  async fund() {
    await this.page.locator('#fund').waitFor();
    await this.page.click('#fund');
    await this.page.locator('#notice', { hasText: 'Added 100.00 USD' }).waitFor();
  }

  /** Opens the demo shop (or the page the host was told to load); approves the consent dialog when the host shows it. */
  async openShop(otherPage = false) {
    await this.page.click('#open-ma_demo_shop');
    const consent = this.page.locator('#consent[open]');
    const frame = this.shop();
    const first = await Promise.race([
      consent.waitFor().then(() => 'consent'),
      frame.locator('body').waitFor().then(() => 'frame'),
    ]);
    if (first === 'consent') {
      this.consentAsked = await this.page.locator('#consent-scopes li').allTextContents();
      await this.page.click('#consent-approve');
    }
    if (!otherPage) await frame.locator('body[data-ready="true"]').waitFor();
    return frame;
  }

  shop() {
    return this.page.frameLocator('#app-frame iframe');
  }

  /** Enters the PIN in the host's own confirmation dialog. */
  async confirmWithPin(pin = PIN) {
    await this.page.locator('#confirm[open]').waitFor();
    await this.page.fill('#confirm-pin', pin);
    await this.page.click('#confirm-ok');
  }

  async shopStatus(pattern) {
    const status = this.shop().locator('#status');
    await status.filter({ hasText: pattern }).waitFor();
    return status.textContent();
  }

  card(selector) {
    return this.page.locator(`#cards li.card${selector}`);
  }

  screenshot(name) {
    return this.page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  }
}
