// The suite as the host calls it: token exchange with consent (4.3.1, 5.5), REST and the JSON-RPC bridge.
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';

export class HostError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export class Tmcp {
  constructor(gatewayUrl) {
    this.gateway = gatewayUrl;
  }

  /**
   * A TEP for clientId. When the suite answers consent_required, askConsent(scopes) decides; the
   * decision is recorded with the user's homeserver token, then the exchange is repeated.
   */
  async exchange(matrixToken, clientId, scopes, context, askConsent) {
    for (let attempt = 0; attempt < 2; attempt++) {
      const form = new URLSearchParams({ grant_type: TOKEN_EXCHANGE, subject_token: matrixToken,
        subject_token_type: ACCESS_TOKEN, client_id: clientId, scope: scopes.join(' ') });
      if (context) form.set('miniapp_context', JSON.stringify(context));
      const response = await fetch(`${this.gateway}/oauth2/token`, { method: 'POST', body: form });
      const answer = await response.json().catch(() => ({}));
      if (response.ok) return answer.access_token;
      if (response.status !== 403 || answer.error !== 'consent_required' || attempt > 0 || !askConsent) {
        throw new HostError(answer.error?.code ?? answer.error ?? 'EXCHANGE_FAILED',
          answer.error_description ?? answer.error?.message ?? `token exchange answered ${response.status}`);
      }
      const approved = await askConsent(answer.consent_required_scopes ?? []);
      const session = new URL(answer.consent_ui_endpoint, this.gateway).searchParams.get('session');
      const decided = await fetch(`${this.gateway}/oauth2/consent`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${matrixToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ session, decision: approved ? 'approve' : 'deny' }),
      });
      if (!approved) throw new HostError('USER_CANCELLED', 'The user did not allow the app');
      if (!decided.ok) throw new HostError('CONSENT_FAILED', `consent answered ${decided.status}`);
    }
    throw new HostError('EXCHANGE_FAILED', 'token exchange failed');
  }

  /** One REST call; answers {status, body}. */
  async rest(method, path, tep, body) {
    const response = await fetch(this.gateway + path, {
      method,
      headers: { Authorization: `Bearer ${tep}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  /** One JSON-RPC call through the gateway's bridge with the app's TEP; answers the response object. */
  async rpc(tep, call) {
    const response = await fetch(`${this.gateway}/api/v1/rpc`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tep}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(call),
    });
    const answer = await response.json().catch(() => null);
    if (answer && answer.jsonrpc === '2.0') return answer;
    // The gateway refused before the bridge (401, 429, ...): its 12.1 body becomes the call's error.
    return { jsonrpc: '2.0', id: call.id, error: { code: -32000, message: answer?.error?.message ?? `HTTP ${response.status}`,
      data: answer?.error ?? undefined } };
  }
}
