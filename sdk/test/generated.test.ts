import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';

const sdkDir = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, sdkDir), 'utf8');

interface Generator {
  generate(documentText: string): string;
}

test('src/generated/api.ts is current (else run npm run generate)', async () => {
  const { generate } = (await import(new URL('scripts/generate.mjs', sdkDir).href)) as Generator;
  const expected = generate(read('../gateway/src/main/resources/openapi/tmcp-public-api.yaml'));
  assert.ok(read('src/generated/api.ts') === expected, 'src/generated/api.ts is stale: run npm run generate');
});

test('every x-tmcp-rpc method is in the JSON-RPC method enum of the document', async () => {
  const { parse } = (await import('yaml')) as { parse(text: string): any };
  const doc = parse(read('../gateway/src/main/resources/openapi/tmcp-public-api.yaml'));
  const methods: string[] = Object.keys(doc['x-tmcp-rpc-methods']);
  for (const item of Object.values(doc.paths) as any[]) {
    for (const op of Object.values(item) as any[]) {
      if (op?.['x-tmcp-rpc']) methods.push(op['x-tmcp-rpc']);
    }
  }
  assert.deepEqual(methods.sort(), [...doc.components.schemas.JsonRpcCall.properties.method.enum].sort());
});

test('the SDK makes no HTTP request of its own', () => {
  const bundle = read('dist/tween-sdk.min.js');
  assert.doesNotMatch(bundle, /fetch|XMLHttpRequest|WebSocket|sendBeacon/);
});

test('the bundle gives a page window.TweenSDK', () => {
  const page: { TweenSDK?: { createTweenSDK?: unknown; TweenError?: unknown } } = {};
  runInNewContext(read('dist/tween-sdk.min.js'), page);
  assert.equal(typeof page.TweenSDK?.createTweenSDK, 'function');
  assert.equal(typeof page.TweenSDK?.TweenError, 'function');
});
