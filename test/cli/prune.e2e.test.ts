import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, ROOT, listJsonFiles, makeTempDir, treeHash, runCli, writeTree } from '../helpers.js';

interface PruneJson {
  orphans: Array<{ path: string; testId: string; reason: string }>;
  considered: number;
  shared: number;
  deleted: boolean;
  refusals: Array<{ code: string; message: string }>;
  files: Array<{ path: string; removed: boolean; kept: string | null; detail: string | null; restorable: boolean }>;
  interrupted: boolean;
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

/** The tree as a git repository with everything committed: what --delete can restore. */
function commitAll(root: string): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'recordings');
  return root;
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
    // One count, one verdict: a refused deletion is not also promised.
    expect(human.stdout).toContain('dry run: nothing was deleted; --delete refuses (above), --delete --force removes 3 files');
    expect(human.stdout).not.toContain('--delete removes');
    expect(treeHash(root)).toBe(before);
  });

  it('--delete removes exactly the orphans, prints each, and says how to restore in git', () => {
    const root = commitAll(makeRepo());
    const orphans = pruneJson(root).orphans.map((orphan) => orphan.path);
    const result = prune(root, '--delete', '--max-delete', '3');
    expect(result.status).toBe(0);
    for (const path of orphans) {
      expect(result.stdout).toContain(`removed ${path}\n`);
      expect(result.stdout).toContain(`  git checkout -- ${path}\n`);
      expect(existsSync(join(root, path))).toBe(false);
    }
    expect(result.stdout).toContain('3 files removed\nrestore with:\n');
    expect(listJsonFiles(join(root, 'tests'))).toHaveLength(4);
    // The hint works: pasting it brings every file back.
    for (const line of result.stdout.split('\n').filter((text) => text.startsWith('  git checkout -- '))) {
      execFileSync('sh', ['-c', line.trim()], { cwd: root });
    }
    for (const path of orphans) expect(existsSync(join(root, path))).toBe(true);
  });

  it('refuses more than --max-delete (default 25%), touching nothing; --force overrides and says so', () => {
    const root = commitAll(makeRepo());
    const before = treeHash(root);
    const refused = prune(root, '--delete');
    expect(refused.status).toBe(2);
    expect(refused.stdout).toContain('refuse: 3 files (50% of the 6 recordings considered) are more than --max-delete allows (1)');
    expect(refused.stdout).toContain(
      'nothing deleted: the evidence looks partial or the files cannot be restored (above); --force deletes anyway',
    );
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

describe('cassette prune --delete: what it will never do', () => {
  const DELETED = `${INFERENCE}/test_removed_file.py::test_x`;

  it('never deletes outside the real paths given, nor through a symlinked folder', () => {
    const outside = writeTree(
      makeTempDir(),
      Object.fromEntries([recording(DELETED, 1)].map(([path, text]) => [path.replace(/^.*recordings\//, ''), text])),
    );
    const root = commitAll(makeRepo());
    mkdirSync(join(root, 'tests/integration/linked'), { recursive: true });
    symlinkSync(outside, join(root, 'tests/integration/linked/recordings'));
    const result = prune(root, '--delete', '--force', '--json');
    const report = JSON.parse(result.stdout) as PruneJson;
    const linked = report.files.find((file) => file.path.includes('/linked/'))!;
    expect(linked).toMatchObject({ removed: false, kept: 'symlink' });
    expect(linked.detail).toContain('symlinked folder');
    expect(listJsonFiles(outside)).toHaveLength(1);
    expect(result.status).toBe(1);
  });

  it('judges each recording against the test root above it, with paths from two projects', () => {
    const a = makeRepo();
    const b = writeTree(join(a, 'other-project'), {
      'tests/integration/inference/test_removed_file.py': 'def test_x():\n    pass\n',
      ...Object.fromEntries([recording(DELETED, 9)]),
    });
    const report = JSON.parse(runCli(['prune', '--json', join(a, 'tests'), join(b, 'tests')], { cwd: a }).stdout) as PruneJson;
    // test_removed_file.py is gone from project a, but exists in project b: only a's recording is an orphan.
    const removedFile = report.orphans.filter((orphan) => orphan.testId === DELETED).map((orphan) => orphan.path);
    expect(removedFile).toHaveLength(1);
    expect(removedFile[0]).not.toContain('other-project');
  });

  it('requires --force to delete a file git cannot restore, and says it cannot be restored', () => {
    const root = makeRepo();
    execFileSync('git', ['init', '-q'], { cwd: root });
    const refused = prune(root, '--delete', '--max-delete', '100%');
    expect(refused.status).toBe(2);
    expect(refused.stdout).toContain('not in git, cannot be restored once deleted');
    const forced = prune(root, '--delete', '--force');
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/removed \S+ \(not in git: cannot be restored\)/);
    expect(forced.stdout).not.toContain('git checkout');
  });

  it('quotes restore hints so that pasting them is safe whatever the file name', () => {
    const root = makeRepo();
    const [path, text] = recording(DELETED, 7);
    const hostile = path.replace(/[^/]+\.json$/, "it's $(touch pwned) `x` a\tb.json");
    writeTree(root, { [hostile]: text });
    commitAll(root);
    const result = prune(root, '--delete', '--force');
    const hint = result.stdout.split('\n').find((line) => line.includes('pwned') && line.includes('git checkout'))!;
    expect(hint).toBeDefined();
    execFileSync('bash', ['-c', hint.trim()], { cwd: root });
    expect(existsSync(join(root, hostile))).toBe(true);
    expect(existsSync(join(root, 'pwned'))).toBe(false);
  });

  it('lists every planned file with what became of it, and exits 1 when one was kept', () => {
    const root = commitAll(makeRepo());
    const report = JSON.parse(prune(root, '--delete', '--force', '--json').stdout) as PruneJson;
    expect(report.files).toHaveLength(report.orphans.length);
    expect(report.files.every((file) => file.removed && file.kept === null && file.restorable)).toBe(true);
    expect(report).toMatchObject({ deleted: true, interrupted: false });
  });

  it('refuses while another prune --delete holds the tree, and takes over a stale lock', () => {
    const root = commitAll(makeRepo());
    const key = createHash('sha256')
      .update(realpath(join(root, 'tests')))
      .digest('hex')
      .slice(0, 16);
    const lock = join(tmpdir(), `cassette-prune-${key}.lock`);
    writeFileSync(lock, String(process.pid));
    try {
      const busy = prune(root, '--delete', '--force');
      expect(busy.status).toBe(2);
      expect(busy.stderr).toContain(`another cassette prune --delete is running on this tree (pid ${process.pid})`);
      writeFileSync(lock, '999999999');
      expect(prune(root, '--delete', '--force').status).toBe(0);
      expect(existsSync(lock)).toBe(false);
    } finally {
      if (existsSync(lock)) renameSync(lock, `${lock}.removed`);
    }
  });

  it('stops after the current file on SIGINT: exit 130, and says what was and was not removed', async () => {
    const root = makeRepo();
    const many: Record<string, string> = {};
    for (let i = 0; i < 400; i++) Object.assign(many, Object.fromEntries([recording(DELETED, 100 + i)]));
    writeTree(root, many);
    commitAll(root);
    const child = spawn(process.execPath, [join(ROOT, 'bin/cassette.js'), 'prune', 'tests', '--delete', '--force'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    child.stdout.on('data', (data: Buffer) => {
      if (stdout === '' && data.toString().includes('removed ')) child.kill('SIGINT');
      stdout += data.toString();
    });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => void (stderr += data.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status, stderr).toBe(130);
    expect(stdout).toMatch(/interrupted: \d+ planned files? not reached, left in place:/);
    const before = 400 + 7; // makeRepo's six recordings with a test id and one shared, and the 400 added
    const left = listJsonFiles(join(root, 'tests')).length;
    expect(left).toBeGreaterThan(7);
    expect(stdout.match(/^removed /gm)?.length).toBe(before - left);
  });

  it('says "no recordings found" with exit 2 for a tree with none', () => {
    const root = writeTree(makeTempDir(), { 'tests/test_a.py': 'def test_a():\n    pass\n' });
    const result = runCli(['prune', 'tests'], { cwd: root });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cassette: no recordings found under tests');
  });

  it('stops a --collect command that runs too long, with everything it started, and names a killing signal', () => {
    const root = makeRepo();
    const slow = prune(root, '--collect', 'sleep 30 & sleep 30', '--collect-timeout', '1');
    expect(slow.status).toBe(2);
    expect(slow.stderr).toContain("--collect: 'sleep 30 & sleep 30' did not finish within 1 s (--collect-timeout): stopped");
    const killed = prune(root, '--collect', 'kill -TERM $$');
    expect(killed.stderr).toContain('was killed by SIGTERM');
    const flood = prune(root, '--collect', 'yes tests/integration/inference/test_chat.py::test_x');
    expect(flood.status).toBe(2);
    expect(flood.stderr).toContain('printed more than 64 MB: stopped');
  });

  it('refuses a --root that does not exist before any work', () => {
    const result = prune(makeRepo(), '--root', 'no-such-folder');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--root: no such folder: no-such-folder');
  });
});

function realpath(path: string): string {
  return execFileSync('realpath', [path], { encoding: 'utf8' }).trim();
}
