import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { makeProblem } from '../load/problems.js';
import { displayPath } from './display-path.js';
import { isRecordingName } from '../../formats/containers/index.js';
import { compareCodeUnits, describeFolders, isInIgnoredDir, selectRecordings } from './select.js';
import { decodeFile, type RecordingSource, type SourceFile } from './source.js';

/** The only module that runs git. Every call is synchronous and returns data or a reason. */

type GitResult<T> = { ok: true; value: T } | { ok: false; reason: string };

function git(args: readonly string[], cwd: string) {
  return spawnSync('git', args, { cwd, maxBuffer: 1024 * 1024 * 1024 });
}

function gitText(args: readonly string[], cwd: string): GitResult<string> {
  const result = git(args, cwd);
  if (result.error) return { ok: false, reason: `git is not available: ${result.error.message}` };
  if (result.status !== 0)
    return { ok: false, reason: result.stderr.toString('utf8').trim() || `git ${args[0]} exited with ${result.status}` };
  return { ok: true, value: result.stdout.toString('utf8') };
}

const splitNul = (text: string): string[] => text.split('\0').filter(Boolean);

/** The top of the work tree that holds `cwd`. */
export function findRepoRoot(cwd: string): GitResult<string> {
  const top = gitText(['rev-parse', '--show-toplevel'], cwd);
  if (!top.ok) return top.reason.startsWith('git is not available') ? top : { ok: false, reason: 'not inside a git work tree' };
  return { ok: true, value: top.value.trim() };
}

export function isRevision(root: string, rev: string): boolean {
  return git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], root).status === 0;
}

/** The commit `A...B` compares from: where the two histories part. */
export function findMergeBase(root: string, a: string, b: string): GitResult<string> {
  const base = gitText(['merge-base', a, b], root);
  return base.ok ? { ok: true, value: base.value.trim() } : { ok: false, reason: `no merge base between '${a}' and '${b}'` };
}

export interface GitChange {
  /** git's status letter: A, M, D, T... */
  status: string;
  /** Path from the repository root, `/`-separated. */
  path: string;
}

/**
 * Files changed between two revisions, or between one and the working tree (untracked
 * files included, as added): what a pull request or a local re-record touched.
 */
export function listChanges(root: string, from: string, to: string | null): GitResult<GitChange[]> {
  const diff = gitText(['diff', '--name-status', '-z', '--no-renames', from, ...(to ? [to] : []), '--'], root);
  if (!diff.ok) return diff;
  const fields = splitNul(diff.value);
  const changes: GitChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) changes.push({ status: fields[i]!, path: fields[i + 1]! });
  if (to === null) {
    const untracked = gitText(['ls-files', '--others', '--exclude-standard', '-z', '--full-name'], root);
    if (!untracked.ok) return untracked;
    for (const path of splitNul(untracked.value)) changes.push({ status: 'A', path });
  }
  return { ok: true, value: changes };
}

/** Every file of a revision, or of the work tree (tracked and untracked) when `rev` is null. */
function listTreeFiles(root: string, rev: string | null): GitResult<string[]> {
  const listed =
    rev === null
      ? gitText(['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--full-name'], root)
      : gitText(['ls-tree', '-r', '--name-only', '-z', rev], root);
  return listed.ok ? { ok: true, value: splitNul(listed.value) } : listed;
}

/** The recordings of a revision (or of the work tree), chosen by the rule the disk walk uses. */
export function listRecordingPaths(root: string, rev: string | null): GitResult<Set<string>> {
  const files = listTreeFiles(root, rev);
  if (!files.ok) return files;
  const candidates = files.value
    .filter((path) => isRecordingName(path) && !isInIgnoredDir(path))
    .map((path) => ({ item: path, name: path.slice(path.lastIndexOf('/') + 1), folders: describeFolders(path) }));
  return { ok: true, value: new Set(selectRecordings(candidates, 0)) };
}

/** A file of a revision, as a source reads it. */
export function gitFile(root: string, path: string, cwd: string): SourceFile {
  const absPath = join(root, path);
  return { path, absPath, display: displayPath(absPath, cwd) };
}

/**
 * Recordings as they are at a revision, read with `git show`: nothing is checked out. A
 * symlink is stored in git as its target's path, and is read as that text, never followed.
 */
export function createGitSource(root: string, rev: string, cwd: string): RecordingSource {
  return {
    label: rev,
    list(paths) {
      const recordings = listRecordingPaths(root, rev);
      if (!recordings.ok) return { files: [], skipped: [], missing: [...paths] };
      const prefixes = paths.map((path) => displayPath(resolve(cwd, path), root));
      const files = [...recordings.value]
        .filter(
          (path) => prefixes.length === 0 || prefixes.some((prefix) => prefix === '.' || path === prefix || path.startsWith(`${prefix}/`)),
        )
        .sort(compareCodeUnits);
      return { files: files.map((path) => gitFile(root, path, cwd)), skipped: [], missing: [] };
    },
    read(file) {
      const result = git(['show', `${rev}:${file.path}`], root);
      if (result.error || result.status !== 0) {
        return { ok: false, bytes: 0, problem: makeProblem('parse/unreadable', { reason: `not in ${rev}` }) };
      }
      return decodeFile(file.path, result.stdout);
    },
  };
}

/** Absolute paths of the files changed against a revision, working tree and untracked files included. */
export function listChangedFiles(ref: string, cwd: string): GitResult<Set<string>> {
  const root = findRepoRoot(cwd);
  if (!root.ok) return root;
  if (!isRevision(root.value, ref)) return { ok: false, reason: `unknown git revision '${ref}'` };
  const changes = listChanges(root.value, ref, null);
  if (!changes.ok) return changes;
  return { ok: true, value: new Set(changes.value.map((change) => resolve(root.value, change.path))) };
}

/** Which of these absolute paths git tracks: only those can be restored with `git checkout`. Null outside a work tree. */
export function listTracked(cwd: string, absPaths: readonly string[]): Set<string> | null {
  const root = findRepoRoot(cwd);
  if (!root.ok) return null;
  const tracked = new Set<string>();
  // In batches: a command line has a length limit.
  for (let start = 0; start < absPaths.length; start += 500) {
    const listed = gitText(['ls-files', '-z', '--full-name', '--', ...absPaths.slice(start, start + 500)], root.value);
    if (!listed.ok) return null;
    for (const path of splitNul(listed.value)) tracked.add(resolve(root.value, path));
  }
  return tracked;
}

/** When the file was last committed (ms since the epoch), or null when git has no commit of it. */
export function lastCommitTime(absPath: string): number | null {
  const log = gitText(['log', '-1', '--format=%ct', '--', absPath], dirname(absPath));
  const seconds = log.ok ? Number(log.value.trim()) : Number.NaN;
  return log.ok && log.value.trim() !== '' && Number.isFinite(seconds) ? seconds * 1000 : null;
}
