import { existsSync, lstatSync } from 'node:fs';
import { readSmallFile } from '../read-small-file.js';
import { basename, dirname, join } from 'node:path';
import { displayPath } from '../sources/display-path.js';
import type { Entry } from '../types.js';
import { findProjectRoot } from '../../formats/containers/vcrpy/test-id.js';
import { LAYOUTS, judgeCassettes, type LayoutChoice } from './cassette-layouts.js';
import { findPythonTests } from './find-python-tests.js';
import { findDefinition, scanPythonTests, type PythonTestFile } from './python-tests.js';
import { parseTestId } from './test-id.js';
import { createTestSources } from './test-sources.js';
import { containerNamed } from '../../formats/containers/index.js';
import type { CassetteFormat } from '../../formats/containers/container.js';

const MAX_TEST_MODULE_BYTES = 16 * 1024 * 1024;

type OrphanReason = 'test-file-missing' | 'test-function-missing' | 'not-marked' | 'not-collected' | 'not-listed';

export interface Orphan {
  entry: Entry;
  testId: string;
  reason: OrphanReason;
  /** Size and modification time when planned: a file that changed since is not removed. */
  planned: { bytes: number; mtimeMs: number } | null;
}

/** A reason to refuse a deletion: the evidence looks partial. `--force` overrides each. */
export interface Refusal {
  code: 'partial-collection' | 'max-delete' | 'no-test-files' | 'unknown-layout' | 'not-restorable';
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
  /** Absolute paths git can restore; null outside a git work tree (nothing can be restored). */
  tracked?: ReadonlySet<string> | null;
  /** Cassettes the config's cassetteNames map to their tests: judged by that test id, not by a layout. */
  configured?: (absPath: string) => boolean;
}

export interface PrunePlan {
  mode: 'static' | 'collected';
  /** The test roots the recordings were judged against (the folders holding tests/). */
  roots: string[];
  orphans: Orphan[];
  /** Recordings with a test id: the ones that can be orphans. */
  considered: number;
  /** Recordings with no test id (shared set-up calls, model lists): never orphans. */
  shared: number;
  /** Of those, cassettes outside the naming rule (and the config's cassetteNames). */
  sharedCassettes: number;
  /** The layout each cassettes folder was judged by (null: none explains most of it, so it is not judged). */
  layouts: LayoutChoice[];
  /** Cassettes of a dialect cassette cannot read (WebSocket logs, gRPC): never judged. */
  unsupported: number;
  /** The cassettes a container format judged by its recorder's naming rule (Ruby VCR, go-vcr, Polly), per format. */
  namings: Array<{ container: string; rule: string; judged: number }>;
  maxDelete: number;
  refusals: Refusal[];
}

/**
 * Finds the recordings whose test no longer exists, and every reason a deletion of them
 * could be wrong. Reads the test files; changes nothing.
 */
export function planPrune(options: PruneOptions): PrunePlan {
  // A cassette is one file with one entry per interaction: it is judged (and removed) once.
  const all = onePerFile(options.entries);
  // A cassette in a dialect cassette cannot read is the project's own business: never judged.
  const unsupported = all.filter((entry) => entry.kind === 'unsupported');
  const files = all.filter((entry) => entry.kind !== 'unsupported');
  // A cassette whose format reads its owners from the test sources is judged by it; other
  // cassettes by their folder's layout (pytest's), unless the config names their tests.
  const configured = (entry: Entry) => options.configured?.(entry.absPath) ?? false;
  const byFormat = new Map<CassetteFormat, Entry[]>();
  for (const entry of files) {
    const format = containerNamed(entry.container);
    if (format?.holds !== 'many' || !format.judgeOwners || entry.error !== null || configured(entry)) continue;
    byFormat.set(format, [...(byFormat.get(format) ?? []), entry]);
  }
  const ownFormat = new Set([...byFormat.values()].flat());
  const byLayout = files.filter((entry) => entry.format === 'vcr' && entry.error === null && !configured(entry) && !ownFormat.has(entry));
  const laidOut = new Set([...byLayout, ...ownFormat]);
  const withTest = files.filter((entry) => entry.testId !== null && entry.error === null && !laidOut.has(entry));
  const without = files.filter((entry) => entry.testId === null && entry.error === null && !laidOut.has(entry));
  const sharedCassettes = without.filter((entry) => entry.format === 'vcr').length;
  const collected = options.collected && {
    ogx: options.collected,
    vcr: cassetteNames(options.collected),
    bare: new Set([...options.collected].map((id) => id.replace(/\[.*\]$/, ''))),
  };
  const orphans: Orphan[] = [];
  const refusals: Refusal[] = [];
  // 25 % of what is considered, but never 0: a tiny tree may still lose one stale file.
  const maxDelete = options.maxDelete ?? Math.max(1, Math.floor((withTest.length + byLayout.length) * 0.25));
  const scanned = new Map<string, PythonTestFile | null>();
  const scan = (path: string): PythonTestFile | null => {
    if (!scanned.has(path)) {
      // A test module is read only as a regular file of bounded size (a link to /dev/zero is none).
      const read = existsSync(path) ? readSmallFile(path, MAX_TEST_MODULE_BYTES) : null;
      scanned.set(path, read === null ? null : scanPythonTests(read.ok ? read.text : ''));
    }
    return scanned.get(path)!;
  };
  // Each recording is judged against the test root above it: with paths from several
  // projects in one run, each has its own.
  const rootOf = (entry: Entry): string => options.root ?? findTestRoot(entry) ?? options.cwd;
  const testFileCounts = new Map<string, number>();
  const countAt = (root: string): number => {
    if (!testFileCounts.has(root)) testFileCounts.set(root, countTestFiles(join(root, 'tests')));
    return testFileCounts.get(root)!;
  };

  for (const entry of withTest) {
    const testId = entry.testId!;
    const parts = parseTestId(testId);
    if (!parts) continue; // not a pytest node id: no way to judge it
    const root = rootOf(entry);
    const orphan = (reason: OrphanReason) => orphans.push({ entry, testId, reason, planned: statOf(entry.absPath) });
    if (collected) {
      // A cassette's test id comes from its name, where pytest-recording wrote `-` for some characters.
      if (!collected[entry.format].has(testId)) orphan('not-collected');
      continue;
    }
    if (countAt(root) === 0) continue; // judging against an empty tree would call everything an orphan
    const file = scan(join(root, parts.file));
    if (file === null) orphan('test-file-missing');
    else if (findDefinition(file, parts.classes, parts.name) === 'missing') orphan('test-function-missing');
  }
  const owners = judgeCassettes(byLayout, scan, options.root ? () => options.root! : findProjectRoot);
  let placed = 0;
  for (const judged of owners.judgements) {
    if (judged.verdict === 'unplaced') continue;
    placed++;
    const orphan = (reason: OrphanReason) =>
      orphans.push({ entry: judged.entry, testId: judged.testId, reason, planned: statOf(judged.entry.absPath) });
    if (collected) {
      // With parameters in its name, the cassette is that variant's (as pytest-recording sanitised them);
      // without, any collected variant of the test (or of the family a per-test folder names) owns it.
      const owner = judged.testId.endsWith(']')
        ? collected.vcr.has(judged.testId)
        : [...collected.bare].some((id) => id === judged.testId || (judged.family && id.startsWith(`${judged.testId}_`)));
      if (!owner) orphan('not-collected');
    } else if (judged.verdict === 'test-file-missing' || judged.verdict === 'test-function-missing' || judged.verdict === 'not-marked')
      orphan(judged.verdict);
  }
  const namings: PrunePlan['namings'] = [];
  const sources = createTestSources();
  for (const [format, group] of byFormat) {
    const entryAt = new Map(group.map((entry) => [entry.absPath, entry]));
    const judgement = format.judgeOwners!([...entryAt.keys()], sources);
    for (const verdict of judgement.verdicts) {
      placed++;
      const entry = entryAt.get(verdict.absPath)!;
      if (verdict.verdict !== 'owned')
        orphans.push({ entry, testId: verdict.testId, reason: verdict.verdict, planned: statOf(entry.absPath) });
    }
    for (const refusal of judgement.refusals)
      refusals.push({
        code: refusal.code,
        message: `${displayPath(refusal.folder, options.cwd)}/: ${refusal.reason}: none of its ${refusal.cassettes} ${format.title}s is judged`,
      });
    namings.push({ container: format.name, rule: judgement.rule, judged: judgement.verdicts.length });
  }
  const roots = [...new Set(withTest.map(rootOf))].sort();
  for (const choice of owners.choices.filter((candidate) => candidate.layout === null)) {
    const counts = LAYOUTS.map((layout) => `${layout} ${choice.explained[layout]}`).join(', ');
    // No test module anywhere in the project: nothing to judge by, rather than a layout of its own.
    const project = options.root ?? findProjectRoot(dirname(choice.folder));
    if (countTestFiles(project) === 0) {
      refusals.push({
        code: 'no-test-files',
        message: `no test files in ${displayPath(project, options.cwd)}/ for the ${choice.total} cassettes of ${displayPath(choice.folder, options.cwd)}/: nothing can be judged there; give --root, or a real collection with --collected`,
      });
      continue;
    }
    refusals.push({
      code: 'unknown-layout',
      message: `${displayPath(choice.folder, options.cwd)}/: no layout explains most of its ${choice.total} cassettes (${counts}): none is judged; map them to their tests with cassetteNames in the config (docs/config.md)`,
    });
  }

  if (!options.collected) {
    const empty = roots.filter((root) => countAt(root) === 0);
    for (const root of empty) {
      refusals.push({
        code: 'no-test-files',
        message: `no test files under ${displayPath(join(root, 'tests'), options.cwd)}/: nothing can be judged there; give --root, or a real collection with --collected`,
      });
    }
  } else {
    // A test file that owns recordings, still exists, and has no test at all in the collection:
    // the collection most likely did not run over it (a partial run, a skipped directory).
    const collectedFiles = new Set([...options.collected].map((id) => id.slice(0, id.indexOf('::'))));
    const owning = new Map(orphans.map((orphan) => [parseTestId(orphan.testId)!.file, rootOf(orphan.entry)]));
    const uncollected = [...owning]
      .filter(([file, root]) => !collectedFiles.has(file) && existsSync(join(root, file)))
      .map(([file]) => file);
    uncollected.sort();
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
  const considered = withTest.length + placed;
  if (orphans.length > maxDelete) {
    const share = considered ? Math.round((orphans.length / considered) * 100) : 0;
    refusals.push({
      code: 'max-delete',
      message: `${orphans.length} files (${share}% of the ${considered} recordings considered) are more than --max-delete allows (${maxDelete})`,
    });
  }
  if (options.tracked !== undefined) {
    const lost = orphans.filter((orphan) => !options.tracked?.has(orphan.entry.absPath));
    if (lost.length > 0) {
      const where = options.tracked === null ? 'not in a git work tree' : 'not tracked by git';
      refusals.push({
        code: 'not-restorable',
        message: `${lost.length === 1 ? `${lost[0]!.entry.path} is` : `${lost.length} files are`} ${where}: not in git, cannot be restored once deleted`,
      });
    }
  }
  orphans.sort((a, b) => (a.testId < b.testId ? -1 : a.testId > b.testId ? 1 : a.entry.path < b.entry.path ? -1 : 1));
  return {
    mode: options.collected ? 'collected' : 'static',
    roots,
    orphans,
    considered,
    shared: without.length,
    sharedCassettes,
    layouts: owners.choices,
    unsupported: unsupported.length,
    namings,
    maxDelete,
    refusals,
  };
}

function onePerFile(entries: readonly Entry[]): Entry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    if (seen.has(entry.absPath)) return false;
    seen.add(entry.absPath);
    return true;
  });
}

/**
 * Collected node ids as the test ids of their cassettes read: parameters with each of
 * `<>?%*:|"'/\` written as `-` (pytest-recording's rule), so a removed parametrisation is
 * found as well as a removed test.
 */
function cassetteNames(collected: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const id of collected) {
    const parts = parseTestId(id);
    if (!parts) continue;
    const params = parts.params === null ? '' : `[${parts.params.replace(/[<>?%*:|"'/\\]/g, '-')}]`;
    names.add(`${parts.file}::${[...parts.classes, parts.name].join('::')}${params}`);
  }
  return names;
}

function statOf(path: string): { bytes: number; mtimeMs: number } | null {
  try {
    const stats = lstatSync(path);
    return { bytes: stats.size, mtimeMs: stats.mtimeMs };
  } catch {
    return null;
  }
}

/** The folder holding `tests/`: the nearest ancestor of the recording named like its test id's first folder. */
function findTestRoot(entry: Entry): string | null {
  const top = entry.testId!.split('/')[0];
  let folder = dirname(entry.absPath);
  while (dirname(folder) !== folder) {
    if (basename(folder) === top) return dirname(folder);
    folder = dirname(folder);
  }
  return null;
}

/** Python test files (test_*.py, *_test.py) below a folder, stopping at the first few. */
function countTestFiles(folder: string, limit = 5): number {
  return findPythonTests(folder, { limit }).length;
}
