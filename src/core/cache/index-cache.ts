import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeAtomic } from '../repair/write-file.js';
import type { SourceFile } from '../sources/source.js';
import type { Entry } from '../types.js';

const FORMAT = 1;

/** What identifies a file's content without reading it: a change to any of these is a change. */
interface Stamp {
  size: string;
  mtimeNs: string;
  ino: string;
}

interface CacheFile<T> {
  format: number;
  tool: string;
  entries: Record<string, { stamp: Stamp; entry: T }>;
}

/** What a command keeps per file between runs: the index entry, or `why`'s facts. */
export interface FileCache<T> {
  /** The cached value of a file whose size, mtime (ns) and inode are unchanged, else null. */
  lookup(file: SourceFile): T | null;
  store(file: SourceFile, value: T): void;
  /** Writes the cache, atomically; a cache that cannot be written is no error. */
  save(): void;
}

export type IndexCache = FileCache<Entry>;

/**
 * Where caches live: `node_modules/.cache/cassette` inside a JavaScript project (as eslint
 * and babel keep theirs), else `$XDG_CACHE_HOME/cassette`, else `~/.cache/cassette`.
 */
export function cacheFolder(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  if (existsSync(join(cwd, 'node_modules'))) return join(cwd, 'node_modules', '.cache', 'cassette');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cassette');
}

/** The index cache for one set of paths: entries come back with paths as this run prints them. */
export function openIndexCache(folder: string, paths: readonly string[], tool: string): IndexCache {
  const cache = openFileCache<Entry>(folder, 'index', paths, tool);
  return {
    lookup(file) {
      const entry = cache.lookup(file);
      return entry && { ...entry, path: file.display, absPath: file.absPath };
    },
    store: (file, entry) => cache.store(file, entry),
    save: () => cache.save(),
  };
}

/**
 * A per-file cache for one command (`name`), one set of paths, one version of cassette and
 * whatever else the values depend on (`settings`). Values are reused only when the file's
 * size, nanosecond mtime and inode are what they were; a file written in the last second is
 * not stored (a second write within the same clock tick could keep all three). A cache
 * that is corrupt, of another format or of another version is ignored and rebuilt, never
 * trusted.
 */
export function openFileCache<T>(folder: string, name: string, paths: readonly string[], tool: string, settings = ''): FileCache<T> {
  const key = createHash('sha256')
    .update([tool, ...paths.map(realOrSelf).sort(), settings].join('\0'))
    .digest('hex')
    .slice(0, 24);
  const path = join(folder, `${name}-${key}.json`);
  const previous = readCache<T>(path, tool);
  const next: CacheFile<T>['entries'] = {};
  let changed = false;
  const now = BigInt(Date.now()) * 1_000_000n;
  return {
    lookup(file) {
      const stamp = stampOf(file.absPath);
      const cached = previous[file.absPath];
      if (stamp === null || !cached || !sameStamp(cached.stamp, stamp)) {
        changed = true;
        return null;
      }
      next[file.absPath] = cached;
      return cached.entry;
    },
    store(file, value) {
      const stamp = stampOf(file.absPath);
      changed = true;
      if (stamp === null || now - BigInt(stamp.mtimeNs) < 1_000_000_000n) return;
      next[file.absPath] = { stamp, entry: value };
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

function stampOf(path: string): Stamp | null {
  try {
    const stats = statSync(path, { bigint: true });
    return { size: String(stats.size), mtimeNs: String(stats.mtimeNs), ino: String(stats.ino) };
  } catch {
    return null;
  }
}

function sameStamp(a: Stamp, b: Stamp): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ino === b.ino;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}
