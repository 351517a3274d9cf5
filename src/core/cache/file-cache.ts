import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { realPathOrNull } from '../real-path.js';
import { writeAtomic } from '../write-file.js';
import type { SourceFile } from '../sources/source.js';

// 3: the index keeps every entry of a file (a cassette has one per interaction).
const FORMAT = 3;

/**
 * How a file is known to be unchanged. metadata: size, nanosecond mtime and inode (eslint's
 * default); content: a sha256 of the bytes, for a cache restored into a fresh CI checkout,
 * where every mtime is new.
 */
export type CacheStrategy = 'metadata' | 'content';

interface CacheFile<T> {
  format: number;
  tool: string;
  entries: Record<string, { key: string; value: T }>;
}

/** What a command keeps per file between runs: the index entry, `why`'s hashes, verify's findings. */
export interface FileCache<T> {
  /** The cached value of a file that has not changed, else null. */
  lookup(file: SourceFile): T | null;
  store(file: SourceFile, value: T): void;
  /** Writes the cache, atomically; a cache that cannot be written is no error. */
  save(): void;
}

/**
 * Where caches live: `node_modules/.cache/cassette` inside a JavaScript project (as eslint
 * and babel keep theirs), else `$XDG_CACHE_HOME/cassette`, else `~/.cache/cassette`.
 */
export function cacheFolder(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  if (existsSync(join(cwd, 'node_modules'))) return join(cwd, 'node_modules', '.cache', 'cassette');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cassette');
}

/**
 * A per-file cache for one command (`name`), one set of paths, one build of cassette and
 * whatever else the values depend on (`settings`). A value is reused only when its file is
 * unchanged by the strategy; with metadata, a file written in the last second is not
 * stored (a second write within the same clock tick could keep size, mtime and inode). A
 * cache that is corrupt, of another format or of another build is ignored and rebuilt,
 * never trusted.
 */
export function openFileCache<T>(
  folder: string,
  name: string,
  paths: readonly string[],
  tool: string,
  settings = '',
  strategy: CacheStrategy = 'metadata',
): FileCache<T> {
  const id = createHash('sha256')
    .update([tool, strategy, ...paths.map((path) => realPathOrNull(path) ?? path).sort(), settings].join('\0'))
    .digest('hex')
    .slice(0, 24);
  const path = join(folder, `${name}-${id}.json`);
  const previous = readCache<T>(path, tool);
  const next: CacheFile<T>['entries'] = {};
  let changed = false;
  const now = BigInt(Date.now()) * 1_000_000n;
  /** The file's key now, and whether it was written too recently to be trusted later. */
  const keyOf = (file: SourceFile): { key: string; fresh: boolean } | null => {
    try {
      if (strategy === 'content') return { key: createHash('sha256').update(readFileSync(file.absPath)).digest('hex'), fresh: false };
      const stats = statSync(file.absPath, { bigint: true });
      return { key: `${stats.size}:${stats.mtimeNs}:${stats.ino}`, fresh: now - stats.mtimeNs < 1_000_000_000n };
    } catch {
      return null;
    }
  };
  return {
    lookup(file) {
      const cached = previous[file.absPath];
      if (!cached || keyOf(file)?.key !== cached.key) {
        changed = true;
        return null;
      }
      next[file.absPath] = cached;
      return cached.value;
    },
    store(file, value) {
      changed = true;
      const current = keyOf(file);
      if (current !== null && !current.fresh) next[file.absPath] = { key: current.key, value };
    },
    save() {
      if (!changed && Object.keys(next).length === Object.keys(previous).length) return;
      try {
        mkdirSync(folder, { recursive: true });
        writeAtomic(path, JSON.stringify({ format: FORMAT, tool, entries: next } satisfies CacheFile<T>));
      } catch {
        // a cache is an optimisation: a read-only home or a full disk costs speed, not results
      }
    },
  };
}

function readCache<T>(path: string, tool: string): CacheFile<T>['entries'] {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile<T>>;
    if (parsed.format !== FORMAT || parsed.tool !== tool || typeof parsed.entries !== 'object' || parsed.entries === null) return {};
    return parsed.entries;
  } catch {
    return {};
  }
}
