import type { RpcMethods } from './generated/api.js';

/** What the host answers to `tween.app.ready` (decision 0051). */
export interface LaunchInfo {
  user_id: string;
  room_id: string | null;
  launch_source: string;
  /** A compact JWS (`typ` `tmcp-launch+jws`) the app's backend can verify; see decision 0051. */
  launch_context: string;
}

/** The methods the host answers itself; they have no REST operation in the gateway. */
export interface HostMethods {
  'tween.app.ready': { params: Record<string, never>; result: LaunchInfo };
  'tween.auth.requestScopes': { params: { scopes: string[] }; result: { granted: boolean; scopes: string[] } };
  'tween.app.minimize': { params: Record<string, never>; result: unknown };
  'tween.app.maximize': { params: Record<string, never>; result: unknown };
}

/** Every method a mini-app may call; confirmation and authorization stay the host's (4.11.6). */
export type AppMethods = HostMethods & Omit<RpcMethods, 'tween.wallet.confirmTransfer' | 'tween.wallet.authorizePayment'>;
export type AppMethod = keyof AppMethods;
export type ParamsOf<M extends AppMethod> = AppMethods[M]['params'];
export type ResultOf<M extends AppMethod> = AppMethods[M]['result'];

/** Host notifications (no id) and the event names the SDK gives them. */
export const LIFECYCLE_EVENTS = {
  'tween.lifecycle.onShow': 'show',
  'tween.lifecycle.onHide': 'hide',
} as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[keyof typeof LIFECYCLE_EVENTS];
