// The host side of the mini-app bridge (decision 0051): one sandboxed frame, messages checked by
// source and origin, calls relayed to the gateway with the app's TEP, money confirmed by the host.
import { hashPin, signWithPin, deviceId, WrongPin } from './device.js';

const SANDBOX = 'allow-scripts allow-forms allow-same-origin';
const MAX_CALLS_PER_SECOND = 20;
const HOST_ONLY = new Set(['tween.wallet.confirmTransfer', 'tween.wallet.authorizePayment']);

const rpcError = (code, message, errorCode) => ({ code, message, ...(errorCode ? { data: { code: errorCode, message } } : {}) });
const cancelled = () => rpcError(-32001, 'The user cancelled', 'USER_CANCELLED');

function fractionDigits(currency) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
}

export class AppFrame {
  /**
   * launch: the answer of POST /api/v1/client/launch; session: {tmcp, tep, userId, roomId, launchSource};
   * confirm({title, text, submit(pin)}): the host's confirmation dialog, resolving to submit's answer.
   */
  constructor(container, launch, session, confirm) {
    this.launch = launch;
    this.session = session;
    this.confirm = confirm;
    this.origin = new URL(launch.entry_url).origin;
    if (this.origin === location.origin) throw new Error('A mini-app is never loaded from the host\'s own origin');
    this.container = container;
    this.window = [];
    this.dropped = 0;
    this.onMessage = (event) => this.receive(event);
    this.onVisibility = () => this.notify(document.hidden ? 'tween.lifecycle.onHide' : 'tween.lifecycle.onShow');
  }

  /** Loads the entry URL, or another page of the app's own origin. */
  mount(page) {
    const src = new URL(page ?? this.launch.entry_url, this.launch.entry_url);
    if (src.origin !== this.origin) throw new Error('Only pages of the app\'s registered origin are loaded');
    src.hash = `tmcp_host_origin=${encodeURIComponent(location.origin)}`;
    this.frame = document.createElement('iframe');
    this.frame.setAttribute('sandbox', SANDBOX);
    this.frame.setAttribute('referrerpolicy', 'no-referrer');
    this.frame.setAttribute('allow', '');
    this.frame.title = this.launch.name ?? this.launch.miniapp_id;
    this.frame.src = src.toString();
    window.addEventListener('message', this.onMessage);
    document.addEventListener('visibilitychange', this.onVisibility);
    this.container.replaceChildren(this.frame);
  }

  unmount() {
    window.removeEventListener('message', this.onMessage);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.container.replaceChildren();
  }

  receive(event) {
    if (!this.frame || event.source !== this.frame.contentWindow || event.origin !== this.origin) {
      this.dropped++;
      return;
    }
    const message = event.data;
    const hasId = message && (typeof message.id === 'string' || typeof message.id === 'number');
    if (!message || typeof message !== 'object' || Array.isArray(message) || message.jsonrpc !== '2.0'
        || typeof message.method !== 'string') {
      if (hasId) this.post({ jsonrpc: '2.0', id: message.id, error: rpcError(-32600, 'Invalid Request') });
      return;
    }
    if (!hasId) return;
    const now = Date.now();
    this.window = this.window.filter((t) => now - t < 1000);
    if (this.window.length >= MAX_CALLS_PER_SECOND) {
      this.post({ jsonrpc: '2.0', id: message.id, error: rpcError(-32002, 'Too many calls from the mini-app', 'HOST_RATE_LIMITED') });
      return;
    }
    this.window.push(now);
    const params = message.params ?? {};
    if (typeof params !== 'object' || Array.isArray(params)) {
      this.post({ jsonrpc: '2.0', id: message.id, error: rpcError(-32602, 'params must be an object') });
      return;
    }
    this.handle(message.method, params).then(
      (result) => this.post({ jsonrpc: '2.0', id: message.id, result }),
      (error) => this.post({ jsonrpc: '2.0', id: message.id,
        error: error && typeof error.code === 'number' ? error : rpcError(-32603, String(error?.message ?? error)) }));
  }

  post(message) {
    this.frame?.contentWindow?.postMessage(message, this.origin);
  }

  notify(method) {
    this.post({ jsonrpc: '2.0', method, params: {} });
  }

  async handle(method, params) {
    const s = this.session;
    if (HOST_ONLY.has(method)) throw rpcError(-32601, `Method not found: ${method} is the host's own`);
    switch (method) {
      case 'tween.app.ready':
        return { user_id: s.userId, room_id: s.roomId, launch_source: s.launchSource, launch_context: this.launch.launch_context };
      case 'tween.auth.requestScopes': {
        const asked = Array.isArray(params.scopes) ? params.scopes.map(String) : [];
        return { granted: asked.every((scope) => s.scopes.includes(scope)), scopes: s.scopes };
      }
      case 'tween.app.minimize':
      case 'tween.app.maximize':
        this.container.classList.toggle('minimized', method === 'tween.app.minimize');
        return {};
      case 'tween.wallet.initiateTransfer':
        return this.transfer(params);
      case 'tween.wallet.pay':
        return this.pay(params);
      case 'tween.wallet.sendGift':
        return this.gift(params);
      default:
        return this.relay(method, params);
    }
  }

  async relay(method, params) {
    const s = this.session;
    const answer = await s.tmcp.rpc(s.tep, { jsonrpc: '2.0', id: 1, method, params,
      context: { room_id: s.roomId, launch_source: s.launchSource } });
    if (answer.error) throw answer.error;
    return answer.result;
  }

  /** P2P (7.2): the app initiates; the host asks the PIN and confirms with its hash. */
  async transfer(params) {
    const initiated = await this.relay('tween.wallet.initiateTransfer', params);
    return this.confirmed({
      title: 'Send money',
      text: `Send ${initiated.amount ?? params.amount} ${initiated.currency ?? params.currency} to ${params.recipient}`
        + (params.note ? ` — “${params.note}”` : ''),
      submit: async (pin) => this.relay('tween.wallet.confirmTransfer', { transfer_id: initiated.transfer_id,
        auth_proof: { method: 'pin', proof: { hashed_pin: await hashPin(pin), device_id: deviceId(this.session.userId) ?? 'web' } } }),
    });
  }

  /** A mini-app payment (7.3): the app requests; the host signs payment_id:amount:currency:timestamp with the device key. */
  async pay(params) {
    const payment = await this.relay('tween.wallet.pay', params);
    const amount = Number(payment.amount).toFixed(fractionDigits(payment.currency));
    return this.confirmed({
      title: `Pay ${this.launch.name ?? payment.merchant?.miniapp_id}`,
      text: `${amount} ${payment.currency}${payment.description ? ` — ${payment.description}` : ''}`,
      submit: async (pin) => {
        const timestamp = new Date().toISOString();
        const signed = await signWithPin(this.session.userId, pin, `${payment.payment_id}:${amount}:${payment.currency}:${timestamp}`);
        return this.relay('tween.wallet.authorizePayment', { payment_id: payment.payment_id, signature: signed.signature,
          device_id: signed.deviceId, timestamp });
      },
    });
  }

  /** A gift (7.5): the proof travels with the creation, so the host asks first. */
  async gift(params) {
    const total = params.type === 'group' ? params.total_amount : params.amount;
    const to = params.type === 'group' ? `${params.count} people in this room` : params.recipient;
    return this.confirmed({
      title: 'Send a gift',
      text: `${total} ${params.currency} to ${to}${params.message ? ` — “${params.message}”` : ''}`,
      submit: async (pin) => this.relay('tween.wallet.sendGift', { ...params,
        auth_proof: { method: 'pin', proof: { hashed_pin: await hashPin(pin), device_id: deviceId(this.session.userId) ?? 'web' } } }),
    });
  }

  async confirmed(dialog) {
    const answer = await this.confirm(dialog);
    if (answer === undefined) throw cancelled();
    return answer;
  }
}

export { WrongPin };
