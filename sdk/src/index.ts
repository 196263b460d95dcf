export { createTweenSDK } from './sdk.js';
export type {
  TweenSDK, TweenSDKOptions, PaymentInput, TransferInput, GiftInput, CardInput, StorageItem, StorageListQuery,
  TransactionsQuery, LifecycleListener,
} from './sdk.js';
export { TweenError, RpcCode } from './errors.js';
export type { BridgeWindow, MessageEventLike } from './transport.js';
export type { LaunchInfo, HostMethods, AppMethods, AppMethod, LifecycleEvent } from './host.js';
export type * from './generated/api.js';
export { RPC_METHODS } from './generated/api.js';
