import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { displayPath } from '../sources/display-path.js';
import type { Entry } from '../types.js';
import { findDefinition, scanPythonTests, type PythonTestFile } from './python-tests.js';
import { parseTestId } from './test-id.js';

type OrphanReason = 'test-file-missing' | 'test-function-missing' | 'not-collected';

export interface Orphan {
  entry: Entry;
  testId: string;
  reason: OrphanReason;
}

/** A reason to refuse a deletion: the evidence looks partial. `--force` overrides each. */
export interface Refusal {
  code: 'partial-collection' | 'max-delete' | 'no-test-files';
  message: string;
}

export interface PruneOptions {
  entries: readonly Entry[];
  /** For the paths in messages. */
  cwd: string;
  /** The folder holding tests/; null: found from the recordings' paths. */
  root: string | null;
  /** Test ids of real collections (unioned); null for the static mode. */
  collected: ReadonlySet<string> | null;
  /** Most files a deletion may remove; default 25 % of the recordings considered. */
  maxDelete: number | null;
}

export interface PrunePlan {
  mode: 'static' | 'collected';
  root: string;
  orphans: Orphan[];
  /** Recordings with a test id: the ones that can be orphans. */
  considered: number;
  /** Recordings with no test id (shared set-up calls, model lists): never orphans. */
  shared: number;
  maxDelete: number;
  refusals: Refusal[];
}

/**
 * Finds the recordings whose test no longer exists, and every reason a deletion of them
 * could be wrong. Reads the test files; changes nothing.
 */
export function planPrune(options: PruneOptions): PrunePlan {
  const withTest = options.entries.filter((entry) => entry.testId !== null && entry.error === null);
  const shared = options.entries.length - withTest.length;
  const root = options.root ?? findTestRoot(withTest) ?? options.cwd;
  const orphans: Orphan[] = [];
  const refusals: Refusal[] = [];
  // 25 % of what is considered, but never 0: a tiny tree may still lose one stale file.
  const maxDelete = options.maxDelete ?? Math.max(1, Math.floor(withTest.length * 0.25));
  const scanned = new Map<string, PythonTestFile | null>();
  const scan = (file: string): PythonTestFile | null => {
    if (!scanned.has(file)) {
      const path = join(root, file);
      scanned.set(file, existsSync(path) ? scanPythonTests(readFileSync(path, 'utf8')) : null);
    }
    return scanned.get(file)!;
  };

  const testFiles = countTestFiles(join(root, 'tests'));
  if (testFiles === 0) {
    refusals.push({
      code: 'no-test-files',
      message: `no test files under ${displayPath(join(root, 'tests'), options.cwd)}/: nothing can be judged there; give --root, or a real collection with --collected`,
    });
  }

  for (const entry of withTest) {
    const testId = entry.testId!;
    const parts = parseTestId(testId);
    if (!parts) continue; // not a pytest node id: no way to judge it
    if (options.collected) {
      if (!options.collected.has(testId)) orphans.push({ entry, testId, reason: 'not-collected' });
      continue;
    }
    if (testFiles === 0) continue; // judging against an empty tree would call everything an orphan
    const file = scan(parts.file);
    if (file === null) orphans.push({ entry, testId, reason: 'test-file-missing' });
    else if (findDefinition(file, parts.classes, parts.name) === 'missing')
      orphans.push({ entry, testId, reason: 'test-function-missing' });
  }

  if (options.collected) {
    // A test file that owns recordings, still exists, and has no test at all in the collection:
    // the collection most likely did not run over it (a partial run, a skipped directory).
    const collectedFiles = new Set([...options.collected].map((id) => id.slice(0, id.indexOf('::'))));
    const owning = new Set(orphans.map((orphan) => parseTestId(orphan.testId)!.file));
    const uncollected = [...owning].filter((file) => !collectedFiles.has(file) && existsSync(join(root, file))).sort();
    if (uncollected.length > 0) {
      refusals.push({
        code: 'partial-collection',
        message:
          uncollected.length === 1
            ? `the collection has no test from ${uncollected[0]}, which still exists and owns recordings: it looks partial`
            : `the collection has no test from ${uncollected.length} test files that still exist and own recordings (${uncollected.slice(0, 3).join(', ')}${uncollected.length > 3 ? ', …' : ''}): it looks partial`,
      });
    }
  }
  if (orphans.length > maxDelete) {
    const share = withTest.length ? Math.round((orphans.length / withTest.length) * 100) : 0;
    refusals.push({
      code: 'max-delete',
      message: `${orphans.length} files (${share}% of the ${withTest.length} recordings considered) are more than --max-delete allows (${maxDelete})`,
    });
  }
  orphans.sort((a, b) => (a.testId < b.testId ? -1 : a.testId > b.testId ? 1 : a.entry.path < b.entry.path ? -1 : 1));
  return { mode: options.collected ? 'collected' : 'static', root, orphans, considered: withTest.length, shared, maxDelete, refusals };
}

/** The folder holding `tests/`: the nearest ancestor of a recording named like the test ids' first folder. */
function findTestRoot(entries: readonly Entry[]): string | null {
  for (const entry of entries) {
    const top = entry.testId!.split('/')[0];
    let folder = dirname(entry.absPath);
    while (dirname(folder) !== folder) {
      if (basename(folder) === top) return dirname(folder);
      folder = dirname(folder);
    }
  }
  return null;
}

/** Python test files (test_*.py, *_test.py) below a folder, stopping at the first few. */
function countTestFiles(folder: string, limit = 5): number {
  let count = 0;
  const stack = [folder];
  while (stack.length > 0 && count < limit) {
    const dir = stack.pop()!;
    let names;
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const dirent of names) {
      if (dirent.isDirectory() && dirent.name !== 'node_modules' && !dirent.name.startsWith('.')) stack.push(join(dir, dirent.name));
      else if (dirent.isFile() && /^(test_.*|.*_test)\.py$/.test(dirent.name)) count++;
    }
  }
  return count;
}

/** Is `path` inside one of `roots` (or one of them)? Deletion never leaves the given paths. */
export function isInside(path: string, roots: readonly string[]): boolean {
  const full = resolve(path);
  return roots.some((root) => {
    const base = resolve(root);
    return full === base || full.startsWith(base.endsWith(sep) ? base : base + sep);
  });
}
