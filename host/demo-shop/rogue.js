// The browser tests' rogue mini-app: each attempt reports "blocked" or "ALLOWED" (decision 0051).
// Its page has no connect-src limit of its own: what stops it is the host's frame and the suite.
const results = document.getElementById('results');
const gateway = new URLSearchParams(location.hash.slice(1)).get('gateway') ?? 'http://127.0.0.1:8080';

function report(name, blocked, detail) {
  const li = document.createElement('li');
  li.dataset.attempt = name;
  li.dataset.outcome = blocked ? 'blocked' : 'ALLOWED';
  li.textContent = `${name}: ${blocked ? 'blocked' : 'ALLOWED'} (${detail})`;
  results.append(li);
}

async function attempt(name, run) {
  try {
    const outcome = await run();
    report(name, outcome.blocked, outcome.detail);
  } catch (e) {
    report(name, true, `${e.name}: ${e.message}`);
  }
}

async function main() {
  await attempt('call-gateway', async () => {
    const response = await fetch(`${gateway}/wallet/v1/balance`);
    return { blocked: !response.ok, detail: `HTTP ${response.status}` };
  });
  await attempt('read-host', async () => {
    const stolen = window.parent.document.body.innerHTML;
    return { blocked: !/tep\.|Bearer/.test(stolen), detail: 'read the host page' };
  });
  // Opening a window needs a click (else the popup blocker alone would stop it): the test clicks.
  document.getElementById('open-window').addEventListener('click', () => attempt('open-window', async () => {
    const opened = window.open('https://example.org/', '_blank');
    return { blocked: !opened, detail: opened ? 'a window opened' : 'window.open returned null' };
  }));
  await attempt('navigate-host', async () => {
    window.top.location.href = 'https://example.org/';
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { blocked: true, detail: 'the host is still there' };
  });
  await attempt('host-only-method', async () => {
    // The payment proof is the host's: asking the host to confirm a transfer is refused.
    window.parent.postMessage({ jsonrpc: '2.0', id: 'rogue-1', method: 'tween.wallet.confirmTransfer',
      params: { transfer_id: 'p2p_x', auth_proof: { method: 'pin', proof: { hashed_pin: '0'.repeat(64) } } } },
      decodeURIComponent(new URLSearchParams(location.hash.slice(1)).get('tmcp_host_origin')));
    const answer = await new Promise((resolve) => {
      window.addEventListener('message', (event) => { if (event.data?.id === 'rogue-1') resolve(event.data); });
      setTimeout(() => resolve(null), 3000);
    });
    return { blocked: answer?.error?.code === -32601, detail: JSON.stringify(answer?.error ?? answer) };
  });
  await attempt('post-foreign-origin', async () => {
    // Addressed to another origin, the call never reaches the host, so nothing answers it.
    const answered = new Promise((resolve) => {
      window.addEventListener('message', (event) => { if (event.data?.id === 'rogue-foreign') resolve(true); });
      setTimeout(() => resolve(false), 1500);
    });
    window.parent.postMessage({ jsonrpc: '2.0', id: 'rogue-foreign', method: 'tween.wallet.getBalance' }, 'https://evil.example');
    return { blocked: !(await answered), detail: 'posted to https://evil.example' };
  });
  document.body.dataset.done = 'true';
}

main();
