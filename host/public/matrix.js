// The homeserver as the host's user sees it: password login, joined rooms, and a /sync loop.
export class Matrix {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.token = null;
    this.userId = null;
    this.stopped = false;
  }

  async login(user, password) {
    const answer = await this.call('POST', '/_matrix/client/v3/login', {
      type: 'm.login.password', identifier: { type: 'm.id.user', user }, password,
      initial_device_display_name: 'Tween web host',
    });
    this.token = answer.access_token;
    this.userId = answer.user_id;
    return answer;
  }

  async call(method, path, body) {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(answer.error || `${method} ${path} answered ${response.status}`);
    }
    return answer;
  }

  async joinedRooms() {
    const { joined_rooms: rooms } = await this.call('GET', '/_matrix/client/v3/joined_rooms');
    return Promise.all(rooms.map(async (roomId) => {
      const name = await this.call('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.name`)
        .then((state) => state.name, () => roomId);
      return { roomId, name };
    }));
  }

  /** Calls onEvent(roomId, event) for every timeline event of joined rooms, from the first sync on. */
  async sync(onEvent) {
    const filter = JSON.stringify({ room: { timeline: { limit: 100 }, state: { lazy_load_members: true } },
      presence: { not_types: ['*'] }, account_data: { not_types: ['*'] } });
    let since = null;
    while (!this.stopped) {
      const query = new URLSearchParams({ filter, timeout: since ? '10000' : '0' });
      if (since) query.set('since', since);
      try {
        const answer = await this.call('GET', `/_matrix/client/v3/sync?${query}`);
        for (const [roomId, room] of Object.entries(answer.rooms?.join ?? {})) {
          for (const event of room.timeline?.events ?? []) onEvent(roomId, event);
        }
        since = answer.next_batch;
      } catch (e) {
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  }
}
