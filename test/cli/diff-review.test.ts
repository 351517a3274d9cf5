import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runDiff } from '../../src/cli/commands/diff.js';
import { computeRequestHash } from '../../src/core/hash/request-hash.js';
import type { JsonObject } from '../../src/core/json/json-value.js';
import { parsePythonJson } from '../../src/core/json/parse-json.js';
import { DEMO, listJsonFiles, makeTempDir, outputOf, runCli, testContext, writeTree } from '../helpers.js';

/** diff as a reviewer uses it: pairing a re-record, git's forms, and what is shown. */

interface DiffJson {
  changes: Array<{
    path: string;
    oldPath: string | null;
    status: string;
    similarity: number | null;
    testId: string | null;
    firstMessage: string | null;
    kinds: string[];
    details: Record<string, any>;
  }>;
  summary: { real: number; unchanged: number; byStatus: Record<string, number> };
}

const STREAM = JSON.parse(
  readFileSync(
    listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('test_openai_chat_completion_streaming'))!,
    'utf8',
  ),
) as Record<string, any>;
const AREA = 'tests/integration/agents/recordings';
const TEST_ID = 'tests/integration/agents/test_agents.py::test_multi_turn[gpt-4o]';
const serialise = (recording: unknown) => `${JSON.stringify(recording, null, 2)}\n`;
const nameOf = (text: string) => `${computeRequestHash(parsePythonJson(text, { lossless: true }) as JsonObject, 'E7')}.json`;

/** Turn `turn` of one conversation: each turn repeats the earlier messages and adds one. */
function turn(n: number, system: string, answer: string): string {
  const recording = structuredClone(STREAM);
  recording.test_id = TEST_ID;
  const messages = [{ role: 'system', content: system }];
  for (let i = 1; i <= n; i++) {
    messages.push({ role: 'user', content: `Question ${i}: what is ${i} + ${i}?` });
    if (i < n) messages.push({ role: 'assistant', content: `It is ${2 * i}.` });
  }
  recording.request.body.messages = messages;
  recording.response.body[1].__data__.choices[0].delta.content = answer;
  return serialise(recording);
}

const json = (outcome: ReturnType<typeof runDiff>) => JSON.parse(outputOf(outcome)) as DiffJson;

describe('pairing a re-record', () => {
  it('pairs each turn of a conversation with its own predecessor, whatever the file order', () => {
    const root = makeTempDir();
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    // The system prompt changed, so every request hash (and file name) changed; the answers did too.
    for (let n = 1; n <= 5; n++) {
      const old = turn(n, 'You are terse.', `Answer ${n} `);
      const now = turn(n, 'You are terse and exact.', `Answer ${n}, exactly `);
      before[`a/${AREA}/${nameOf(old)}`] = old;
      after[`b/${AREA}/${nameOf(now)}`] = now;
    }
    writeTree(root, { ...before, ...after });
    const report = json(runDiff({ inputs: ['a', 'b'] }, { json: true }, testContext(root).context));
    const pairs = report.changes.map((change) => [change.details.request?.length ?? 0, change.status, change.firstMessage]);
    expect(report.summary.byStatus).toMatchObject({ rerecorded: 5, added: 0, deleted: 0 });
    for (const change of report.changes) {
      // Paired right: the only request change is the system prompt, never a message of another turn.
      expect(change.details.request.map((item: { path: string }) => item.path)).toEqual(['request.body.messages[0].content']);
      expect(change.similarity).toBeGreaterThan(0.8);
    }
    expect(pairs).toHaveLength(5);
  });

  it('calls the same bytes under a new name "renamed", across folders too, and no real change', () => {
    const root = makeTempDir();
    const text = turn(1, 'You are terse.', 'Two ');
    writeTree(root, { [`a/${AREA}/${nameOf(text)}`]: text, [`b/tests/integration/inference/recordings/${nameOf(text)}`]: text });
    const report = json(runDiff({ inputs: ['a', 'b'] }, { json: true }, testContext(root).context));
    expect(report.changes).toEqual([
      expect.objectContaining({ status: 'renamed', oldPath: `a/${AREA}/${nameOf(text)}`, kinds: [], similarity: 1 }),
    ]);
    expect(report.summary).toMatchObject({ real: 0, unchanged: 1 });
    expect(runDiff({ inputs: ['a', 'b'] }, { exitCode: true }, testContext(root).context).exitCode).toBe(0);
  });

  it('leaves files of different endpoints or tests unpaired', () => {
    const root = makeTempDir();
    const old = turn(1, 'You are terse.', 'Two ');
    const other = structuredClone(JSON.parse(old));
    other.test_id = 'tests/integration/agents/test_agents.py::test_other';
    writeTree(root, { [`a/${AREA}/x.json`]: old, [`b/${AREA}/y.json`]: serialise(other) });
    const report = json(runDiff({ inputs: ['a', 'b'] }, { json: true }, testContext(root).context));
    expect(report.changes.map((change) => change.status).sort()).toEqual(['added', 'deleted']);
  });
});

describe('what counts as a change', () => {
  const pair = (edit: (recording: Record<string, any>) => void, base = STREAM) => {
    const root = makeTempDir();
    const after = structuredClone(base);
    edit(after);
    writeTree(root, { 'a.json': serialise(base), 'b.json': serialise(after) });
    return json(runDiff({ inputs: ['a.json', 'b.json'] }, { json: true }, testContext(root).context)).changes[0]!;
  };

  it('treats headers and the URL host, which the recorder does not hash, as noise', () => {
    const change = pair((r) => {
      r.request.url = 'http://localhost:8321/v1/v1/chat/completions';
      r.request.headers = { 'user-agent': 'OpenAI/Python 2.31.0' };
    });
    expect(change.kinds).toEqual(['noise-only']);
    expect(change.details.requestNoise.map((item: { path: string }) => item.path)).toEqual(['request.headers.user-agent', 'request.url']);
    expect(pair((r) => (r.request.url = 'https://api.openai.com/v1/v1/completions')).kinds).toContain('request');
  });

  it('reports embeddings by count, dimensions and the largest difference, and model lists by ids', () => {
    const embeddings = JSON.parse(
      readFileSync(
        listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('CreateEmbeddingResponse'))!,
        'utf8',
      ),
    );
    const changed = pair((r) => (r.response.body.__data__.data[0].embedding[0] += 0.25), embeddings);
    expect(changed.kinds).toEqual(['embeddings']);
    expect(changed.details.embeddings.largestDifference).toBeCloseTo(0.25, 5);
    const models = JSON.parse(
      readFileSync(
        listJsonFiles(DEMO).find((path) => path.includes('/models-'))!,
        'utf8',
      ),
    );
    const listed = pair((r) => {
      r.response.body = r.response.body.slice(1);
      r.response.body.push({ ...r.response.body[0], __data__: { ...r.response.body[0].__data__, id: 'new-model' } });
    }, models);
    expect(listed.kinds).toEqual(['models']);
    expect(listed.details.models).toEqual({ added: ['new-model'], removed: [models.response.body[0].__data__.id] });
  });

  it('gives the test id, first user message and old and new values in --json, and both in the review', () => {
    const change = pair((r) => (r.response.body[1].__data__.choices[0].delta.content = 'A '));
    expect(change).toMatchObject({ testId: STREAM.test_id, firstMessage: 'What is the capital of France?', kinds: ['text'] });
    expect(change.details.text.old).toMatch(/^The capital/);
    expect(change.details.text.new).toMatch(/^The A of France/);
    const root = writeTree(makeTempDir(), {
      'a.json': serialise(STREAM),
      'b.json': serialise(STREAM).replace('"content": "The "', '"content": "A "'),
    });
    const human = outputOf(runDiff({ inputs: ['a.json', 'b.json'] }, {}, testContext(root).context));
    expect(human).toContain('test_openai_chat_completion_streaming[');
    expect(human).toContain('"What is the capital of France?"');
  });
});

describe("git's forms", () => {
  /** main and a feature branch that both changed a recording after they parted. */
  function repoWithBranches(): string {
    const root = makeTempDir();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, stdio: 'ignore' });
    const one = turn(1, 'You are terse.', 'One ');
    const two = turn(2, 'You are terse.', 'Two ');
    writeTree(root, { [`${AREA}/${nameOf(one)}`]: one, [`tests/integration/inference/recordings/${nameOf(two)}`]: two });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'base');
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(join(root, AREA, nameOf(one)), one.replace('"One "', '"Uno "'));
    git('commit', '-qam', 'feature re-record');
    git('checkout', '-q', 'main');
    writeFileSync(join(root, 'tests/integration/inference/recordings', nameOf(two)), two.replace('"Two "', '"Dos "'));
    git('commit', '-qam', 'main moves on');
    return root;
  }
  const changed = (root: string, ...args: string[]) => {
    const result = runCli(['diff', '--json', ...args], { cwd: root });
    expect(result.status, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as DiffJson).changes.map((change) => change.path).sort();
  };

  it('A...B compares from the merge base, A..B from A, as git does', () => {
    const root = repoWithBranches();
    expect(changed(root, 'main...feature')).toEqual([`${AREA}/${nameOf(turn(1, 'You are terse.', 'One '))}`]);
    expect(changed(root, 'main..feature')).toHaveLength(2);
  });

  it('limits to pathspecs after the revisions, with or without --, and to the config paths without one', () => {
    const root = repoWithBranches();
    expect(changed(root, 'main..feature', 'tests/integration/inference')).toHaveLength(1);
    expect(changed(root, 'main..feature', '--', 'tests/integration/agents')).toHaveLength(1);
    // A pathspec that names no recording on either side is a typo to report, not an empty diff.
    expect(runCli(['diff', 'main..feature', '--', 'tests/integration/nowhere'], { cwd: root })).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("'tests/integration/nowhere' matches no recording in main or feature"),
    });
    writeFileSync(join(root, 'cassette.config.json'), JSON.stringify({ paths: ['tests/integration/agents'] }));
    expect(changed(root, 'main..feature')).toEqual([`${AREA}/${nameOf(turn(1, 'You are terse.', 'One '))}`]);
  });

  it('names a malformed range or an unknown revision, exit 2', () => {
    const root = repoWithBranches();
    const malformed = runCli(['diff', 'main....feature'], { cwd: root });
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain("malformed revision range 'main....feature'");
    const unknown = runCli(['diff', 'main..nope'], { cwd: root });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown git revision 'nope'");
  });

  it('pairs a recording moved between folders in a commit as renamed', () => {
    const root = repoWithBranches();
    const name = nameOf(turn(2, 'You are terse.', 'Two '));
    mkdirSync(join(root, 'tests/integration/moved/recordings'), { recursive: true });
    renameSync(join(root, 'tests/integration/inference/recordings', name), join(root, 'tests/integration/moved/recordings', name));
    rmSync(join(root, 'tests/integration/inference/recordings'), { recursive: true, force: true });
    const report = JSON.parse(runCli(['diff', '--json'], { cwd: root }).stdout) as DiffJson;
    expect(report.changes).toEqual([expect.objectContaining({ status: 'renamed', path: `tests/integration/moved/recordings/${name}` })]);
    expect(dirname(report.changes[0]!.oldPath!)).toBe('tests/integration/inference/recordings');
  });
});
