import { basename, join, relative, sep } from 'node:path';
import { testIdOfGoCassette } from './test-id.js';
import type { OwnerJudgement, OwnerRefusal, OwnerVerdict, TestSources } from '../container.js';

const TEST_FUNC = /^func ((?:Test|Example|Benchmark|Fuzz)\w*)\(/gm;
// A recording named by a literal path (`httprecord.New("testdata/example", ...)`).
const LITERAL = /"testdata\/([^"\n]+?)(?:\.yaml)?"/g;
const SCOREBOARD = /^scoreboard.*\.json$/;

/**
 * go-vcr cassettes named by `t.Name()` (genai's recorder, and Go's usual way): the path below a
 * package's `testdata/` is the test's name, so its first part must be a `func Test…` (or
 * `Example…`) of the package's `*_test.go`, unless a test names the file literally. Below a
 * `Scoreboard` folder, the model folder must be in one of the package's `scoreboard*.json`
 * (genai deletes the folders of models it no longer lists). A package whose cassettes mostly
 * do not follow the rule is refused: its project names them another way.
 */
export function judgeGoOwners(cassettes: readonly string[], sources: TestSources): OwnerJudgement {
  const byPackage = new Map<string, string[]>();
  for (const path of cassettes) {
    const at = path.split(sep).lastIndexOf('testdata');
    if (at < 1) continue;
    const pkg = path.split(sep).slice(0, at).join(sep);
    byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), path]);
  }
  const verdicts: OwnerVerdict[] = [];
  const refusals: OwnerRefusal[] = [];
  for (const [pkg, paths] of byPackage) {
    const testdata = join(pkg, 'testdata');
    const tests = sources.list(pkg, /_test\.go$/, false).map((path) => sources.read(path) ?? '');
    if (tests.length === 0) {
      refusals.push({ code: 'no-test-files', folder: testdata, cassettes: paths.length, reason: `no *_test.go in ${basename(pkg)}/` });
      continue;
    }
    const source = tests.join('\n');
    const funcs = new Set([...source.matchAll(TEST_FUNC)].map((match) => match[1]!));
    const literals = new Set([...source.matchAll(LITERAL)].map((match) => match[1]!));
    const models = readScoreboardModels(pkg, sources);
    const judged = paths.map((path): OwnerVerdict => {
      const name = relative(testdata, path)
        .split(sep)
        .join('/')
        .replace(/\.ya?ml$/, '');
      const testId = testIdOfGoCassette(path) ?? name;
      if (literals.has(name)) return { absPath: path, testId, verdict: 'owned' };
      const parts = name.split('/');
      if (!funcs.has(parts[0]!)) return { absPath: path, testId, verdict: 'test-function-missing' };
      const board = parts.indexOf('Scoreboard');
      // The model's folder is everything between Scoreboard and the scenario (a model id with `/` makes several).
      const model = board >= 0 && parts.length - board > 2 ? parts.slice(board + 1, -1).join('/') : null;
      if (model !== null && models !== null && !models.has(model)) return { absPath: path, testId, verdict: 'not-listed' };
      return { absPath: path, testId, verdict: 'owned' };
    });
    const named = judged.filter((verdict) => verdict.verdict !== 'test-function-missing').length;
    if (named * 2 < judged.length) {
      refusals.push({
        code: 'unknown-layout',
        folder: testdata,
        cassettes: paths.length,
        reason: `${named} of ${paths.length} cassettes are named after a test of ${basename(pkg)}/ (t.Name())`,
      });
      continue;
    }
    verdicts.push(...judged);
  }
  return { rule: "t.Name() below each package's testdata/ (and genai's scoreboard*.json model lists)", verdicts, refusals };
}

/** The model folders a package's scoreboards list (`Model.String()`: `:` as `-`, `_thinking` when reasoning); null without one. */
function readScoreboardModels(pkg: string, sources: TestSources): Set<string> | null {
  const files = sources.list(pkg, SCOREBOARD, false);
  if (files.length === 0) return null;
  const models = new Set<string>();
  for (const file of files) {
    let board: unknown;
    try {
      board = JSON.parse(sources.read(file) ?? 'null');
    } catch {
      return null; // a scoreboard we cannot read: the models are not judged
    }
    const scenarios = (board as { scenarios?: unknown } | null)?.scenarios;
    if (!Array.isArray(scenarios)) return null;
    for (const scenario of scenarios as Array<{ models?: unknown; reason?: unknown }>) {
      for (const model of Array.isArray(scenario.models) ? scenario.models : [])
        if (typeof model === 'string') models.add(`${model.replaceAll(':', '-')}${scenario.reason === true ? '_thinking' : ''}`);
    }
  }
  return models;
}
