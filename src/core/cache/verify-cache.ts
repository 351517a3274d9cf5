import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../repair/write-file.js';
import type { SourceFile } from '../sources/source.js';
import type { FileFacts } from '../verify/define-rule.js';
import type { Finding } from '../verify/run-verify.js';

/** metadata: size, nanosecond mtime and inode, as eslint's default; content: a hash of the bytes, for a fresh CI checkout. */
export type CacheStrategy = 'metadata' | 'content';

/** What verify keeps of one file: its per-file findings and the facts the tree rules need. */
interface VerifiedFile {
  findings: Finding[];
  facts: FileFacts[];
}

export interface VerifyCache {
  lookup(file: SourceFile): VerifiedFile | null;
  store(file: SourceFile, result: VerifiedFile): void;
  save(): void;
}

const FORMAT = 1;

/**
 * `verify --cache`: the results of files that did not change are reused. The cache is
 * keyed by everything that decides a result (cassette's version, the rule settings, the
 * hash scheme, the secret patterns, the current folder), so a changed setting starts it
 * afresh. A file written in the last second is not stored; a corrupt or foreign cache is
 * ignored and rebuilt.
 */
export function openVerifyCache(folder: string, settingsKey: string, strategy: CacheStrategy): VerifyCache {
  const key = createHash('sha256').update(`${FORMAT}\0${strategy}\0${settingsKey}`).digest('hex').slice(0, 24);
  const path = join(folder, `verify-${key}.json`);
  let previous: Record<string, { key: string; result: VerifiedFile }> = {};
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { format?: number; entries?: typeof previous };
    if (parsed.format === FORMAT && typeof parsed.entries === 'object' && parsed.entries !== null) previous = parsed.entries;
  } catch {
    previous = {};
  }
  const next: typeof previous = {};
  const now = BigInt(Date.now()) * 1_000_000n;
  const keyOf = (file: SourceFile): { key: string; fresh: boolean } | null => {
    try {
      const stats = statSync(file.absPath, { bigint: true });
      const fresh = now - stats.mtimeNs < 1_000_000_000n;
      if (strategy === 'content') return { key: createHash('sha256').update(readFileSync(file.absPath)).digest('hex'), fresh: false };
      return { key: `${stats.size}:${stats.mtimeNs}:${stats.ino}`, fresh };
    } catch {
      return null;
    }
  };
  return {
    lookup(file) {
      const found = previous[file.absPath];
      const current = found ? keyOf(file) : null;
      if (!found || current === null || current.key !== found.key) return null;
      next[file.absPath] = found;
      return found.result;
    },
    store(file, result) {
      const current = keyOf(file);
      if (current !== null && !current.fresh) next[file.absPath] = { key: current.key, result };
    },
    save() {
      try {
        mkdirSync(folder, { recursive: true });
        writeAtomic(path, JSON.stringify({ format: FORMAT, entries: next }));
      } catch {
        // a cache is an optimisation: failing to write it costs speed, not results
      }
    },
  };
}
