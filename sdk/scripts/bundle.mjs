// dist/tween-sdk.min.js: the SDK for a plain <script> tag, exposing window.TweenSDK.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/browser.ts'],
  outfile: 'dist/tween-sdk.min.js',
  bundle: true,
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
