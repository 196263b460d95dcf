import type { BridgeWindow, MessageEventLike } from '../src/index.js';

export const HOST = 'https://host.tween.example';

export interface Sent {
  message: { jsonrpc: string; id: string; method: string; params: Record<string, unknown> };
  targetOrigin: string;
}

type Listener = (event: MessageEventLike) => void;

/** The host's window: records what the frame posts to it. */
export class FakeParent {
  readonly sent: Sent[] = [];

  postMessage(message: unknown, targetOrigin: string): void {
    this.sent.push({ message: structuredClone(message) as Sent['message'], targetOrigin });
  }

  last(): Sent {
    const sent = this.sent.at(-1);
    if (!sent) throw new Error('nothing was sent');
    return sent;
  }
}

/** The mini-app's window; `deliver` plays a `message` event as the browser would. */
export class FakeWindow implements BridgeWindow {
  readonly parent = new FakeParent();
  readonly location: { hash: string };
  private readonly listeners = new Set<Listener>();

  constructor(hash = `#tmcp_host_origin=${encodeURIComponent(HOST)}`) {
    this.location = { hash };
  }

  addEventListener(_type: 'message', listener: Listener): void {
    this.listeners.add(listener);
  }

  removeEventListener(_type: 'message', listener: Listener): void {
    this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  deliver(data: unknown, origin = HOST, source: unknown = this.parent): void {
    for (const listener of [...this.listeners]) listener({ data, origin, source });
  }

  /** The host answers call `index` (the last by default) with a result. */
  answer(result: unknown, index = this.parent.sent.length - 1): void {
    this.deliver({ jsonrpc: '2.0', id: this.sentAt(index).message.id, result });
  }

  /** The host answers call `index` (the last by default) with a JSON-RPC error. */
  fail(error: { code: number; message: string; data?: unknown }, index = this.parent.sent.length - 1): void {
    this.deliver({ jsonrpc: '2.0', id: this.sentAt(index).message.id, error });
  }

  private sentAt(index: number): Sent {
    const sent = this.parent.sent[index];
    if (!sent) throw new Error(`no call #${index}`);
    return sent;
  }
}

/** A 12.1 error as a service's refusal relayed by the gateway (-32000). */
export function serviceError(code: string, message: string, details?: Record<string, unknown>) {
  return { code: -32000, message, data: { code, message, details, request_id: 'req_1' } };
}

/** Lets queued promise callbacks run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
