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

interface CacheFile {
  format: number;
  tool: string;
  entries: Record<string, { stamp: Stamp; entry: Entry }>;
}

export interface IndexCache {
  /** The cached entry of a file whose size, mtime (ns) and inode are unchanged, else null. */
  lookup(file: SourceFile): Entry | null;
  store(file: SourceFile, entry: Entry): void;
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
 * An index cache for one set of paths and one version of cassette. Entries are reused only
 * when the file's size, nanosecond mtime and inode are what they were; a file written in
 * the last second is not stored (a second write within the same clock tick could keep all
 * three). A cache that is corrupt, of another format or of another version is ignored and
 * rebuilt, never trusted.
 */
export function openIndexCache(folder: string, paths: readonly string[], tool: string): IndexCache {
  const key = createHash('sha256')
    .update([tool, ...paths.map(realOrSelf).sort()].join('\0'))
    .digest('hex')
    .slice(0, 24);
  const path = join(folder, `index-${key}.json`);
  const previous = readCache(path, tool);
  const next: CacheFile['entries'] = {};
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
      return { ...cached.entry, path: file.display, absPath: file.absPath };
    },
    store(file, entry) {
      const stamp = stampOf(file.absPath);
      changed = true;
      if (stamp === null || now - BigInt(stamp.mtimeNs) < 1_000_000_000n) return;
      next[file.absPath] = { stamp, entry };
    },
    save() {
      if (!changed && Object.keys(next).length === Object.keys(previous).length) return;
      try {
        mkdirSync(folder, { recursive: true });
        writeAtomic(path, JSON.stringify({ format: FORMAT, tool, entries: next } satisfies CacheFile));
      } catch {
        // a cache is an optimisation: a read-only home or a full disk costs speed, not results
      }
    },
  };
}

function readCache(path: string, tool: string): CacheFile['entries'] {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
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
