import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  statSync,
  unlinkSync,
  utimesSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { readSmallFile } from '../read-small-file.js';
import { realPathOrNull } from '../real-path.js';
import { writeAtomic } from '../write-file.js';
import type { SourceFile } from '../sources/source.js';

// 3: the index keeps every entry of a file (a cassette has one per interaction).
const FORMAT = 5;

/**
 * How a file is known to be unchanged. metadata: size, mtime (to the microsecond) and inode (eslint's
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
 * Where caches live: `$CASSETTE_CACHE_DIR` when set (a folder a CI job saves and restores),
 * else `node_modules/.cache/cassette` inside a JavaScript project (as eslint and babel keep
 * theirs), else `$XDG_CACHE_HOME/cassette`, else `~/.cache/cassette`.
 */
export function cacheFolder(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.CASSETTE_CACHE_DIR) return resolve(cwd, env.CASSETTE_CACHE_DIR);
  if (existsSync(join(cwd, 'node_modules'))) return join(cwd, 'node_modules', '.cache', 'cassette');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cassette');
}

/**
 * A per-file cache for one command (`name`), one set of paths and whatever else the values
 * depend on (`settings`), written by one build of cassette (`tool`). A value is reused only
 * when its file is unchanged by the strategy; with metadata, a file written in the last
 * second is not stored (a second write within the same clock tick could keep size, mtime
 * and inode). A cache that is corrupt, of another format or of another build is ignored and
 * rebuilt, never trusted. Each build has caches of its own: two installs of different
 * versions used on one tree (a global one and a project's) would otherwise throw each other's
 * cache away on every run. The sweep removes a replaced build's caches after 30 days.
 */
export function openFileCache<T>(
  folder: string,
  name: string,
  paths: readonly string[],
  tool: string,
  settings = '',
  strategy: CacheStrategy = 'metadata',
  /** The shape a value must have to be used; a value that fails is a miss, never trusted. */
  isValid: (value: unknown) => boolean = () => true,
): FileCache<T> {
  const id = createHash('sha256')
    .update([tool, strategy, ...paths.map((path) => realPathOrNull(path) ?? path).sort(), settings].join('\0'))
    .digest('hex')
    .slice(0, 24);
  const path = join(folder, `${name}-${id}.json`);
  const previous = readCache<T>(path, tool);
  markUsed(path);
  const next: CacheFile<T>['entries'] = {};
  let changed = false;
  const now = Date.now();
  /** The file's key now, and whether it was written too recently to be trusted later. */
  const keyOf = (file: SourceFile): { key: string; fresh: boolean } | null => {
    try {
      if (strategy === 'content') return { key: createHash('sha256').update(readFileSync(file.absPath)).digest('hex'), fresh: false };
      // Milliseconds with their fraction (microseconds): a BigInt stat of every file cost a warm list of 3,259 cassettes ~5 ms.
      const stats = statSync(file.absPath);
      return { key: `${stats.size}:${stats.mtimeMs}:${stats.ino}`, fresh: now - stats.mtimeMs < 1000 };
    } catch {
      return null;
    }
  };
  return {
    lookup(file) {
      const cached = previous[file.absPath];
      if (!cached || typeof cached !== 'object' || keyOf(file)?.key !== cached.key || !isValid(cached.value)) {
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
        writeAtomic(path, JSON.stringify({ format: FORMAT, tool, entries: next } satisfies CacheFile<T>), { durable: false });
        sweepCaches(folder);
      } catch {
        // a cache is an optimisation: a read-only home or a full disk costs speed, not results
      }
    },
  };
}

function readCache<T>(path: string, tool: string): CacheFile<T>['entries'] {
  try {
    // A regular file of bounded size: a link to /dev/zero or a FIFO under a cache's name is no cache.
    const read = readSmallFile(path, MAX_CACHE_BYTES);
    if (!read.ok) return {};
    const parsed = JSON.parse(read.text) as Partial<CacheFile<T>>;
    if (parsed.format !== FORMAT || parsed.tool !== tool || typeof parsed.entries !== 'object' || parsed.entries === null) return {};
    return parsed.entries;
  } catch {
    return {};
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
// The index of 30,000 recordings is ~15 MB: a cache beyond this is not one cassette wrote.
const MAX_CACHE_BYTES = 512 * 1024 * 1024;
/** A cache nobody has used for this long is removed: its tree is gone, or was a one-off. */
const UNUSED_FOR_MS = 30 * DAY_MS;
/** What sweepCaches may remove: the files openFileCache and writeAtomic name, nothing else. */
const CACHE_NAME = /^(?:[a-z]+-[0-9a-f]{24}\.json|\.[a-z]+-[0-9a-f]{24}\.json\.[0-9]+\.cassette-tmp)$/;

/**
 * A cache that is read but unchanged is never rewritten: its mtime is brought up to date (at
 * most once a day) so that the sweep sees it is in use.
 */
function markUsed(path: string): void {
  try {
    const now = Date.now();
    // Never through a link: touching the cache must not touch a file it points to.
    const stats = lstatSync(path);
    if (!stats.isFile() || now - stats.mtimeMs < DAY_MS) return;
    const date = new Date(now);
    utimesSync(path, date, date);
  } catch {
    // no cache yet, or a read-only one
  }
}

/**
 * Removes the caches in `folder` unused for 30 days (a tree that was deleted, a temporary
 * folder, paths given once), and temporary files a killed run left, at most once a day.
 * Only files with cassette's cache names and content are touched, so a CASSETTE_CACHE_DIR
 * pointed at a shared folder loses nothing else.
 */
function sweepCaches(folder: string): void {
  const stamp = join(folder, '.swept');
  const now = Date.now();
  try {
    if (now - statSync(stamp).mtimeMs < DAY_MS) return;
  } catch {
    // never swept
  }
  writeAtomic(stamp, `${new Date(now).toISOString()}\n`, { durable: false });
  for (const name of readdirSync(folder)) {
    if (!CACHE_NAME.test(name)) continue;
    const path = join(folder, name);
    try {
      // lstat: a link or a folder under a cache's name is not a cache, whatever it leads to.
      const stats = lstatSync(path);
      if (stats.isFile() && now - stats.mtimeMs > UNUSED_FOR_MS && isCassetteCache(path)) unlinkSync(path);
    } catch {
      // removed by another run meanwhile
    }
  }
}

/** A cache file starts as openFileCache writes it; a temporary one may be empty or cut short. */
function isCassetteCache(path: string): boolean {
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, head, 0, head.length, 0);
    return read === 0 || head.subarray(0, read).toString('latin1').startsWith('{"format":'.slice(0, read));
  } finally {
    closeSync(fd);
  }
}
