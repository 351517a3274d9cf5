import { readdirSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { isCassettesDir } from '../sources/folders.js';
import { findPythonTests } from './find-python-tests.js';
import type { Entry } from '../types.js';
import { findDefinition, isVcrMarked, listTests, usesVcrMarkers, type PythonTestFile } from './python-tests.js';

/**
 * How a project lays its cassettes out, each a way from a cassette to the tests that can own it:
 *
 * - `pytest-recording`: its default, `<folder>/cassettes/<module>/<test>.yaml` for `<folder>/<module>.py`;
 * - `mirrored`: one `cassettes` tree mirroring the test folders, `cassettes/<dir…>/<test>.yaml` for a
 *   module of `<dir…>` (crewAI's `vcr_cassette_dir`); a cassette right in `cassettes/` belongs to
 *   the modules beside that folder, as when each folder of modules has its own `cassettes`;
 * - `per-test-folder`: `cassettes/<test>/<variant…>.yaml`, a folder of parametrised cassettes per
 *   test of a module beside it, or per family of tests (`test_call` for `test_call_sync`, Mirascope).
 */
export const LAYOUTS = ['pytest-recording', 'mirrored', 'per-test-folder'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export const LAYOUT_DESCRIPTIONS: Record<LayoutName, string> = {
  'pytest-recording': "pytest-recording's default: cassettes/<module>/<test>.yaml",
  mirrored: 'cassettes mirroring the test folders: cassettes/<folder>/<test>.yaml',
  'per-test-folder': 'a folder per test: cassettes/<test>/<variant>.yaml',
};

/** Where a cassette's owner may be: test modules, and the test's name (or the start of the names of a family). */
interface Candidate {
  modules: string[];
  classes: string[];
  name: string;
  /** The parameters in the cassette's name (`[gpt-4o]`), as pytest-recording wrote them, or ''. */
  params: string;
  family: boolean;
}

interface CassetteJudgement {
  entry: Entry;
  /** The test that owns it, or the test id it would have under the chosen layout. */
  testId: string;
  /** The test id names a family of tests (`test_call` for `test_call_sync`…), not one test. */
  family: boolean;
  /** `unplaced`: the layout cannot read this cassette's path; neither explained nor an orphan. */
  verdict: 'owned' | 'unknown' | 'unplaced' | 'test-file-missing' | 'test-function-missing' | 'not-marked';
}

export interface LayoutChoice {
  /** The cassettes folder (absolute). */
  folder: string;
  layout: LayoutName | null;
  /** Cassettes each layout explains (their owner found, or not ruled out). */
  explained: Record<LayoutName, number>;
  total: number;
}

export interface CassetteOwners {
  judgements: CassetteJudgement[];
  choices: LayoutChoice[];
}

/**
 * Judges cassettes by the first layout (in LAYOUTS order) that explains most of each `cassettes` folder, read from the
 * test modules beside it. A folder no layout explains for most of its cassettes gets no
 * layout, and its cassettes no verdict: it is reported, never presented as orphans.
 */
export function judgeCassettes(
  entries: readonly Entry[],
  scan: (path: string) => PythonTestFile | null,
  rootOf: (folder: string) => string,
): CassetteOwners {
  const byFolder = new Map<string, Entry[]>();
  for (const entry of entries) {
    const folder = cassettesFolderOf(entry.absPath);
    if (folder !== null) byFolder.set(folder, [...(byFolder.get(folder) ?? []), entry]);
  }
  const judgements: CassetteJudgement[] = [];
  const choices: LayoutChoice[] = [];
  for (const [folder, group] of [...byFolder].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const extra = extraCassettes(dirname(folder), scan);
    const judged = Object.fromEntries(
      LAYOUTS.map((layout) => [layout, group.map((entry) => judge(entry, layout, folder, scan, rootOf, extra))]),
    ) as Record<LayoutName, CassetteJudgement[]>;
    const explained = Object.fromEntries(
      LAYOUTS.map((layout) => [layout, judged[layout].filter((item) => item.verdict === 'owned' || item.verdict === 'unknown').length]),
    ) as Record<LayoutName, number>;
    // The most specific layout that explains most of the folder: pytest-recording's names each
    // cassette after its own test, so a cassette of a removed test stays an orphan even where a
    // folder per family of tests (test_bedrock for test_bedrock_*) would explain it too.
    const layout = LAYOUTS.find((candidate) => explained[candidate] * 2 > group.length) ?? null;
    choices.push({ folder, layout, explained, total: group.length });
    if (layout) judgements.push(...judged[layout]);
  }
  return { judgements, choices };
}

/** The nearest folder named like `cassettes` above a cassette. */
function cassettesFolderOf(absPath: string): string | null {
  for (let folder = dirname(absPath); dirname(folder) !== folder; folder = dirname(folder))
    if (isCassettesDir(basename(folder))) return folder;
  return null;
}

function judge(
  entry: Entry,
  layout: LayoutName,
  folder: string,
  scan: (path: string) => PythonTestFile | null,
  rootOf: (folder: string) => string,
  extra: ReadonlySet<string>,
): CassetteJudgement {
  const candidate = candidateOf(entry.absPath, layout, folder);
  const root = rootOf(dirname(folder));
  if (candidate === null) return { entry, testId: relative(root, entry.absPath).split(sep).join('/'), family: false, verdict: 'unplaced' };
  const modules = candidate.modules.filter((module) => scan(module) !== null);
  const testName = [...candidate.classes, candidate.name].join('::');
  const idOf = (module: string) => `${relative(root, module).split(sep).join('/')}::${testName}${candidate.params}`;
  // A cassette a test names in its marker (`@pytest.mark.vcr('shared.yaml')`) is owned.
  if (extra.has(basename(entry.absPath)) || extra.has(relative(folder, entry.absPath).split(sep).join('/')))
    return { entry, testId: idOf(candidate.modules[0] ?? folder), family: candidate.family, verdict: 'owned' };
  if (modules.length === 0)
    return {
      entry,
      testId: idOf(candidate.modules[0] ?? join(dirname(folder), '?.py')),
      family: candidate.family,
      verdict: 'test-file-missing',
    };
  let unknown: string | null = null;
  let unmarked: string | null = null;
  for (const module of modules) {
    const file = scan(module)!;
    const names = candidate.family
      ? listTests(file).filter((test) => test === testName || test.startsWith(`${testName}_`))
      : findDefinition(file, candidate.classes, candidate.name) === 'defined'
        ? [testName]
        : [];
    if (names.length === 0) {
      if (!candidate.family && findDefinition(file, candidate.classes, candidate.name) === 'unknown') unknown ??= module;
      continue;
    }
    // A module that marks its tests for vcr records only those: an unmarked test reads no cassette.
    const marked = names.find((name) => {
      const parts = name.split('::');
      return isVcrMarked(file, parts.slice(0, -1), parts.at(-1)!);
    });
    if (marked !== undefined || !usesVcrMarkers(file)) return { entry, testId: idOf(module), family: candidate.family, verdict: 'owned' };
    unmarked ??= module;
  }
  if (unknown !== null) return { entry, testId: idOf(unknown), family: candidate.family, verdict: 'unknown' };
  if (unmarked !== null) return { entry, testId: idOf(unmarked), family: candidate.family, verdict: 'not-marked' };
  return {
    entry,
    testId: idOf(modules.length === 1 ? modules[0]! : join(dirname(modules[0]!), '*.py')),
    family: candidate.family,
    verdict: 'test-function-missing',
  };
}

/** Where a layout says a cassette's owner is, or null when the cassette's path cannot be read that way. */
function candidateOf(absPath: string, layout: LayoutName, folder: string): Candidate | null {
  const parts = relative(folder, absPath).split(sep);
  const stem = parts
    .pop()!
    .replace(/\.ya?ml(\.gz)?$/, '')
    .replace(/\.xai$/, '');
  const beside = dirname(folder);
  switch (layout) {
    case 'pytest-recording':
      return parts.length === 1 ? { modules: [join(beside, `${parts[0]}.py`)], ...testNameOf(stem), family: false } : null;
    case 'mirrored':
      return { modules: testModulesIn(join(beside, ...parts)), ...testNameOf(stem), family: false };
    case 'per-test-folder':
      return parts.length >= 1 ? { modules: testModulesIn(beside), classes: [], name: parts[0]!, params: '', family: true } : null;
  }
}

/** `Class.test_fn[ids]` as pytest-recording writes a test's name: its classes, function and parameters. */
function testNameOf(stem: string): { classes: string[]; name: string; params: string } {
  const bracket = stem.indexOf('[');
  const head = bracket < 0 ? stem : stem.slice(0, bracket);
  const names = head.split('.');
  return { classes: names.slice(0, -1), name: names.at(-1)!, params: bracket < 0 ? '' : stem.slice(bracket) };
}

const testModuleCache = new Map<string, string[]>();

function testModulesIn(folder: string): string[] {
  const known = testModuleCache.get(folder);
  if (known) return known;
  let modules: string[] = [];
  try {
    modules = readdirSync(folder, { withFileTypes: true })
      .filter((dirent) => dirent.isFile() && /^(test_.*|.*_test)\.py$/.test(dirent.name))
      .map((dirent) => join(folder, dirent.name))
      .sort();
  } catch {
    modules = [];
  }
  testModuleCache.set(folder, modules);
  return modules;
}

/** Cassettes named in vcr markers of the test modules below a folder (with their paths, and by name alone). */
function extraCassettes(folder: string, scan: (path: string) => PythonTestFile | null): Set<string> {
  const names = new Set<string>();
  for (const path of findPythonTests(folder, { conftests: true }))
    for (const name of scan(path)?.extraCassettes ?? []) {
      names.add(name);
      names.add(basename(name));
    }
  return names;
}
