// The host's payment credentials: the PIN (hashed for P2P and gift proofs) and an ES256 device key
// registered at activation, kept wrapped under a key derived from the PIN in the host's own storage.
// The mini-app's frame is another origin and never reaches either.
const encoder = new TextEncoder();
const ITERATIONS = 310000;

const b64 = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)));
const unb64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const storageKey = (userId) => `tmcp.device.${userId}`;

export class WrongPin extends Error {}

export async function hashPin(pin) {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(pin));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function pinKey(pin, salt) {
  const base = await crypto.subtle.importKey('raw', encoder.encode(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations: ITERATIONS, hash: 'SHA-256' }, base,
    { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** A new device key for userId; answers what activation registers (device_id, SPKI public key). */
export async function createDeviceKey(userId, pin) {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const publicKey = b64(await crypto.subtle.exportKey('spki', pair.publicKey));
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrapped = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await pinKey(pin, salt),
    await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const deviceId = `web_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  localStorage.setItem(storageKey(userId), JSON.stringify({ device_id: deviceId, salt: b64(salt), iv: b64(iv), key: b64(wrapped) }));
  return { deviceId, publicKey };
}

export function deviceId(userId) {
  const stored = localStorage.getItem(storageKey(userId));
  return stored ? JSON.parse(stored).device_id : null;
}

/** Signs message with the device key the PIN unwraps; WrongPin when it does not. */
export async function signWithPin(userId, pin, message) {
  const stored = JSON.parse(localStorage.getItem(storageKey(userId)) ?? 'null');
  if (!stored) throw new WrongPin('No device key on this browser: activate the wallet here first');
  let pkcs8;
  try {
    pkcs8 = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(stored.iv) }, await pinKey(pin, unb64(stored.salt)),
      unb64(stored.key));
  } catch {
    throw new WrongPin('Wrong PIN');
  }
  const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, encoder.encode(message));
  return { deviceId: stored.device_id, signature: b64(signature) };
}
