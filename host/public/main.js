// The reference web host: sign in to the homeserver, hold the user's tokens, run mini-apps in a
// sandboxed frame, confirm money with the PIN or the device key, and show the room's cards.
import { Matrix } from './matrix.js';
import { Tmcp, HostError } from './tmcp.js';
import { AppFrame, WrongPin } from './bridge.js';
import { createDeviceKey, deviceId } from './device.js';
import { card, isCard } from './cards.js';

const $ = (id) => document.getElementById(id);
const HOST_SCOPES = ['user:read', 'wallet:balance', 'wallet:pay', 'wallet:admin'];
const state = { config: null, matrix: null, tmcp: null, hostTep: null, appTeps: new Map(), frame: null, seen: new Set() };

function notice(message) {
  $('notice').textContent = message;
}

async function signIn(event) {
  event.preventDefault();
  const { config } = state;
  try {
    state.matrix = new Matrix(config.homeserver_url);
    await state.matrix.login($('login-user').value, $('login-password').value);
    state.tmcp = new Tmcp(config.gateway_url);
    state.hostTep = await state.tmcp.exchange(state.matrix.token, config.official_client_id, HOST_SCOPES, null, null);
    $('who').textContent = state.matrix.userId;
    $('login').hidden = true;
    $('home').hidden = false;
    notice('');
    await Promise.all([showRooms(), showWallet()]);
    state.matrix.sync(onRoomEvent);
  } catch (e) {
    notice(`Sign-in failed: ${e.message}`);
  }
}

async function showRooms() {
  const rooms = await state.matrix.joinedRooms();
  $('room-select').replaceChildren(...rooms.map(({ roomId, name }) => {
    const option = document.createElement('option');
    option.value = roomId;
    option.textContent = name;
    return option;
  }));
  $('launcher').replaceChildren(...state.config.apps.map((app) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.id = `open-${app.miniapp_id}`;
    button.textContent = `Open ${app.name}`;
    button.addEventListener('click', () => openApp(app.miniapp_id));
    return button;
  }));
}

async function showWallet() {
  const { status, body } = await state.tmcp.rest('GET', '/wallet/v1/balance', state.hostTep);
  const active = status === 200 && (body.status ?? 'active') === 'active';
  $('wallet-balance').textContent = status === 200
    ? `${body.balance.available} ${body.balance.currency}${active ? '' : ' (not activated)'}` : 'no wallet yet';
  $('activate-form').hidden = active;
  $('fund').hidden = !active;
  // The device key is registered at activation only: a wallet activated elsewhere pays mini-apps
  // from the browser that activated it; transfers and gifts need only the PIN.
  $('device-note').hidden = !active || deviceId(state.matrix.userId) !== null;
}

async function activate(event) {
  event.preventDefault();
  const pin = $('activate-pin').value;
  const device = await createDeviceKey(state.matrix.userId, pin);
  const { status, body } = await state.tmcp.rest('POST', '/wallet/v1/activate', state.hostTep, { verification_data: {
    pin, terms_accepted: true, terms_version: '1.5.0', biometric_data: { device_id: device.deviceId, public_key: device.publicKey } } });
  notice(status === 200 ? 'Wallet activated' : `Activation failed: ${body?.error?.message ?? status}`);
  $('activate-pin').value = '';
  await showWallet();
}

async function fund() {
  const link = await state.tmcp.rest('POST', '/wallet/v1/external/link', state.hostTep, { type: 'sandbox' });
  const funded = await state.tmcp.rest('POST', '/wallet/v1/external/fund', state.hostTep, {
    source_account_id: link.body.external_account_id, amount: 100.0, currency: 'USD', idempotency_key: `fund-${crypto.randomUUID()}` });
  notice(funded.status === 200 ? 'Added 100.00 USD' : `Funding failed: ${funded.body?.error?.message ?? funded.status}`);
  await showWallet();
}

function askConsent(appName) {
  return (scopes) => new Promise((resolve) => {
    const dialog = $('consent');
    $('consent-title').textContent = appName;
    $('consent-scopes').replaceChildren(...scopes.map((scope) => {
      const item = document.createElement('li');
      item.textContent = scope;
      return item;
    }));
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'approve'), { once: true });
    dialog.showModal();
  });
}

/** The host's confirmation: resolves to submit(pin)'s answer, or undefined when the user cancels. */
function confirmDialog({ title, text, submit }) {
  return new Promise((resolve, reject) => {
    const dialog = $('confirm');
    $('confirm-title').textContent = title;
    $('confirm-text').textContent = text;
    $('confirm-error').textContent = '';
    $('confirm-pin').value = '';
    const finish = (settle) => {
      $('confirm-form').removeEventListener('submit', onSubmit);
      $('confirm-cancel').removeEventListener('click', onCancel);
      dialog.close();
      settle();
    };
    const onCancel = () => finish(() => resolve(undefined));
    const onSubmit = async (event) => {
      event.preventDefault();
      $('confirm-ok').disabled = true;
      try {
        const answer = await submit($('confirm-pin').value);
        finish(() => resolve(answer));
      } catch (e) {
        const code = e?.data?.code;
        if (e instanceof WrongPin || code === 'INVALID_SIGNATURE' || code === 'INVALID_MFA_CREDENTIALS' || code === 'INVALID_PIN') {
          $('confirm-error').textContent = e.message ?? 'Wrong PIN';
        } else {
          finish(() => reject(e));
        }
      } finally {
        $('confirm-ok').disabled = false;
      }
    };
    $('confirm-form').addEventListener('submit', onSubmit);
    $('confirm-cancel').addEventListener('click', onCancel);
    dialog.showModal();
  });
}

async function openApp(miniappId) {
  const roomId = $('room-select').value;
  try {
    const launched = await state.tmcp.rest('POST', '/api/v1/client/launch', state.hostTep,
      { miniapp_id: miniappId, room_id: roomId, launch_source: 'chat_bubble' });
    if (launched.status !== 200) throw new HostError(launched.body?.error?.code, launched.body?.error?.message);
    const launch = launched.body;
    let tep = state.appTeps.get(miniappId);
    if (!tep) {
      tep = await state.tmcp.exchange(state.matrix.token, miniappId, launch.scopes,
        { room_id: roomId, launch_source: 'chat_bubble' }, askConsent(launch.name));
      state.appTeps.set(miniappId, tep);
    }
    state.frame?.unmount();
    const claims = JSON.parse(atob(tep.split('.')[2].replace(/-/g, '+').replace(/_/g, '/')));
    state.frame = new AppFrame($('app-frame'), launch, { tmcp: state.tmcp, tep, userId: state.matrix.userId, roomId,
      launchSource: 'chat_bubble', scopes: String(claims.scope ?? '').split(' ').filter(Boolean) }, confirmDialog);
    // ?page= opens another page of the app's own origin (used by the browser tests' rogue page).
    state.frame.mount(new URLSearchParams(location.search).get('page') ?? undefined);
    $('app-title').textContent = launch.name;
    $('app').hidden = false;
  } catch (e) {
    notice(`Could not open the app: ${e.message}`);
  }
}

function onRoomEvent(roomId, event) {
  if (!isCard(event) || state.seen.has(event.event_id) || roomId !== $('room-select').value) return;
  state.seen.add(event.event_id);
  $('cards').prepend(card(event, state.matrix.userId, openGift));
  if (event.type.startsWith('m.tween.')) refreshWalletSoon();
}

// A first /sync can bring many money cards at once: one balance read for them all (the balance row is 60 a minute).
let walletRefresh = null;
function refreshWalletSoon() {
  walletRefresh ??= setTimeout(() => {
    walletRefresh = null;
    showWallet();
  }, 500);
}

async function openGift(giftId, element) {
  const { status, body } = await state.tmcp.rest('POST', `/wallet/v1/gift/${encodeURIComponent(giftId)}/open`, state.hostTep,
    { device_id: deviceId(state.matrix.userId) ?? 'web' });
  const result = document.createElement('div');
  result.className = 'gift-result';
  result.textContent = status === 200 ? `You received ${Number(body.amount_received).toFixed(2)} ${body.currency}` : `Not opened: ${body?.error?.message ?? status}`;
  element.append(result);
  await showWallet();
}

async function start() {
  state.config = await (await fetch('/config.json')).json();
  $('login-form').addEventListener('submit', signIn);
  $('activate-form').addEventListener('submit', activate);
  $('fund').addEventListener('click', fund);
  $('app-close').addEventListener('click', () => {
    state.frame?.unmount();
    state.frame = null;
    $('app').hidden = true;
  });
  $('room-select').addEventListener('change', () => {
    $('cards').replaceChildren();
    state.seen.clear();
  });
}

start();
