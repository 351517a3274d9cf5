import { createHash } from 'node:crypto';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realPathOrNull } from '../real-path.js';
import { isProcessAlive } from '../write-file.js';

export type Lock = { ok: true; release(): void } | { ok: false; holder: number };

/**
 * One `prune --delete` at a time per tree: a lock file created exclusively in the system's
 * temporary folder (never in the user's tree), holding the owner's pid. A lock whose owner
 * is gone is stale and taken over.
 */
export function acquirePruneLock(roots: readonly string[]): Lock {
  const key = createHash('sha256')
    .update(
      roots
        .map((root) => realPathOrNull(root) ?? root)
        .sort()
        .join('\0'),
    )
    .digest('hex')
    .slice(0, 16);
  const path = join(tmpdir(), `cassette-prune-${key}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return { ok: true, release: () => removeQuietly(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(safeRead(path));
      if (Number.isInteger(holder) && holder > 0 && isProcessAlive(holder)) return { ok: false, holder };
      removeQuietly(path); // stale: its owner is gone
    }
  }
  return { ok: false, holder: Number(safeRead(path)) || 0 };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
