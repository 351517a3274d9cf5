import * as crypto from 'node:crypto';
import { runVerify } from './src/core/verify/run-verify.ts';
import { DEFAULT_SEVERITY } from './src/core/verify/messages.ts';
import * as rh from './src/core/request-hash.ts';
let calls = 0, bytes = 0;
const orig = rh.serialiseHashInput;
// count via computeRequestHash wrapper is not possible on ESM exports; time the run instead
const t = performance.now();
const r = runVerify({ paths: [process.argv[2]!], cwd: '/', hashScheme: 'auto', rules: { ...DEFAULT_SEVERITY }, secretPatterns: [] });
console.log('run', performance.now() - t, r.files);
console.log((globalThis as any).__n, (globalThis as any).__b);
