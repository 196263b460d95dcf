import { TweenError } from './errors.js';
import type {
  Capabilities, CardSent, Gift, GiftOpening, P2pAcceptance, P2pRejection, P2pTransfer, Payment, ResolvedWallet,
  Scopes, StorageBatchGet, StorageBatchSet, StorageList, TransactionPage, UserInfo, WalletBalance,
} from './generated/api.js';
import {
  LIFECYCLE_EVENTS, type AppMethod, type LaunchInfo, type LifecycleEvent, type ParamsOf, type ResultOf,
} from './host.js';
import { Transport, hostOriginOf, type BridgeWindow } from './transport.js';

export interface TweenSDKOptions {
  /** The host's origin; by default `#tmcp_host_origin=` of the page's URL. */
  hostOrigin?: string;
  /** How long a call waits for its answer; 30 s by default. */
  timeoutMs?: number;
  /** How long a call the user confirms in the host waits (payment, transfer, gift, consent); 5 min by default. */
  confirmationTimeoutMs?: number;
  /** The window to talk from; `window` by default (tests pass a fake). */
  window?: BridgeWindow;
}

type WithOptionalKey<T> = Omit<T, 'idempotency_key'> & { idempotency_key?: string };
export type PaymentInput = WithOptionalKey<ParamsOf<'tween.wallet.pay'>>;
export type TransferInput = WithOptionalKey<ParamsOf<'tween.wallet.initiateTransfer'>>;
/** A gift; the host adds the payer's proof after its confirmation. */
export type GiftInput = WithOptionalKey<Omit<ParamsOf<'tween.wallet.sendGift'>, 'auth_proof'>>;
/** A card; `room_id` defaults to the room the app was launched in. */
export type CardInput = Omit<ParamsOf<'tween.messaging.sendCard'>, 'room_id'> & { room_id?: string };
export type StorageItem = ParamsOf<'tween.storage.batchSet'>['items'][number];
export type StorageListQuery = ParamsOf<'tween.storage.list'>;
export type TransactionsQuery = ParamsOf<'tween.wallet.getTransactions'>;
export type LifecycleListener = (params: unknown) => void;

/** Appendix B's interface, and the rest of 10.2 and decision 0051. */
export interface TweenSDK {
  ready(): Promise<LaunchInfo>;
  auth: {
    getUserInfo(): Promise<UserInfo>;
    getScopes(): Promise<Scopes>;
    requestPermissions(scopes: string[]): Promise<boolean>;
    getLaunchContext(): Promise<string>;
  };
  wallet: {
    getBalance(): Promise<WalletBalance>;
    getTransactions(query?: TransactionsQuery): Promise<TransactionPage>;
    resolveUser(userId: string, roomId?: string): Promise<ResolvedWallet>;
    requestPayment(request: PaymentInput): Promise<Payment>;
    sendTransfer(request: TransferInput): Promise<P2pTransfer>;
    getTransfer(transferId: string): Promise<P2pTransfer>;
    acceptTransfer(transferId: string): Promise<P2pAcceptance>;
    rejectTransfer(transferId: string, reason?: { reason?: string; message?: string }): Promise<P2pRejection>;
    sendGift(request: GiftInput): Promise<Gift>;
    openGift(giftId: string): Promise<GiftOpening>;
  };
  messaging: {
    sendCard(card: CardInput): Promise<CardSent>;
  };
  storage: {
    get(key: string): Promise<string | null>;
    set(key: string, value: string, options?: { ttl?: number }): Promise<void>;
    delete(key: string): Promise<void>;
    list(query?: StorageListQuery): Promise<StorageList>;
    batchGet(keys: string[]): Promise<StorageBatchGet>;
    batchSet(items: StorageItem[]): Promise<StorageBatchSet>;
  };
  capabilities: {
    get(): Promise<Capabilities>;
  };
  app: {
    minimize(): Promise<void>;
    maximize(): Promise<void>;
  };
  /** Listens to the host's lifecycle notifications; returns the function that stops listening. */
  on(event: LifecycleEvent, listener: LifecycleListener): () => void;
  /** Stops listening to the host and rejects the calls still waiting. */
  destroy(): void;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONFIRMATION_TIMEOUT_MS = 300_000;

/** Connects to the host; throws when there is no window or no host origin to talk to. */
export function createTweenSDK(options: TweenSDKOptions = {}): TweenSDK {
  const win = options.window ?? (globalThis as { window?: BridgeWindow }).window;
  if (!win) throw new TweenError('NO_WINDOW', 'The SDK runs in a page framed by its host', 0);
  const listeners: Record<LifecycleEvent, Set<LifecycleListener>> = { show: new Set(), hide: new Set() };
  const transport = new Transport(win, hostOriginOf(win, options.hostOrigin), options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    (method, params) => notify(listeners, method, params));
  const confirmationTimeout = options.confirmationTimeoutMs ?? DEFAULT_CONFIRMATION_TIMEOUT_MS;

  const call = <M extends AppMethod>(method: M, params: ParamsOf<M>, timeoutMs?: number): Promise<ResultOf<M>> =>
    transport.call(method, params, timeoutMs) as Promise<ResultOf<M>>;
  /** A call the host confirms with the user; its idempotency key makes a retry after a timeout safe. */
  const confirmed = <M extends 'tween.wallet.pay' | 'tween.wallet.initiateTransfer' | 'tween.wallet.sendGift'>(
    method: M, request: WithOptionalKey<ParamsOf<M>>): Promise<ResultOf<M>> => {
    const params = withIdempotencyKey(request);
    return transport.call(method, params, confirmationTimeout, { idempotency_key: params.idempotency_key }) as Promise<ResultOf<M>>;
  };
  let launch: Promise<LaunchInfo> | undefined;
  const ready = (): Promise<LaunchInfo> => {
    launch ??= call('tween.app.ready', {}).catch((error: unknown) => {
      launch = undefined;
      throw error;
    });
    return launch;
  };

  return {
    ready,
    auth: {
      getUserInfo: () => call('tween.auth.getUserInfo', {}),
      getScopes: () => call('tween.auth.getScopes', {}),
      requestPermissions: async (scopes) =>
        (await call('tween.auth.requestScopes', { scopes }, confirmationTimeout)).granted === true,
      getLaunchContext: async () => (await ready()).launch_context,
    },
    wallet: {
      getBalance: () => call('tween.wallet.getBalance', {}),
      getTransactions: (query = {}) => call('tween.wallet.getTransactions', query),
      resolveUser: (userId, roomId) =>
        call('tween.wallet.resolveUser', roomId === undefined ? { user_id: userId } : { user_id: userId, room_id: roomId }),
      requestPayment: (request) => confirmed('tween.wallet.pay', request),
      sendTransfer: (request) => confirmed('tween.wallet.initiateTransfer', request),
      getTransfer: (transferId) => call('tween.wallet.getTransfer', { transfer_id: transferId }),
      acceptTransfer: (transferId) => call('tween.wallet.acceptTransfer', { transfer_id: transferId }),
      rejectTransfer: (transferId, reason = {}) =>
        call('tween.wallet.rejectTransfer', { ...reason, transfer_id: transferId }),
      sendGift: (request) => confirmed('tween.wallet.sendGift', request),
      openGift: (giftId) => call('tween.wallet.openGift', { gift_id: giftId }),
    },
    messaging: {
      // The host (or the gateway) fills in the launch room when room_id is absent.
      sendCard: (card) => call('tween.messaging.sendCard', card as ParamsOf<'tween.messaging.sendCard'>),
    },
    storage: {
      get: async (key) => {
        try {
          return (await call('tween.storage.get', { key })).value;
        } catch (error) {
          if (error instanceof TweenError && error.code === 'NOT_FOUND') return null;
          throw error;
        }
      },
      set: async (key, value, options = {}) => {
        await call('tween.storage.set', options.ttl === undefined ? { key, value } : { key, value, ttl: options.ttl });
      },
      delete: async (key) => {
        await call('tween.storage.delete', { key });
      },
      list: (query = {}) => call('tween.storage.list', query),
      batchGet: (keys) => call('tween.storage.batchGet', { keys }),
      batchSet: (items) => call('tween.storage.batchSet', { items }),
    },
    capabilities: {
      get: () => call('tween.capabilities.get', {}),
    },
    app: {
      minimize: async () => {
        await call('tween.app.minimize', {});
      },
      maximize: async () => {
        await call('tween.app.maximize', {});
      },
    },
    on: (event, listener) => {
      listeners[event].add(listener);
      return () => listeners[event].delete(listener);
    },
    destroy: () => {
      transport.destroy();
      listeners.show.clear();
      listeners.hide.clear();
    },
  };
}

/** The request with an `idempotency_key`: the caller's, or a new one; the caller's object is not changed. */
function withIdempotencyKey<T extends { idempotency_key?: string }>(request: T): T & { idempotency_key: string } {
  return { ...request, idempotency_key: request.idempotency_key ?? globalThis.crypto.randomUUID() };
}

function notify(listeners: Record<LifecycleEvent, Set<LifecycleListener>>, method: string, params: unknown): void {
  const event = (LIFECYCLE_EVENTS as Record<string, LifecycleEvent | undefined>)[method];
  if (!event) return;
  for (const listener of [...listeners[event]]) {
    try {
      listener(params);
    } catch (error) {
      // One listener's failure must not keep the others from the event; the page still sees it.
      setTimeout(() => {
        throw error;
      });
    }
  }
}
