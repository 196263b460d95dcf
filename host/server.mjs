// The reference web host and its demo shop (decision 0051), served on loopback: two origins, so the
// shop runs in the host's sandboxed frame as any third-party mini-app would.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const hostUrl = new URL(env.HOST_URL || 'http://127.0.0.1:8070');
const shopUrl = new URL(env.TMCP_DEMO_SHOP_URL || 'http://127.0.0.1:8071/');
const gateway = new URL(env.GATEWAY_URL || 'http://127.0.0.1:8080').origin;
const homeserver = new URL(env.SYNAPSE_URL || 'http://127.0.0.1:8008').origin;
// Origins the host may frame: the demo shop's, and any other registered apps' the operator lists.
const frameOrigins = [shopUrl.origin, ...(env.TMCP_HOST_FRAME_ORIGINS || '').split(/[\s,]+/).filter(Boolean)];

const config = {
  gateway_url: gateway,
  homeserver_url: homeserver,
  official_client_id: env.OFFICIAL_MINIAPP_CLIENT_ID || 'ma_tween_wallet',
  apps: [{ miniapp_id: env.DEMO_SHOP_CLIENT_ID || 'ma_demo_shop', name: 'Demo Shop' }],
};

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

const common = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const hostCsp = [`default-src 'none'`, `script-src 'self'`, `style-src 'self'`, `img-src 'self' data:`,
  `connect-src 'self' ${gateway} ${homeserver}`, `frame-src ${frameOrigins.join(' ')}`, `base-uri 'none'`,
  `form-action 'none'`, `frame-ancestors 'none'`].join('; ');
const shopCsp = [`default-src 'none'`, `script-src 'self'`, `style-src 'self'`, `img-src 'self' data:`, `connect-src 'self'`,
  `base-uri 'none'`, `form-action 'none'`, `frame-ancestors ${hostUrl.origin}`].join('; ');
// The rogue page of the browser tests keeps no policy of its own on connections: what stops it must be the host and the suite.
const rogueCsp = [`default-src 'none'`, `script-src 'self'`, `style-src 'self'`, `connect-src *`, `img-src *`,
  `frame-ancestors ${hostUrl.origin}`].join('; ');

function site(root, csp, extra) {
  return async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...common, Allow: 'GET, HEAD' }).end();
      return;
    }
    const routed = extra && extra[url.pathname];
    if (routed) {
      routed(res);
      return;
    }
    const name = url.pathname.endsWith('/') ? url.pathname + 'index.html' : url.pathname;
    const file = path.resolve(root, '.' + decodeURIComponent(name));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(404, common).end();
      return;
    }
    try {
      const body = await readFile(file);
      const policy = typeof csp === 'function' ? csp(url.pathname) : csp;
      res.writeHead(200, { ...common, 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Security-Policy': policy });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { ...common, 'Content-Type': 'text/plain' }).end('not found');
    }
  };
}

function json(value) {
  return (res) => {
    res.writeHead(200, { ...common, 'Content-Type': 'application/json' });
    res.end(JSON.stringify(value));
  };
}

async function sdkBundle(res) {
  try {
    const body = await readFile(path.resolve(here, '../sdk/dist/tween-sdk.min.js'));
    res.writeHead(200, { ...common, 'Content-Type': TYPES['.js'] });
    res.end(body);
  } catch {
    res.writeHead(503, { ...common, 'Content-Type': 'text/plain' }).end('the SDK is not built: npm run build in sdk/');
  }
}

function listen(url, handler, name) {
  const server = http.createServer((req, res) => handler(req, res).catch(() => res.writeHead(500, common).end()));
  server.listen(Number(url.port), '127.0.0.1', () => console.log(`${name} on ${url.origin}`));
  return server;
}

listen(hostUrl, site(path.join(here, 'public'), hostCsp, { '/config.json': json(config), '/health': json({ status: 'UP' }) }), 'host');
listen(shopUrl, site(path.join(here, 'demo-shop'), (p) => (p.startsWith('/rogue') ? rogueCsp : shopCsp),
  { '/sdk/tween-sdk.min.js': sdkBundle }), 'demo shop');
