import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * End-to-end tests run the bundled binary: build it once, from the sources under test. Every
 * cache the tests write goes to a folder of their own, removed after the run, never to the
 * developer's ~/.cache or node_modules/.cache.
 */
export default function setup(): () => void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
  const caches = mkdtempSync(join(tmpdir(), 'cassette-test-caches-'));
  process.env.CASSETTE_CACHE_DIR = caches;
  return () => rmSync(caches, { recursive: true, force: true });
}
