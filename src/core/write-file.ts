import { closeSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isInside, realPathOrNull } from './real-path.js';
import { describeFsError } from './load/problems.js';

export type WriteResult = { ok: true } | { ok: false; reason: string };

/**
 * Writes a file whole or not at all: a temporary file beside it, flushed to disk, then
 * renamed over it. A run killed at any moment leaves the old file or the new one.
 * `durable: false` skips the flush, for a cache: after a power loss it may read as corrupt,
 * which a cache reader ignores, and the flush cost every cold run a few milliseconds.
 */
export function writeAtomic(path: string, content: string, { durable = true }: { durable?: boolean } = {}): WriteResult {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.cassette-tmp`);
  try {
    const fd = openSync(temporary, 'wx');
    try {
      writeSync(fd, content);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
    return { ok: true };
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // never created, or already renamed
    }
    return { ok: false, reason: describeFsError(error) };
  }
}

/** Renames a file, never over another one: a link under the new name, then the old name removed. */
export function renameNoOverwrite(from: string, to: string): WriteResult {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'EEXIST' ? `${basename(to)} exists: not overwritten` : describeFsError(error) };
  }
  try {
    unlinkSync(from);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
}

/**
 * Is `path` inside one of the real roots? Its nearest existing folder is resolved through
 * every symlink, and the folders still to create are added to it, so a move into a new
 * folder is judged before anything is created. Writes never leave the roots.
 */
export function isInsideRoots(path: string, realRoots: readonly string[]): boolean {
  let existing = dirname(path);
  const missing: string[] = [basename(path)];
  let folder = realPathOrNull(existing);
  while (folder === null) {
    const parent = dirname(existing);
    if (parent === existing) return false;
    missing.unshift(basename(existing));
    existing = parent;
    folder = realPathOrNull(existing);
  }
  const real = join(folder, ...missing);
  return realRoots.some((root) => isInside(real, root));
}
