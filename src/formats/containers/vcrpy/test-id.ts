import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

// What marks a Python project's root, where pytest runs and test ids start.
const ROOT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'pytest.ini', 'tox.ini'];
const CASSETTE_SUFFIX = /\.ya?ml(\.gz)?$/;

/**
 * The test a cassette belongs to, by pytest-recording's naming rule:
 * `<folder of the test module>/cassettes/<module>/<name>.yaml` holds the calls of
 * `<folder>/<module>.py::<name>`, where `<name>` is `test_fn[ids]` or `Class.test_fn[ids]`
 * (each of `<>?%*:|"'/\` in it was written as `-`, which cannot be undone). Null when the
 * path does not follow the rule (a cassette right in `cassettes/`, custom names).
 */
export function testIdOfCassette(absPath: string, findRoot: (folder: string) => string = findProjectRoot): string | null {
  const parts = absPath.split(sep);
  const at = parts.lastIndexOf('cassettes');
  // cassettes/<module>/<name>.yaml: exactly one folder between.
  if (at < 0 || at !== parts.length - 3) return null;
  const module = parts[at + 1]!;
  const name = basename(absPath)
    .replace(CASSETTE_SUFFIX, '')
    .replace(/\.xai$/, '');
  const testsFolder = parts.slice(0, at).join(sep) || sep;
  const root = findRoot(testsFolder);
  const folder = relative(root, testsFolder).split(sep).join('/');
  const file = `${folder === '' ? '' : `${folder}/`}${module}.py`;
  return `${file}::${asTestName(name)}`;
}

const roots = new Map<string, string>();

/**
 * The nearest folder above with a project marker; else the folder above the last `tests`
 * (or `test`) folder on the path, where pytest is usually run from; else the folder itself.
 */
export function findProjectRoot(folder: string): string {
  const known = roots.get(folder);
  if (known !== undefined) return known;
  let root: string | null = null;
  for (let current = folder; ; current = dirname(current)) {
    if (ROOT_MARKERS.some((marker) => existsSync(join(current, marker)))) {
      root = current;
      break;
    }
    if (dirname(current) === current) break;
  }
  if (root === null) {
    const parts = folder.split(sep);
    // The innermost: a monorepo's package (`packages/x/tests/...`) runs its own pytest.
    const tests = parts.findLastIndex((part) => part === 'tests' || part === 'test');
    root = tests > 0 ? parts.slice(0, tests).join(sep) || sep : folder;
  }
  roots.set(folder, root);
  return root;
}

/** A project's own cassette naming (config `cassetteNames`): a path template and the test id it stands for. */
export interface CassetteNameRule {
  /** Relative to the folder cassette runs in, no extension: `{x}` is one folder or name, `{x...}` several. */
  path: string;
  /** The test id, with the same placeholders; in `{name}`, `Class.test` becomes `Class::test`. */
  testId: string;
}

/** Does a cassette match one of the project's own naming rules (config `cassetteNames`)? */
export function matchesCassetteNames(rules: readonly CassetteNameRule[], root: string): (absPath: string) => boolean {
  const patterns = rules.map((rule) => compileTemplate(rule.path));
  return (absPath) => {
    const rel = relative(root, absPath).split(sep).join('/').replace(CASSETTE_SUFFIX, '');
    return patterns.some((pattern) => pattern.test(rel));
  };
}

/**
 * The test id of a cassette by the project's rules, first match first; null when none
 * matches (the recorder's own rule decides then). A rule's `{name}` is read as
 * pytest-recording writes names.
 */
export function createCassetteNaming(rules: readonly CassetteNameRule[], root: string): (absPath: string) => string | null {
  const compiled = rules.map((rule) => ({ pattern: compileTemplate(rule.path), testId: rule.testId }));
  return (absPath) => {
    const rel = relative(root, absPath).split(sep).join('/').replace(CASSETTE_SUFFIX, '');
    for (const { pattern, testId } of compiled) {
      const match = pattern.exec(rel);
      if (!match) continue;
      return testId.replace(/\{(\w+)(?:\.\.\.)?\}/g, (_, key: string) => {
        const value = match.groups?.[key] ?? '';
        return key === 'name' ? asTestName(value) : value;
      });
    }
    return null;
  };
}

function compileTemplate(template: string): RegExp {
  const source = template
    .split(/(\{\w+(?:\.\.\.)?\})/)
    .map((part) => {
      const placeholder = /^\{(\w+)(\.\.\.)?\}$/.exec(part);
      if (!placeholder) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return placeholder[2] ? `(?<${placeholder[1]}>.+)` : `(?<${placeholder[1]}>[^/]+)`;
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/** `Class.test_fn[ids]` as a node id's tail: `Class::test_fn[ids]` (dots in the ids stay). */
function asTestName(name: string): string {
  const bracket = name.indexOf('[');
  const head = bracket < 0 ? name : name.slice(0, bracket);
  return `${head.split('.').join('::')}${bracket < 0 ? '' : name.slice(bracket)}`;
}
