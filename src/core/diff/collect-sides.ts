import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { displayPath, toDisplayPath } from '../build-index.js';
import { discoverRecordings } from '../sources/disk.js';
import type { Side } from './types.js';

/** Two versions of one path (either may be missing: an added or deleted file). */
export interface SidePair {
  path: string;
  /** The path within what is compared (the tree or the repository): pairs and folders match on it. */
  rel: string;
  old: Side | null;
  new: Side | null;
}

export type Collected = { ok: true; pairs: SidePair[] } | { ok: false; reason: string };

const readText = (path: string) => (): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** Two files, or two folders of recordings paired by relative path. */
export function collectFromPaths(oldPath: string, newPath: string, cwd: string): Collected {
  const oldAbs = resolve(cwd, oldPath);
  const newAbs = resolve(cwd, newPath);
  const oldDir = isDirectory(oldAbs);
  const newDir = isDirectory(newAbs);
  if (oldDir === null || newDir === null) return { ok: false, reason: `no such file or folder: ${oldDir === null ? oldPath : newPath}` };
  if (oldDir !== newDir) return { ok: false, reason: 'compare a file with a file, or a folder with a folder' };
  if (!oldDir)
    return {
      ok: true,
      pairs: [
        {
          path: displayPath(newAbs, cwd),
          rel: displayPath(newAbs, cwd),
          old: { path: displayPath(oldAbs, cwd), read: readText(oldAbs) },
          new: { path: displayPath(newAbs, cwd), read: readText(newAbs) },
        },
      ],
    };
  const index = (root: string) => new Map(discoverRecordings([root], cwd).files.map((file) => [toDisplayPath(relative(root, file)), file]));
  const before = index(oldAbs);
  const after = index(newAbs);
  const pairs: SidePair[] = [];
  for (const rel of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(rel);
    const b = after.get(rel);
    pairs.push({
      path: displayPath(b ?? a!, cwd),
      rel,
      old: a ? { path: displayPath(a, cwd), read: readText(a) } : null,
      new: b ? { path: displayPath(b, cwd), read: readText(b) } : null,
    });
  }
  return { ok: true, pairs };
}

/**
 * Recordings changed between two git revisions, or between one and the working tree
 * (untracked files included). Old versions are read with `git show`, nothing is checked out.
 */
export function collectFromGit(from: string, to: string | null, cwd: string): Collected {
  const git = (args: string[], at = cwd) => spawnSync('git', args, { cwd: at, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const top = git(['rev-parse', '--show-toplevel']);
  if (top.error) return { ok: false, reason: `git is not available: ${top.error.message}` };
  if (top.status !== 0) return { ok: false, reason: 'not inside a git work tree; give two files or two folders to compare' };
  const root = top.stdout.trim();
  for (const ref of [from, to]) {
    if (ref !== null && git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).status !== 0)
      return { ok: false, reason: `unknown git revision '${ref}'` };
  }
  const diff = git(['diff', '--name-status', '-z', '--no-renames', from, ...(to ? [to] : []), '--'], root);
  if (diff.status !== 0) return { ok: false, reason: diff.stderr.trim() };
  const fields = diff.stdout.split('\0').filter(Boolean);
  const changed: Array<{ status: string; file: string }> = [];
  for (let i = 0; i + 1 < fields.length; i += 2) changed.push({ status: fields[i]!, file: fields[i + 1]! });
  if (to === null) {
    const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], root);
    for (const file of untracked.stdout.split('\0').filter(Boolean)) changed.push({ status: 'A', file });
  }
  const show = (ref: string, file: string) => (): string | null => {
    const result = git(['show', `${ref}:${file}`], root);
    return result.status === 0 ? result.stdout : null;
  };
  const pairs = changed
    .filter(({ file }) => isRecordingPath(file))
    .sort((x, y) => (x.file < y.file ? -1 : 1))
    .map(({ status, file }): SidePair => {
      const display = displayPath(join(root, file), cwd);
      const newSide: Side | null = status === 'D' ? null : { path: display, read: to ? show(to, file) : readText(join(root, file)) };
      const oldSide: Side | null = status === 'A' ? null : { path: display, read: show(from, file) };
      return { path: display, rel: file, old: oldSide, new: newSide };
    });
  return { ok: true, pairs };
}

/** A recording as discovery would take it: a `.json` file below a `recordings` folder. */
function isRecordingPath(file: string): boolean {
  return file.endsWith('.json') && `/${dirname(file)}/`.includes('/recordings/');
}

function isDirectory(path: string): boolean | null {
  try {
    return statSync(path).isDirectory();
  } catch {
    return null;
  }
}
