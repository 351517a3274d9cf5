import { lstatSync, readFileSync, readdirSync, readlinkSync, statSync, type Dirent } from 'node:fs';
import { resolve, sep } from 'node:path';
import { realPathOrNull } from '../real-path.js';
import type { CassetteNameRule } from '../../formats/containers/vcrpy/test-id.js';
import { describeFsError, makeProblem } from '../load/problems.js';
import { displayPath } from './display-path.js';
import { isRecordingName } from '../../formats/containers/index.js';
import { folderBits } from './folders.js';
import { foldersOfRoot, isIgnoredDir, selectRecordings, type Candidate } from './select.js';
import {
  MAX_BYTES,
  decodeBytes,
  decodeFile,
  type Listing,
  type RawFile,
  type RecordingSource,
  type Skipped,
  type SourceFile,
} from './source.js';

export interface DiskSourceOptions {
  cwd: string;
  /** Absolute paths the config's `ignore` globs exclude. */
  ignored?: ReadonlySet<string>;
  /**
   * Read a symlink as the path it holds, as git stores it, instead of following it: the
   * working tree side of a git diff must not read outside the repository through a link.
   */
  linksAsText?: boolean;
  /** The config's `cassetteNames`, relative to `cwd`. */
  cassetteNames?: readonly CassetteNameRule[];
}

/** Recordings on disk, found under the paths a user gives. */
export function createDiskSource(options: DiskSourceOptions): RecordingSource {
  return {
    label: 'working tree',
    list: (paths) => listDisk(paths, options),
    read: (file) => (options.linksAsText ? readLinkAsText(file.path) : null) ?? readDiskFile(file.path),
    ...(options.cassetteNames &&
      options.cassetteNames.length > 0 && { cassetteNames: { root: options.cwd, rules: options.cassetteNames } }),
  };
}

/** One file by path, without a walk: what `show <path>` and `diff <a> <b>` read. */
export function diskFile(absPath: string, cwd: string): SourceFile {
  return { path: absPath, absPath, display: displayPath(absPath, cwd) };
}

/**
 * Reads a file as UTF-8 text. Node decodes natively with no Buffer in between and no
 * separate stat (a syscall per file that showed in profiles): the fast path for the common,
 * valid file. Invalid bytes become U+FFFD; only then is the file re-read as bytes to tell a
 * real U+FFFD from broken UTF-8.
 */
export function readDiskFile(path: string): RawFile {
  if (path.endsWith('.gz')) {
    try {
      return decodeFile(path, readFileSync(path));
    } catch (error) {
      return { ok: false, bytes: 0, problem: makeProblem('parse/unreadable', { reason: describeFsError(error) }) };
    }
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_FS_FILE_TOO_LARGE' || code === 'ERR_STRING_TOO_LONG' || error instanceof RangeError) {
      const bytes = safeSize(path);
      return { ok: false, bytes, problem: makeProblem('parse/too-large', { bytes, limit: MAX_BYTES }) };
    }
    return { ok: false, bytes: 0, problem: makeProblem('parse/unreadable', { reason: describeFsError(error) }) };
  }
  if (text.includes('\uFFFD')) {
    try {
      return decodeBytes(readFileSync(path));
    } catch (error) {
      return { ok: false, bytes: 0, problem: makeProblem('parse/unreadable', { reason: describeFsError(error) }) };
    }
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_BYTES) return { ok: false, bytes, problem: makeProblem('parse/too-large', { bytes, limit: MAX_BYTES }) };
  return { ok: true, text, bytes };
}

/** A symlink's target path as text (what git stores for it), or null for a regular file. */
function readLinkAsText(path: string): RawFile | null {
  try {
    if (!lstatSync(path).isSymbolicLink()) return null;
    const text = readlinkSync(path);
    return { ok: true, text, bytes: Buffer.byteLength(text) };
  } catch {
    return null;
  }
}

function safeSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

interface Found {
  absPath: string;
  /** The real path when it is known without a syscall (no link crossed). */
  real: string | null;
}

/**
 * Turns the paths a user gave into recording files. A file is taken as is; a folder yields
 * its recordings by the one selection rule (`selectRecordings`). Symlinks are followed
 * once; a link back to an ancestor is reported as a loop.
 */
function listDisk(paths: readonly string[], options: DiskSourceOptions): Listing {
  const { cwd } = options;
  const files = new Set<string>();
  const seenReal = new Set<string>();
  const skipped: Skipped[] = [];
  const missing: string[] = [];
  const skip = (absPath: string, reason: string): void => void skipped.push({ absPath, display: displayPath(absPath, cwd), reason });

  const addFile = (absPath: string, knownReal: string | null = null): void => {
    if (options.ignored?.has(absPath)) return;
    const real = knownReal ?? realPathOrNull(absPath) ?? absPath;
    if (seenReal.has(`file:${real}`)) return;
    seenReal.add(`file:${real}`);
    files.add(absPath);
  };

  for (const given of paths) {
    const absPath = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absPath);
    } catch {
      missing.push(given);
      continue;
    }
    if (!stats.isDirectory()) {
      addFile(absPath);
      continue;
    }
    const rootReal = realPathOrNull(absPath) ?? absPath;
    const found = walk(absPath, rootReal, seenReal, skip);
    for (const file of selectRecordings(found, foldersOfRoot(rootReal) | foldersOfRoot(absPath))) addFile(file.absPath, file.real);
  }

  // The default sort compares UTF-16 code units, as compareCodeUnits does, without a call per comparison.
  const sorted = [...files].sort();
  return { files: sorted.map((absPath) => ({ path: absPath, absPath, display: displayPath(absPath, cwd) })), skipped, missing };
}

/**
 * Iterative walk: deep trees cannot overflow the stack. `real` is the folder's real path
 * while no link has been crossed (then a file's real path is known without asking), null
 * below a symlinked folder.
 */
function walk(root: string, rootReal: string, seenReal: Set<string>, skip: (absPath: string, reason: string) => void): Candidate<Found>[] {
  const found: Candidate<Found>[] = [];
  const stack: Array<{ dir: string; real: string | null; folders: number; ancestors: string[] }> = [
    { dir: root, real: rootReal, folders: 0, ancestors: [rootReal] },
  ];
  while (stack.length > 0) {
    const { dir, real: dirReal, folders, ancestors } = stack.pop()!;
    let dirents: Dirent[];
    try {
      dirents = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skip(dir, `folder not readable: ${describeFsError(error)}`);
      continue;
    }
    for (const dirent of dirents) {
      // Plain concatenation: `dir` is already absolute and normalised, and path.join costs per call.
      const child = dir + sep + dirent.name;
      let isDir = dirent.isDirectory();
      let isFile = dirent.isFile();
      const isLink = dirent.isSymbolicLink();
      if (isLink) {
        try {
          const target = statSync(child);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (isRecordingName(dirent.name) || code === 'ELOOP') skip(child, code === 'ELOOP' ? 'symlink loop' : 'broken symlink');
          continue;
        }
      }
      if (isDir) {
        if (isIgnoredDir(dirent.name)) continue;
        if (isRecordingName(dirent.name)) {
          skip(child, 'a folder named like a recording file');
          continue;
        }
        const real = !isLink && dirReal !== null ? dirReal + sep + dirent.name : realPathOrNull(child);
        if (real === null) continue;
        if (ancestors.includes(real)) {
          skip(child, 'symlink loop: points back to a folder above it');
          continue;
        }
        if (seenReal.has(real)) continue; // reached twice through links: list it once
        seenReal.add(real);
        stack.push({
          dir: child,
          real: isLink || dirReal === null ? null : real,
          folders: folders | folderBits(dirent.name),
          ancestors: [...ancestors, real],
        });
      } else if (isFile && isRecordingName(dirent.name)) {
        found.push({
          item: { absPath: child, real: !isLink && dirReal !== null ? dirReal + sep + dirent.name : null },
          name: dirent.name,
          folders,
        });
      }
    }
  }
  return found;
}
