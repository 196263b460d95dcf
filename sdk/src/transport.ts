import { RpcCode, TweenError, isRecord, type RpcErrorObject } from './errors.js';

/** What the transport reads of a `message` event. */
export interface MessageEventLike {
  readonly data: unknown;
  readonly origin: string;
  readonly source: unknown;
}

/** The parts of `window` the SDK uses; a test passes a fake. */
export interface BridgeWindow {
  readonly parent: { postMessage(message: unknown, targetOrigin: string): void };
  readonly location: { readonly hash: string };
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
}

export type NotificationHandler = (method: string, params: unknown) => void;

interface Pending {
  resolve(result: unknown): void;
  reject(error: TweenError): void;
  timer: ReturnType<typeof setTimeout>;
}

let pageCalls = 0;
const pagePrefix = Math.random().toString(36).slice(2, 10);

/**
 * JSON-RPC 2.0 over `postMessage` to `window.parent` (decision 0051): only to the host's origin,
 * and only messages from the parent window at that origin are read.
 */
export class Transport {
  private readonly pending = new Map<string, Pending>();
  private readonly listener = (event: MessageEventLike): void => this.receive(event);
  private destroyed = false;

  constructor(
    private readonly win: BridgeWindow,
    readonly hostOrigin: string,
    private readonly timeoutMs: number,
    private readonly onNotification: NotificationHandler,
  ) {
    win.addEventListener('message', this.listener);
  }

  /** Sends a call; rejects with `TIMEOUT` when no answer comes within the timeout. */
  call(method: string, params: unknown, timeoutMs = this.timeoutMs, timeoutDetails?: Record<string, unknown>): Promise<unknown> {
    if (this.destroyed) {
      return Promise.reject(new TweenError('DESTROYED', 'The SDK was destroyed', 0));
    }
    pageCalls += 1;
    const id = `tmcp-${pagePrefix}-${pageCalls}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new TweenError('TIMEOUT', `${method} got no answer within ${timeoutMs} ms`, 0, timeoutDetails));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.win.parent.postMessage({ jsonrpc: '2.0', id, method, params }, this.hostOrigin);
    });
  }

  /** Stops listening and rejects every call still waiting. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.win.removeEventListener('message', this.listener);
    for (const [id, call] of this.pending) {
      clearTimeout(call.timer);
      this.pending.delete(id);
      call.reject(new TweenError('DESTROYED', 'The SDK was destroyed', 0));
    }
  }

  private receive(event: MessageEventLike): void {
    if (event.source !== this.win.parent || event.origin !== this.hostOrigin) return;
    const message = event.data;
    if (!isRecord(message) || message.jsonrpc !== '2.0') return;
    if (typeof message.method === 'string' && message.id === undefined) {
      this.onNotification(message.method, message.params);
      return;
    }
    if (typeof message.id !== 'string') return;
    const call = this.pending.get(message.id);
    if (!call) return;
    this.pending.delete(message.id);
    clearTimeout(call.timer);
    if (isRecord(message.error)) {
      call.reject(TweenError.fromRpc(rpcError(message.error)));
    } else {
      call.resolve(message.result);
    }
  }
}

function rpcError(error: Record<string, unknown>): RpcErrorObject {
  return {
    code: typeof error.code === 'number' ? error.code : RpcCode.INTERNAL_ERROR,
    message: typeof error.message === 'string' ? error.message : 'The host refused the call',
    data: error.data,
  };
}

/** The host's origin: the option, else `#tmcp_host_origin=` of the page's URL; never `*`. */
export function hostOriginOf(win: BridgeWindow, option: string | undefined): string {
  const hash = win.location.hash.startsWith('#') ? win.location.hash.slice(1) : win.location.hash;
  const candidate = option ?? new URLSearchParams(hash).get('tmcp_host_origin') ?? undefined;
  if (!candidate) {
    throw new TweenError('NO_HOST_ORIGIN',
      'No host origin: open the app from its host (#tmcp_host_origin=) or pass hostOrigin', 0);
  }
  let origin: string;
  try {
    origin = new URL(candidate).origin;
  } catch {
    origin = 'null';
  }
  if (origin === 'null' || origin !== candidate) {
    throw new TweenError('NO_HOST_ORIGIN', `Not an origin: ${candidate}`, 0);
  }
  return origin;
}
