import { sep } from 'node:path';
import { CONTAINERS } from '../../formats/containers/index.js';
import { bitsOf, pathFolderBits } from './folders.js';

// Never recordings, and often huge: the first two by convention, the rest Python tool caches.
const IGNORED_DIRS = new Set(['node_modules', '.git', '__pycache__', '.venv', '.tox', '.mypy_cache', '.pytest_cache']);

export function isIgnoredDir(name: string): boolean {
  return IGNORED_DIRS.has(name);
}

/** A file found below a root: its path and the kinds of folder between (`recordings`, `cassettes`, `testdata`, as bits). */
export interface Candidate<T> {
  item: T;
  name: string;
  folders: number;
}

// Per format: its file names, the folder bits that select them (0: anywhere), whether it takes every file when alone.
const RULES = CONTAINERS.map((format) => ({
  fileName: format.fileName,
  bits: format.folders === 'any' ? 0 : bitsOf(format.folders),
  takeAllWhenAlone: format.holds === 'one' && format.takeAllWhenAlone,
}));

/**
 * Which of a root's files are recordings, by the formats' registry. A file is taken when a
 * format of its name lives below a folder on its path (`recordings/` for ogx JSON,
 * `cassettes/` for VCR YAML, `testdata/` for go-vcr) or anywhere (`.har`), or when the root
 * lies inside such a folder. ogx JSON is taken everywhere when nothing else in the tree is
 * selected by its folder, so that `package.json` or test data beside the tests is not
 * mistaken for a recording, while a tree of recordings alone needs no `recordings` folder.
 * The disk walk and the git sources both decide with this.
 */
export function selectRecordings<T>(candidates: readonly Candidate<T>[], rootFolders: number): T[] {
  const byFolder = (candidate: Candidate<T>): boolean =>
    RULES.some((rule) => rule.fileName.test(candidate.name) && (rule.bits === 0 || ((candidate.folders | rootFolders) & rule.bits) !== 0));
  const selected = candidates.map(byFolder);
  const alone = !selected.some(Boolean);
  return candidates
    .filter((candidate, i) => selected[i] || (alone && RULES.some((rule) => rule.takeAllWhenAlone && rule.fileName.test(candidate.name))))
    .map((candidate) => candidate.item);
}

/** For a path relative to a root (`/` or the platform's separator): the kinds of folder on it, as bits. */
export function describeFolders(relativePath: string): number {
  return pathFolderBits(relativePath, false);
}

/** The kinds of folder an absolute path lies inside (every segment counts: the root itself may be `cassettes/`). */
export function foldersOfRoot(absPath: string): number {
  return pathFolderBits(absPath.split(sep).join('/'), true);
}

/** Does the path (or an ignored folder on it) rule it out before any reading? */
export function isInIgnoredDir(relativePath: string): boolean {
  return relativePath.split(/[\\/]/).slice(0, -1).some(isIgnoredDir);
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
