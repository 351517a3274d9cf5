import { sep } from 'node:path';

const RECORDINGS_DIR = 'recordings';

// Never recordings, and often huge: the first two by convention, the rest Python tool caches.
const IGNORED_DIRS = new Set(['node_modules', '.git', '__pycache__', '.venv', '.tox', '.mypy_cache', '.pytest_cache']);

export function isIgnoredDir(name: string): boolean {
  return IGNORED_DIRS.has(name);
}

export function isRecordingName(name: string): boolean {
  return name.endsWith('.json');
}

/** A file found below a root: its path and whether a folder named `recordings` lies between. */
export interface Candidate<T> {
  item: T;
  underRecordings: boolean;
}

/**
 * Which of a root's `*.json` files are recordings: those below a folder named `recordings`
 * (all of them when the root is, or lies inside, one), or every one when the root holds no
 * `recordings` folder at all, so that `package.json` or test data beside the tests is not
 * mistaken for a recording. The disk walk and the git sources both decide with this.
 */
export function selectRecordings<T>(candidates: readonly Candidate<T>[], rootInsideRecordings: boolean): T[] {
  const takeAll = rootInsideRecordings || !candidates.some((candidate) => candidate.underRecordings);
  return candidates.filter((candidate) => takeAll || candidate.underRecordings).map((candidate) => candidate.item);
}

/** For a path relative to a root (`/` or the platform's separator): is any folder on it named `recordings`? */
export function hasRecordingsFolder(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  parts.pop();
  return parts.includes(RECORDINGS_DIR);
}

/** Does the path (or an ignored folder on it) rule it out before any reading? */
export function isInIgnoredDir(relativePath: string): boolean {
  return relativePath.split(/[\\/]/).slice(0, -1).some(isIgnoredDir);
}

export function pathHasRecordingsSegment(absPath: string): boolean {
  return absPath.split(sep).includes(RECORDINGS_DIR);
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
