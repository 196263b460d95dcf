// The running stack as the browser tests see it: its settings, homeserver users and rooms.
import { readFileSync, existsSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function stackEnv() {
  const env = {};
  for (const file of ['.tmcp/stack.env', '.tmcp/secrets.env']) {
    const full = path.join(root, file);
    if (!existsSync(full)) continue;
    for (const line of readFileSync(full, 'utf8').split('\n')) {
      const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
      if (match) env[match[1]] = match[2].replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');
    }
  }
  return { ...env, ...process.env };
}

export const env = stackEnv();
export const HOST = env.HOST_URL ?? 'http://127.0.0.1:8070';
export const HOMESERVER = env.SYNAPSE_URL ?? 'http://127.0.0.1:8008';
export const GATEWAY = env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
export const SERVER_NAME = env.SYNAPSE_SERVER_NAME ?? 'localhost';

/** One JSON call (or a form, when body is URLSearchParams); answers the body, throws on an error status. */
export async function call(method, url, body, token) {
  const form = body instanceof URLSearchParams;
  const response = await fetch(url, { method, headers: { ...(form ? {} : { 'Content-Type': 'application/json' }),
    ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined || form ? body : JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** A new homeserver user, registered with the shared registration secret; answers {user, password, userId, token}. */
export async function registerUser(prefix) {
  const user = `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const { nonce } = await call('GET', `${HOMESERVER}/_synapse/admin/v1/register`);
  const mac = createHmac('sha1', env.SYNAPSE_REGISTRATION_SECRET).update(`${nonce}\0${user}\0${password}\0notadmin`).digest('hex');
  const registered = await call('POST', `${HOMESERVER}/_synapse/admin/v1/register`, { nonce, username: user, password, admin: false, mac });
  return { user, password, userId: registered.user_id, token: registered.access_token };
}

/** A private room of owner with the others joined; answers its id. */
export async function sharedRoom(owner, others, name) {
  const { room_id: roomId } = await call('POST', `${HOMESERVER}/_matrix/client/v3/createRoom`,
    { preset: 'private_chat', name, invite: others.map((o) => o.userId) }, owner.token);
  for (const other of others) await call('POST', `${HOMESERVER}/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, {}, other.token);
  return roomId;
}
