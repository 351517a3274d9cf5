import { sep } from 'node:path';

const RECORDINGS_DIR = 'recordings';
// pytest-recording's folder, `<folder of the test module>/cassettes/<module>/<test>.yaml`, and
// plain vcrpy's `cassette_library_dir`s named after it (`fixtures/vcr_cassettes` in its docs).
const CASSETTES_DIR = /^(?:.+[_-])?cassettes$/;
const CASSETTE_NAME = /\.ya?ml(\.gz)?$/;

// Never recordings, and often huge: the first two by convention, the rest Python tool caches.
const IGNORED_DIRS = new Set(['node_modules', '.git', '__pycache__', '.venv', '.tox', '.mypy_cache', '.pytest_cache']);

export function isIgnoredDir(name: string): boolean {
  return IGNORED_DIRS.has(name);
}

/** A name a recording can have: an ogx `*.json`, or a VCR cassette (`*.yaml`, `*.yml`, gzipped or not). */
export function isRecordingName(name: string): boolean {
  return name.endsWith('.json') || isCassetteName(name);
}

export function isCassetteName(name: string): boolean {
  return CASSETTE_NAME.test(name);
}

/** A file found below a root: its path and the folders between (`recordings`, `cassettes`). */
export interface Candidate<T> {
  item: T;
  name: string;
  underRecordings: boolean;
  underCassettes: boolean;
}

/**
 * Which of a root's files are recordings. JSON: those below a folder named `recordings`
 * (all of them when the root is, or lies inside, one), or every one when the root holds
 * neither a `recordings` nor a `cassettes` folder, so that `package.json` or test data beside
 * the tests is not mistaken for a recording. Cassettes: the YAML files below a folder named
 * `cassettes` (or all when the root lies inside one); CI workflows and compose files are
 * YAML too. `vcr_cassettes` and `vcr-cassettes` count as `cassettes`. The disk walk and the
 * git sources both decide with this.
 */
export function selectRecordings<T>(
  candidates: readonly Candidate<T>[],
  root: { insideRecordings: boolean; insideCassettes: boolean },
): T[] {
  const takeAllJson =
    root.insideRecordings ||
    !candidates.some((candidate) => candidate.underRecordings || (candidate.underCassettes && isCassetteName(candidate.name)));
  return candidates
    .filter((candidate) =>
      isCassetteName(candidate.name) ? root.insideCassettes || candidate.underCassettes : takeAllJson || candidate.underRecordings,
    )
    .map((candidate) => candidate.item);
}

/** For a path relative to a root (`/` or the platform's separator): the `recordings` and cassettes folders on it. */
export function describeFolders(relativePath: string): { underRecordings: boolean; underCassettes: boolean } {
  const parts = relativePath.split(/[\\/]/);
  parts.pop();
  return { underRecordings: parts.includes(RECORDINGS_DIR), underCassettes: parts.some(isCassettesDir) };
}

/** Does the path (or an ignored folder on it) rule it out before any reading? */
export function isInIgnoredDir(relativePath: string): boolean {
  return relativePath.split(/[\\/]/).slice(0, -1).some(isIgnoredDir);
}

export function pathHasRecordingsSegment(absPath: string): boolean {
  return absPath.split(sep).includes(RECORDINGS_DIR);
}

export function pathHasCassettesSegment(absPath: string): boolean {
  return absPath.split(sep).some(isCassettesDir);
}

/** `cassettes`, or a name ending in `_cassettes` or `-cassettes` (`vcr_cassettes`). */
export function isCassettesDir(name: string): boolean {
  return CASSETTES_DIR.test(name);
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
