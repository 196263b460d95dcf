// Prints the size of dist/tween-sdk.min.js, minified and gzipped (run npm run build first).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const bundle = readFileSync(new URL('../dist/tween-sdk.min.js', import.meta.url));
const gzipped = gzipSync(bundle, { level: 9 }).length;
console.log(`dist/tween-sdk.min.js: ${bundle.length} B minified, ${gzipped} B min+gzip`);
