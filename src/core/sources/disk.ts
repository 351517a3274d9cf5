import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { resolve, sep } from 'node:path';
import { describeFsError } from '../read-file.js';

/** Something under a given path that looked like a recording but was passed over, and why. */
export interface Skipped {
  absPath: string;
  reason: string;
}

export interface DiscoverResult {
  files: string[];
  skipped: Skipped[];
  /** Given paths that do not exist: a usage error for the caller to report. */
  missing: string[];
}

const RECORDINGS_DIR = 'recordings';
// Never recordings, and often huge: the first two by convention, the rest Python tool caches.
const IGNORED_DIRS = new Set(['node_modules', '.git', '__pycache__', '.venv', '.tox', '.mypy_cache', '.pytest_cache']);

interface Found {
  absPath: string;
  underRecordings: boolean;
  /** The real path when it is known without a syscall (no link crossed). */
  real: string | null;
}

/**
 * Turns the paths a user gave into recording files. A file is taken as is. A folder yields
 * the `*.json` files that sit below a folder named `recordings` (all of them when the folder
 * is, or lies inside, one), or every `*.json` when it holds no `recordings` folder at all, so
 * that `package.json` or test data next to the tests is not mistaken for a recording.
 * Symlinks are followed once; a link back to an ancestor is reported as a loop.
 */
export function discoverRecordings(paths: string[], cwd: string): DiscoverResult {
  const files = new Set<string>();
  const seenReal = new Set<string>();
  const skipped: Skipped[] = [];
  const missing: string[] = [];

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
    const found: Found[] = [];
    let sawRecordingsDir = false;
    const rootReal = safeRealpath(absPath) ?? absPath;
    const insideRecordings = rootReal.split(sep).includes(RECORDINGS_DIR) || absPath.split(sep).includes(RECORDINGS_DIR);

    // Iterative walk: deep trees cannot overflow the stack.
    // `real` is the folder's real path while no link has been crossed (then a file's real
    // path is known without asking), null below a symlinked folder.
    const stack: Array<{ dir: string; real: string | null; underRecordings: boolean; ancestors: string[] }> = [
      { dir: absPath, real: rootReal, underRecordings: insideRecordings, ancestors: [rootReal] },
    ];
    while (stack.length > 0) {
      const { dir, real: dirReal, underRecordings, ancestors } = stack.pop()!;
      let dirents: Dirent[];
      try {
        dirents = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        skipped.push({ absPath: dir, reason: `folder not readable: ${describeFsError(error)}` });
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
            if (dirent.name.endsWith('.json') || code === 'ELOOP') {
              skipped.push({ absPath: child, reason: code === 'ELOOP' ? 'symlink loop' : 'broken symlink' });
            }
            continue;
          }
        }
        if (isDir) {
          if (IGNORED_DIRS.has(dirent.name)) continue;
          if (dirent.name.endsWith('.json')) {
            skipped.push({ absPath: child, reason: 'a folder named like a recording file' });
            continue;
          }
          const real = !isLink && dirReal !== null ? dirReal + sep + dirent.name : safeRealpath(child);
          if (real === null) continue;
          if (ancestors.includes(real)) {
            skipped.push({ absPath: child, reason: 'symlink loop: points back to a folder above it' });
            continue;
          }
          if (seenReal.has(real)) continue; // reached twice through links: list it once
          seenReal.add(real);
          const isRecordings = dirent.name === RECORDINGS_DIR;
          if (isRecordings) sawRecordingsDir = true;
          stack.push({
            dir: child,
            real: isLink || dirReal === null ? null : real,
            underRecordings: underRecordings || isRecordings,
            ancestors: [...ancestors, real],
          });
        } else if (isFile && dirent.name.endsWith('.json')) {
          found.push({ absPath: child, underRecordings, real: !isLink && dirReal !== null ? dirReal + sep + dirent.name : null });
        }
      }
    }
    const takeAll = insideRecordings || !sawRecordingsDir;
    for (const file of found) if (takeAll || file.underRecordings) addFile(file.absPath, file.real);
  }

  function addFile(absPath: string, knownReal: string | null = null): void {
    const real = knownReal ?? safeRealpath(absPath) ?? absPath;
    if (seenReal.has(`file:${real}`)) return;
    seenReal.add(`file:${real}`);
    files.add(absPath);
  }

  return { files: [...files].sort(compareCodeUnits), skipped, missing };
}

function safeRealpath(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
