import { isKnown, listOf } from '../core/cache/entry-schemas.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { cacheFolder, openFileCache, type FileCache } from '../core/cache/file-cache.js';
import { openIndexCache } from '../core/cache/index-cache.js';
import type { HashSchemeOption } from '../core/hash/schemes.js';
import type { Known } from '../core/why/explain-miss.js';
import { indexRecordings, type IndexResult } from '../core/load/index-recordings.js';
import { createDiskSource } from '../core/sources/disk.js';
import { listIgnoredFiles } from '../core/sources/globs.js';
import type { RecordingSource } from '../core/sources/source.js';
import type { Context } from './context.js';
import { UserError } from './errors.js';
import { createProgress } from './progress.js';

/**
 * The paths a command reads: those given, else the config's `paths`, else `./recordings`
 * when it exists (this repo's demo corpus), else the current folder.
 */
export function pathsToRead(given: readonly string[], context: Context): string[] {
  if (given.length > 0) return [...given];
  const configured = context.config.paths;
  if (configured && configured.length > 0) return configured;
  return existsSync(`${context.cwd}/recordings`) ? ['recordings'] : ['.'];
}

/** The disk, less what the config's `ignore` globs exclude. */
export async function openDiskSource(context: Context): Promise<RecordingSource> {
  const ignored = await listIgnoredFiles(context.config.ignore ?? [], context.cwd);
  return createDiskSource({ cwd: context.cwd, ignored, cassetteNames: context.config.cassetteNames ?? [] });
}

/** The disk as the config names its cassettes, for reading files by path (no walk, so no `ignore`). */
export function diskSourceOf(context: Context): RecordingSource {
  return createDiskSource({ cwd: context.cwd, cassetteNames: context.config.cassetteNames ?? [] });
}

declare const __CASSETTE_VERSION__: string;
declare const __CASSETTE_BUILD__: string;

/** The version and build caches are keyed by: a cache written by another build is never trusted. */
export function toolVersion(): string {
  return typeof __CASSETTE_VERSION__ === 'string' ? `${__CASSETTE_VERSION__}+${__CASSETTE_BUILD__}` : '0.0.0-dev';
}

export function failOnMissing(missing: readonly string[]): void {
  if (missing.length > 0)
    throw new UserError(`no such file or folder: ${missing.join(', ')}`, 'give recording files or folders that hold them');
}

/** Indexes the paths with progress on stderr; passed-over paths are entries with their reason. */
export async function loadIndex(given: readonly string[], context: Context, options: { cache?: boolean } = {}): Promise<IndexResult> {
  const { terminal } = context;
  const source = await openDiskSource(context);
  const progress = createProgress(terminal, 'reading');
  const paths = pathsToRead(given, context);
  // The index cache (--no-cache bypasses it): unchanged files are not read again.
  const cache =
    options.cache === false
      ? undefined
      : openIndexCache(
          cacheFolder(context.cwd),
          paths.map((path) => resolve(context.cwd, path)),
          toolVersion(),
          // Every setting that changes an entry: the config's cassette names give cassettes their test ids.
          JSON.stringify(context.config.cassetteNames ?? []),
        );
  const result = await indexRecordings(source, paths, {
    onProgress: progress.update,
    ...(cache && { cache }),
    ...(context.parallelism && { parallelism: context.parallelism }),
  });
  progress.stop();
  failOnMissing(result.missing);
  return result;
}

/**
 * Nothing to work on is an input error for every command, as pytest's exit 5: a CI path
 * that points at an empty or wrong folder must not pass.
 */
export function failWhenNothingFound(count: number, paths: readonly string[]): void {
  if (count === 0)
    throw new UserError(
      `no recordings found under ${paths.join(', ')}`,
      'give the folders that hold the recordings or cassettes (or set paths in the config)',
    );
}

/** The cache of each file's computed request hashes under one scheme: `why`'s, and `show <hash>`'s. */
export function openKnownCache(paths: readonly string[], scheme: HashSchemeOption, context: Context): FileCache<Known[]> {
  return openFileCache<Known[]>(
    cacheFolder(context.cwd),
    'why',
    paths.map((path) => resolve(context.cwd, path)),
    toolVersion(),
    scheme,
    'metadata',
    listOf(isKnown),
  );
}
