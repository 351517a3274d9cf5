import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, listJsonFiles, makeTempDir, runCli, writeTree } from '../helpers.js';

interface PruneJson {
  orphans: Array<{ path: string; testId: string; reason: string }>;
  considered: number;
  shared: number;
  deleted: boolean;
  refusals: Array<{ code: string; message: string }>;
}

const TEMPLATE = JSON.parse(
  readFileSync(
    listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('test_openai_chat_completion_streaming'))!,
    'utf8',
  ),
) as Record<string, unknown>;
const INFERENCE = 'tests/integration/inference';

/** A recording of the given test, as the recorder would lay it out. */
function recording(testId: string, n: number): [string, string] {
  const name = createHash('sha256').update(`${testId}#${n}`).digest('hex');
  const dir = testId.split('::')[0]!.replace(/\/[^/]+$/, '');
  return [`${dir}/recordings/${name}.json`, JSON.stringify({ ...TEMPLATE, test_id: testId }, null, 2)];
}

const TEST_FILE = `
import pytest

@pytest.mark.parametrize("model", ["model-a", "model-b"])
def test_stream(model):
    pass

class TestTools:
    def test_weather(self):
        pass
`;

/** A small repository: one test file, recordings for tests that exist and for some that do not. */
function makeRepo(): string {
  const ids = [
    `${INFERENCE}/test_chat.py::test_stream[model-a]`,
    `${INFERENCE}/test_chat.py::test_stream[model-b]`,
    `${INFERENCE}/test_chat.py::TestTools::test_weather`,
    `${INFERENCE}/test_chat.py::TestTools::test_weather_old`, // renamed method
    `${INFERENCE}/test_chat.py::test_deleted_function`,
    `${INFERENCE}/test_removed_file.py::test_x`,
  ];
  const files: Record<string, string> = {
    [`${INFERENCE}/test_chat.py`]: TEST_FILE,
    'tests/integration/common/recordings/shared.json': JSON.stringify({ ...TEMPLATE, test_id: null }, null, 2),
  };
  ids.forEach((id, i) => {
    const [path, text] = recording(id, i);
    files[path] = text;
  });
  return writeTree(makeTempDir(), files);
}

function treeHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(relative(root, full)).update(readFileSync(full));
    }
  };
  walk(root);
  return hash.digest('hex');
}

const prune = (root: string, ...args: string[]) => runCli(['prune', 'tests', ...args], { cwd: root });
const pruneJson = (root: string, ...args: string[]) => JSON.parse(prune(root, '--json', ...args).stdout) as PruneJson;

describe('cassette prune, static mode', () => {
  it('finds recordings of a deleted test file, a deleted function and a renamed method; a dry run changes nothing', () => {
    const root = makeRepo();
    const before = treeHash(root);
    const result = pruneJson(root);
    expect(result.orphans.map((orphan) => [orphan.testId.split('::').slice(1).join('::'), orphan.reason])).toEqual([
      ['TestTools::test_weather_old', 'test-function-missing'],
      ['test_deleted_function', 'test-function-missing'],
      ['test_x', 'test-file-missing'],
    ]);
    expect(result).toMatchObject({ considered: 6, shared: 1, deleted: false });
    const human = prune(root);
    expect(human.status).toBe(1);
    expect(human.stdout).toContain('3 orphans of 6 recordings with a test id (test-function-missing 2, test-file-missing 1)');
    expect(human.stdout).toContain('static mode: parametrisation is not judged');
    expect(human.stdout).toContain(
      '--delete would refuse: 3 files (50% of the 6 recordings considered) are more than --max-delete allows (1)',
    );
    expect(human.stdout).toContain('dry run: nothing was deleted; --delete removes 3 files');
    expect(treeHash(root)).toBe(before);
  });

  it('--delete removes exactly the orphans, prints each, and says how to restore in git', () => {
    const root = makeRepo();
    execFileSync('git', ['init', '-q'], { cwd: root });
    const orphans = pruneJson(root).orphans.map((orphan) => orphan.path);
    const result = prune(root, '--delete', '--max-delete', '3');
    expect(result.status).toBe(0);
    for (const path of orphans) {
      expect(result.stdout).toContain(`removed ${path}\n`);
      expect(existsSync(join(root, path))).toBe(false);
    }
    expect(result.stdout).toContain('3 files removed\nrestore with: git checkout -- ');
    expect(listJsonFiles(join(root, 'tests'))).toHaveLength(4);
  });

  it('refuses more than --max-delete (default 25%), touching nothing; --force overrides and says so', () => {
    const root = makeRepo();
    const before = treeHash(root);
    const refused = prune(root, '--delete');
    expect(refused.status).toBe(2);
    expect(refused.stdout).toContain('refuse: 3 files (50% of the 6 recordings considered) are more than --max-delete allows (1)');
    expect(refused.stdout).toContain('nothing deleted: the evidence looks partial (above); --force deletes anyway');
    expect(treeHash(root)).toBe(before);
    expect(prune(root, '--delete', '--max-delete', '40%').status).toBe(2);
    const forced = prune(root, '--delete', '--force');
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain('--force overrode: 3 files (50% of the 6 recordings considered) are more than --max-delete allows (1)');
  });
});

describe('cassette prune, collected mode', () => {
  const collection = (ids: string[], extra = '') => `${ids.join('\n')}\n${extra}\n${ids.length} tests collected in 0.12s\n`;

  it('finds a parametrisation that is gone, from pytest -q output with warnings', () => {
    const root = makeRepo();
    writeFileSync(
      join(root, 'collected.txt'),
      collection(
        [`${INFERENCE}/test_chat.py::test_stream[model-a]`, `${INFERENCE}/test_chat.py::TestTools::test_weather`],
        '=== warnings summary ===\ntests/integration/inference/test_chat.py:3\n  /venv/x.py:1: DeprecationWarning: old\n',
      ),
    );
    const result = pruneJson(root, '--collected', 'collected.txt');
    expect(result.orphans.map((orphan) => orphan.testId.split('::').slice(1).join('::'))).toEqual([
      'TestTools::test_weather_old',
      'test_deleted_function',
      'test_stream[model-b]',
      'test_x',
    ]);
    expect(new Set(result.orphans.map((orphan) => orphan.reason))).toEqual(new Set(['not-collected']));
  });

  it('unions several collections, and reads pytest-json-report files', () => {
    const root = makeRepo();
    writeFileSync(join(root, 'a.txt'), collection([`${INFERENCE}/test_chat.py::test_stream[model-a]`]));
    const report = {
      collectors: [
        {
          nodeid: `${INFERENCE}/test_chat.py`,
          result: [
            { nodeid: `${INFERENCE}/test_chat.py::test_stream[model-b]`, type: 'Function' },
            { nodeid: `${INFERENCE}/test_chat.py::TestTools::test_weather`, type: 'Function' },
          ],
        },
      ],
    };
    writeFileSync(join(root, 'b.json'), JSON.stringify(report));
    const result = pruneJson(root, '--collected', 'a.txt', '--collected', 'b.json');
    expect(result.orphans.map((orphan) => orphan.testId.split('::').slice(1).join('::'))).toEqual([
      'TestTools::test_weather_old',
      'test_deleted_function',
      'test_x',
    ]);
  });

  it('refuses to delete when the collection has no test from a test file that still exists', () => {
    const root = makeRepo();
    writeFileSync(join(root, 'partial.txt'), collection(['tests/integration/agents/test_agents.py::test_simple']));
    const result = prune(root, '--collected', 'partial.txt', '--delete', '--max-delete', '100%');
    expect(result.status).toBe(2);
    expect(result.stdout).toContain(
      'refuse: the collection has no test from tests/integration/inference/test_chat.py, which still exists and owns recordings: it looks partial',
    );
    expect(listJsonFiles(join(root, 'tests'))).toHaveLength(7);
  });

  it('runs --collect and uses its output; a failing command is reported and nothing is judged', () => {
    const root = makeRepo();
    writeFileSync(
      join(root, 'ids.txt'),
      collection([
        `${INFERENCE}/test_chat.py::test_stream[model-a]`,
        `${INFERENCE}/test_chat.py::test_stream[model-b]`,
        `${INFERENCE}/test_chat.py::TestTools::test_weather`,
      ]),
    );
    expect(pruneJson(root, '--collect', 'cat ids.txt').orphans).toHaveLength(3);
    const failed = prune(root, '--collect', 'echo boom >&2; exit 4');
    expect(failed.status).toBe(2);
    expect(failed.stderr).toContain("cassette: --collect: 'echo boom >&2; exit 4' exited with 4\n  boom\n");
  });

  it('rejects a collection file with no test ids', () => {
    const root = makeRepo();
    writeFileSync(join(root, 'empty.txt'), 'no tests ran in 0.01s\n');
    const result = prune(root, '--collected', 'empty.txt');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cassette: --collected empty.txt holds no test ids');
  });
});
