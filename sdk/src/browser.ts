// The entry of dist/tween-sdk.min.js: a page that includes the script gets window.TweenSDK.
import { TweenError } from './errors.js';
import { createTweenSDK } from './sdk.js';

(globalThis as { TweenSDK?: unknown }).TweenSDK = { createTweenSDK, TweenError };
