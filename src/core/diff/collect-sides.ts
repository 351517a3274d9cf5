import { join, relative, resolve } from 'node:path';
import { createDiskSource, diskFile } from '../sources/disk.js';
import { toSlashes } from '../sources/display-path.js';
import { displayPath } from '../sources/display-path.js';
import { createGitSource, findMergeBase, findRepoRoot, gitFile, isRevision, listChanges, listRecordingPaths } from '../sources/git.js';
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

/** Two files, or two folders of recordings paired by relative path. */
export function collectFromPaths(oldPath: string, newPath: string, cwd: string): Collected {
  const disk = createDiskSource({ cwd });
  const oldAbs = resolve(cwd, oldPath);
  const newAbs = resolve(cwd, newPath);
  const oldListing = disk.list([oldPath]);
  const newListing = disk.list([newPath]);
  const missing = [...oldListing.missing, ...newListing.missing];
  if (missing.length > 0) return { ok: false, reason: `no such file or folder: ${missing[0]}` };
  const oldDir = isFolderListing(oldListing.files, oldAbs);
  if (oldDir !== isFolderListing(newListing.files, newAbs))
    return { ok: false, reason: 'compare a file with a file, or a folder with a folder' };
  if (!oldDir) {
    const file = diskFile(newAbs, cwd);
    return {
      ok: true,
      pairs: [{ path: file.display, rel: file.display, old: { source: disk, file: diskFile(oldAbs, cwd) }, new: { source: disk, file } }],
    };
  }
  const byRel = (root: string, files: typeof oldListing.files) =>
    new Map(files.map((file) => [toSlashes(relative(root, file.absPath)), file]));
  const before = byRel(oldAbs, oldListing.files);
  const after = byRel(newAbs, newListing.files);
  const pairs: SidePair[] = [];
  for (const rel of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(rel);
    const b = after.get(rel);
    pairs.push({
      path: (b ?? a)!.display,
      rel,
      old: a ? { source: disk, file: a } : null,
      new: b ? { source: disk, file: b } : null,
    });
  }
  return { ok: true, pairs };
}

/** A folder lists its files below it; a file lists itself. */
function isFolderListing(files: ReadonlyArray<{ absPath: string }>, given: string): boolean {
  return !(files.length === 1 && files[0]!.absPath === given);
}

/** What to compare in git: two revisions, or one and the working tree (`to` null), limited to pathspecs. */
export interface GitRange {
  from: string;
  to: string | null;
  /** `A...B`: compare from the merge base of A and B, as git does. */
  mergeBase: boolean;
  /** Paths relative to the current folder; empty for the whole repository. */
  pathspecs: readonly string[];
}

/**
 * Recordings changed between two git revisions, or between one and the working tree
 * (untracked files included). Old versions are read from git, nothing is checked out.
 */
export function collectFromGit(range: GitRange, cwd: string): Collected {
  const top = findRepoRoot(cwd);
  if (!top.ok) return { ok: false, reason: `${top.reason}; give two files or two folders to compare` };
  const root = top.value;
  for (const ref of [range.from, range.to]) {
    if (ref !== null && !isRevision(root, ref)) return { ok: false, reason: `unknown git revision '${ref}'` };
  }
  let from = range.from;
  if (range.mergeBase) {
    const base = findMergeBase(root, range.from, range.to ?? 'HEAD');
    if (!base.ok) return base;
    from = base.value;
  }
  const to = range.to;
  const prefixes = range.pathspecs.map((spec) => displayPath(resolve(cwd, spec), root)).map((prefix) => (prefix === '.' ? '' : prefix));
  const inPathspecs = (path: string): boolean =>
    prefixes.length === 0 || prefixes.some((prefix) => prefix === '' || path === prefix || path.startsWith(`${prefix}/`));
  const changes = listChanges(root, from, to);
  if (!changes.ok) return changes;
  const before = listRecordingPaths(root, from);
  const after = listRecordingPaths(root, to);
  if (!before.ok) return before;
  if (!after.ok) return after;
  // As git log does for a path it does not know: a pathspec that names no recording on either side is a mistake, not an empty diff.
  const matchesNone = range.pathspecs.find(
    (_, i) =>
      ![...before.value, ...after.value].some((path) => prefixes[i] === '' || path === prefixes[i] || path.startsWith(`${prefixes[i]}/`)),
  );
  if (matchesNone !== undefined)
    return { ok: false, reason: `'${matchesNone}' matches no recording in ${from}${to ? ` or ${to}` : ' or the working tree'}` };
  const oldSource = createGitSource(root, from, cwd);
  const newSource = to ? createGitSource(root, to, cwd) : createDiskSource({ cwd, linksAsText: true });
  const pairs = changes.value
    .filter(({ path }) => (before.value.has(path) || after.value.has(path)) && inPathspecs(path))
    .sort((x, y) => (x.path < y.path ? -1 : 1))
    .map(({ status, path }): SidePair => {
      const oldFile = gitFile(root, path, cwd);
      const newFile = to ? oldFile : diskFile(join(root, path), cwd);
      return {
        path: oldFile.display,
        rel: path,
        old: status === 'A' ? null : { source: oldSource, file: oldFile },
        new: status === 'D' ? null : { source: newSource, file: newFile },
      };
    });
  return { ok: true, pairs };
}
