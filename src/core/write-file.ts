import { chmodSync, closeSync, fsyncSync, linkSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
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
export function writeAtomic(
  path: string,
  content: string,
  { durable = true, mode }: { durable?: boolean; mode?: number } = {},
): WriteResult {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.cassette-tmp`);
  try {
    const fd = openSync(temporary, 'wx', mode);
    try {
      writeAll(fd, Buffer.from(content, 'utf8'));
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The mode asked for, whatever the umask made of it: a rewrite keeps the file's own.
    if (mode !== undefined) chmodSync(temporary, mode);
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

/**
 * Every byte or an error: write(2) may write fewer bytes than asked (a nearly full disk),
 * and a short write taken for a whole one would rename a truncated file over the original.
 */
function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) throw Object.assign(new Error('no progress writing'), { code: 'ENOSPC' });
    offset += written;
  }
}

const TEMPORARY = /^\..+\.(\d+)\.cassette-tmp$/;

/**
 * Removes the temporary files a killed cassette left in a folder (`.<name>.<pid>.cassette-tmp`
 * of a process that is gone): they are never recordings, and would pile up.
 */
export function sweepTemporaries(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMPORARY.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isProcessAlive(Number(pid))) continue;
    try {
      unlinkSync(join(folder, name));
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/** Is a process of this id running? EPERM: it is, under another user. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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
