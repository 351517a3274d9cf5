import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runList } from '../../src/cli/commands/list.js';
import { colorLevel } from '../../src/cli/terminal.js';
import { DEMO, ROOT, listJsonFiles, makeTempDir, outputOf, runCli, testContext, writeTree } from '../helpers.js';

/** A contributor's questions, answered end to end: which recording, is it stale, what do I do. */

const STREAM_FILE = listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('test_openai_chat_completion_streaming'))!;
const STREAM = JSON.parse(readFileSync(STREAM_FILE, 'utf8')) as Record<string, any>;
const HASH = STREAM_FILE.split('/').at(-1)!.replace('.json', '');
const INFERENCE = 'tests/integration/inference/recordings';
const serialise = (recording: unknown) => `${JSON.stringify(recording, null, 2)}\n`;

/** The demo stream stored under an old name: the recorder looks for HASH.json and never finds it. */
function staleTree(): string {
  const root = makeTempDir();
  writeTree(root, { [`${INFERENCE}/${'ab'.repeat(32)}.json`]: serialise(STREAM) });
  return root;
}

describe('show accepts what the recorder and verify print', () => {
  it('finds a file stored under an old name by the hash the recorder looks for, and says so first', () => {
    const root = staleTree();
    for (const ref of [HASH, HASH.slice(0, 8)]) {
      const result = runCli(['show', ref], { cwd: root });
      expect(result.status, result.stderr).toBe(0);
      const lines = result.stdout.split('\n');
      expect(lines[0]).toBe(`stored under an old name; the recorder looks for ${HASH}.json`);
      // verify's findings on the file come next: why a replay fails.
      expect(lines[1]).toMatch(/^error {4}hash {2}name matches no hash scheme: .* looks for [0-9a-f]{64}\.json/);
    }
  });

  it('resolves the shortened ids list prints on a terminal', () => {
    const models = listJsonFiles(DEMO).find((path) => path.includes('/models-'))!;
    const id = models.split('/').at(-1)!.slice(0, 'models-64a2'.length);
    const result = runCli(['show', `${id}…`]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('model-list');
  });

  it('shows every call of a test, in the order the conversation grew, each with a heading', () => {
    const root = makeTempDir();
    const files: Record<string, string> = {};
    for (const turns of [3, 1, 2]) {
      const recording = structuredClone(STREAM);
      recording.request.body.messages = Array.from({ length: turns }, (_, i) => ({ role: 'user', content: `turn ${i + 1}` }));
      files[`${INFERENCE}/${turns}${'0'.repeat(63)}.json`] = serialise(recording);
    }
    writeTree(root, files);
    const result = runCli(['show', 'test_openai_chat_completion_streaming'], { cwd: root });
    expect(result.status, result.stderr).toBe(0);
    const headings = result.stdout.split('\n').filter((line) => /^\d\/3 {2}/.test(line));
    expect(headings).toEqual([
      '1/3  /v1/chat/completions  gpt-4o  "turn 1"',
      '2/3  /v1/chat/completions  gpt-4o  "turn 1"',
      '3/3  /v1/chat/completions  gpt-4o  "turn 1"',
    ]);
    const json = JSON.parse(runCli(['show', '--json', 'test_openai_chat_completion_streaming'], { cwd: root }).stdout) as Array<{
      path: string;
    }>;
    expect(json.map((item) => item.path.split('/').at(-1)!.slice(0, 1))).toEqual(['1', '2', '3']);
  });

  it('lists an ambiguous ref with test id, endpoint and first message', () => {
    const result = runCli(['show', 'inference']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/matches \d+ recordings/);
    expect(result.stderr).toContain('/v1/chat/completions  "What is the capital of France?"');
  });

  it('shows an unreadable file with where it breaks, and prints invalid JSON as it is with --raw', () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/broken.json`]: '{"request": {"url": "x",\n  "body": ' });
    const shown = runCli(['show', `${INFERENCE}/broken.json`], { cwd: root });
    expect(shown.status).toBe(2);
    expect(shown.stderr).toMatch(/truncated JSON: unexpected end of input at line 2, column \d+/);
    const raw = runCli(['show', '--raw', `${INFERENCE}/broken.json`], { cwd: root });
    expect(raw).toMatchObject({ status: 0, stdout: '{"request": {"url": "x",\n  "body": ' });
  });
});

describe('list keeps what tells rows apart', () => {
  it('never prints a line wider than the terminal, whatever its width', async () => {
    for (const columns of [160, 100, 80, 60, 40]) {
      const out = outputOf(await runList({ paths: [DEMO] }, {}, testContext(ROOT, {}, columns).context));
      for (const line of out.trimEnd().split('\n')) expect(line.length, `${columns}: ${line}`).toBeLessThan(columns);
      // The test name's start and its parameters' end survive before KIND, STREAM, CHUNKS and SIZE do.
      if (columns >= 60) expect(out).toMatch(/test_ag\S*\[\S*fp16\]/);
    }
  });

  it('filters without case, and --stale lists only the files the recorder would not find', () => {
    expect(runCli(['list', '--json', '--model', 'GPT-4O']).stdout).toContain('"model": "gpt-4o"');
    const root = staleTree();
    writeTree(root, {
      [`${INFERENCE}/${HASH}.json`]: serialise({ ...STREAM, request: { ...STREAM.request, body: { ...STREAM.request.body, n: 2 } } }),
    });
    renameSync(join(root, INFERENCE, `${HASH}.json`), join(root, INFERENCE, `${'cd'.repeat(32)}.json`));
    writeTree(root, { [`${INFERENCE}/${HASH}.json`]: serialise(STREAM) });
    const stale = runCli(['list', '--json', '--stale'], { cwd: root });
    expect(stale.status).toBe(1);
    const paths = (JSON.parse(stale.stdout) as Array<{ path: string }>).map((row) => row.path.split('/').at(-1));
    expect(paths).toEqual([`${'ab'.repeat(32)}.json`, `${'cd'.repeat(32)}.json`]);
  });
});

describe('verify for CI', () => {
  it('--quiet reports errors only; --max-warnings N fails above N warnings', () => {
    const root = writeTree(makeTempDir(), {
      [`${INFERENCE}/${HASH}.json`]: serialise(STREAM),
      [`${INFERENCE}/${'cd'.repeat(32)}.json`]: serialise(STREAM),
    });
    const all = JSON.parse(runCli(['verify', '--json', '--skip-rule', 'hash'], { cwd: root }).stdout) as { warnings: number };
    expect(all.warnings).toBe(1);
    const quiet = runCli(['verify', '--json', '--quiet', '--skip-rule', 'hash'], { cwd: root });
    expect(JSON.parse(quiet.stdout)).toMatchObject({ warnings: 0, problems: [] });
    expect(runCli(['verify', '--skip-rule', 'hash', '--max-warnings', '1'], { cwd: root }).status).toBe(0);
    expect(runCli(['verify', '--skip-rule', 'hash', '--max-warnings', '0'], { cwd: root }).status).toBe(1);
  });

  it('never lets --collected swallow the paths after it', () => {
    const root = writeTree(makeTempDir(), {
      'ids.txt': 'tests/integration/inference/test_openai_completion.py::test_x\n',
      [`${INFERENCE}/${HASH}.json`]: serialise(STREAM),
    });
    const result = runCli(['prune', '--json', '--collected', 'ids.txt', 'tests/integration'], { cwd: root });
    expect(result.stderr).not.toContain('ids.txt: ');
    expect((JSON.parse(result.stdout) as { considered: number }).considered).toBe(1);
  });
});

describe('conventions', () => {
  it("one prefix for every error, commander's own included; NO_COLOR counts only when set to something", () => {
    const unknown = runCli(['list', '--bogus']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^cassette: unknown option '--bogus'/);
    expect(runCli(['verify', '--format', 'junt']).stderr).toContain('(did you mean "junit"?)');
    expect(colorLevel({ isTTY: true, getColorDepth: () => 8 }, { NO_COLOR: '' })).toBe(2);
    expect(colorLevel({ isTTY: true, getColorDepth: () => 8 }, { NO_COLOR: '1' })).toBe(0);
  });
});
