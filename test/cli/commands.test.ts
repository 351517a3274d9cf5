import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runDiff } from '../../src/cli/commands/diff.js';
import { run as runList } from '../../src/cli/commands/list.js';
import { run as runPrune } from '../../src/cli/commands/prune.js';
import { run as runShow } from '../../src/cli/commands/show.js';
import { run as runVerify } from '../../src/cli/commands/verify.js';
import { UserError } from '../../src/cli/errors.js';
import { DEMO, ROOT, listJsonFiles, makeTempDir, outputOf, runCli, testContext, writeTree } from '../helpers.js';

/** Commands in-process, through run(args, options, context): what they print and their exit codes. */

const INFERENCE = 'tests/integration/inference/recordings';
const streamFile = listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('test_openai_chat_completion_streaming'))!;
const streamText = readFileSync(streamFile, 'utf8');
const streamName = streamFile.split('/').at(-1)!;

interface Row {
  path: string;
  interaction: number;
  kind: string;
}

describe('list', () => {
  it('lists every demo recording as one entry per file (interaction 0), exit 0', async () => {
    const outcome = await runList({ paths: [DEMO] }, { json: true }, testContext(ROOT).context);
    const rows = JSON.parse(outputOf(outcome)) as Row[];
    expect(outcome.exitCode).toBe(0);
    expect(rows).toHaveLength(listJsonFiles(DEMO).length);
    expect(rows.every((row) => row.interaction === 0)).toBe(true);
  });

  it("leaves out what the config's ignore globs match", async () => {
    const config = { ignore: ['recordings/tests/integration/inference/**'] };
    const outcome = await runList({ paths: ['recordings'] }, { json: true }, testContext(ROOT, config).context);
    const rows = JSON.parse(outputOf(outcome)) as Row[];
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((row) => row.path.includes('/inference/'))).toEqual([]);
  });

  it('rejects an unknown kind with did-you-mean', async () => {
    const listing = runList({ paths: [DEMO] }, { kind: 'chat-strem' }, testContext(ROOT).context);
    await expect(listing).rejects.toThrow(UserError);
    await expect(listing).rejects.toThrow(`--kind: unknown value 'chat-strem' (did you mean "chat-stream"?)`);
  });

  it('exits 1 when a listed file cannot be used, and prints it with its reason', async () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/bad.json`]: '{"request": ' });
    const outcome = await runList({ paths: [] }, {}, testContext(root).context);
    expect(outcome.exitCode).toBe(1);
    expect(outputOf(outcome)).toContain('error: truncated JSON');
  });
});

describe('verify', () => {
  const staleTree = () => writeTree(makeTempDir(), { [`${INFERENCE}/${'ab'.repeat(32)}.json`]: streamText });

  it('reports findings with codes and data, exit 1', async () => {
    const outcome = await runVerify({ paths: [] }, { json: true }, testContext(staleTree()).context);
    const report = JSON.parse(outputOf(outcome)) as { problems: Array<{ code: string; data: Record<string, unknown> }> };
    expect(outcome.exitCode).toBe(1);
    expect(report.problems.map((problem) => problem.code)).toEqual(['hash/no-scheme']);
    expect(report.problems[0]!.data).toMatchObject({ current: 'E7', expectedFile: streamName });
  });

  it('fails on warnings only with --strict, via the one exit-code rule', async () => {
    const tree = staleTree();
    const warnings = { paths: [], options: { json: true, rule: ['duplicate'] } };
    writeFileSync(join(tree, INFERENCE, streamName), streamText);
    expect((await runVerify(warnings, warnings.options, testContext(tree).context)).exitCode).toBe(0);
    expect((await runVerify(warnings, { ...warnings.options, strict: true }, testContext(tree).context)).exitCode).toBe(1);
  });

  it('--output hands the report to main as a file, and still gives the console the human report', async () => {
    const outcome = await runVerify({ paths: [] }, { format: 'junit', output: 'report.xml' }, testContext(staleTree()).context);
    expect(outputOf(outcome)).toMatch(/1 file, 1 error, 0 warnings\n.*report written to report.xml\n$/s);
    expect(outcome.files?.[0]?.content).not.toContain('\u001b');
    expect(outcome.files?.[0]?.path).toBe('report.xml');
    expect(outcome.files?.[0]?.content).toContain('<failure type="hash/no-scheme"');
  });

  it('applies config rule severities and rejects an unknown --format', async () => {
    const context = testContext(staleTree(), { rules: { hash: 'warning' } }).context;
    expect((await runVerify({ paths: [] }, { json: true }, context)).exitCode).toBe(0);
    await expect(runVerify({ paths: [] }, { format: 'junt' }, context)).rejects.toThrow(`unknown value 'junt' (did you mean "junit"?)`);
  });
});

describe('show', () => {
  it('finds a recording by a hash prefix and rebuilds its answer', async () => {
    const outcome = await runShow({ ref: streamName.slice(0, 8), paths: [DEMO] }, { json: true }, testContext(ROOT).context);
    const shown = JSON.parse(outputOf(outcome)) as { path: string; kind: string; text: string };
    expect(shown).toMatchObject({ path: relative(ROOT, streamFile), kind: 'chat-stream' });
    expect(shown.text.length).toBeGreaterThan(10);
  });

  it("reports the findings verify would, the config's secret patterns included", async () => {
    const root = writeTree(makeTempDir(), { 'recordings/x.json': streamText.replace('"test_id"', '"note": "ACME-0123456789", "test_id"') });
    const outcome = await runShow(
      { ref: 'recordings/x.json', paths: [] },
      { json: true },
      testContext(root, { secretPatterns: ['ACME-[0-9]{10}'] }).context,
    );
    const { findings } = JSON.parse(outputOf(outcome)) as { findings: Array<{ code: string; data: { kind: string } }> };
    expect(findings.filter((finding) => finding.code === 'secret/found').map((finding) => finding.data.kind)).toEqual([
      'secret matching /ACME-[0-9]{10}/',
    ]);
  });

  it('prints the file as written with --raw, and refuses --raw with --json', async () => {
    const outcome = await runShow({ ref: streamFile, paths: [] }, { raw: true }, testContext(ROOT).context);
    expect(outputOf(outcome)).toBe(streamText);
    await expect(runShow({ ref: streamFile, paths: [] }, { raw: true, json: true }, testContext(ROOT).context)).rejects.toThrow(
      '--raw and --json cannot be combined',
    );
  });
});

describe('diff', () => {
  it('compares two folders and exits 1 with --exit-code when an answer changed', async () => {
    const root = makeTempDir();
    cpSync(DEMO, join(root, 'a'), { recursive: true });
    cpSync(DEMO, join(root, 'b'), { recursive: true });
    const changed = join(root, 'b', relative(DEMO, streamFile));
    writeFileSync(changed, streamText.replace('"content": "The "', '"content": "A "'));
    const outcome = runDiff({ inputs: ['a', 'b'] }, { json: true, exitCode: true }, testContext(root).context);
    const report = JSON.parse(outputOf(outcome)) as { changes: Array<{ status: string; kinds: string[] }> };
    expect(report.changes).toEqual([expect.objectContaining({ status: 'modified', kinds: ['text'] })]);
    expect(outcome.exitCode).toBe(1);
  });
});

describe('prune', () => {
  it('refuses to judge a tree with no test files: exit 2, nothing planned', async () => {
    const outcome = await runPrune({ paths: [DEMO] }, { json: true }, testContext(ROOT).context);
    expect(outcome.exitCode).toBe(2);
    expect(JSON.parse(outputOf(outcome))).toMatchObject({ orphans: [], refusals: [{ code: 'no-test-files' }] });
  });
});

describe('main (built binary)', () => {
  it('rejects an invalid config with exit 2 for every command, paths given or not', () => {
    const root = writeTree(makeTempDir(), { 'cassette.config.json': '{"colour": true}', [`${INFERENCE}/a.json`]: streamText });
    for (const args of [['list'], ['list', 'tests'], ['verify', 'tests'], ['show', 'a.json', 'tests']]) {
      const result = runCli(args, { cwd: root });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('cassette: invalid config in cassette.config.json');
    }
  });

  it('fails an empty gate: verify and list --errors over a folder with no recordings exit 2', () => {
    const root = writeTree(makeTempDir(), { 'tests/test_a.py': 'def test_a():\n    pass\n' });
    for (const args of [
      ['verify', 'tests'],
      ['list', '--errors', 'tests'],
    ]) {
      const result = runCli(args, { cwd: root });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('cassette: no recordings found under tests');
    }
  });

  it('refuses secret patterns that can backtrack catastrophically, and __proto__ or constructor keys', () => {
    const config = { __proto__: null, secretPatterns: ['(a+)+$', 'ACME-[0-9]{10}'] } as Record<string, unknown>;
    const text = JSON.stringify(config).replace('{', '{"__proto__": {"paths": ["x"]}, "constructor": 1, ');
    const root = writeTree(makeTempDir(), { 'cassette.config.json': text, [`${INFERENCE}/a.json`]: streamText });
    const result = runCli(['verify', 'tests'], { cwd: root });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('secretPatterns.0: can backtrack catastrophically');
    expect(result.stderr).not.toContain('secretPatterns.1');
    expect(result.stderr).toContain('unknown keys __proto__, constructor');
  });

  it('checks that given paths exist before any work', () => {
    const result = runCli(['verify', 'recordings', 'no-such-folder']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toContain('cassette: no such file or folder: no-such-folder');
  });

  it('expands a path argument that the shell left as a glob', () => {
    const result = runCli(['list', '--json', 'recordings/**/inference/recordings']);
    const rows = JSON.parse(result.stdout) as Row[];
    expect(result.status).toBe(0);
    expect(rows.length).toBe(listJsonFiles(join(DEMO, 'tests/integration/inference/recordings')).length);
  });

  it('never lets a repeatable option swallow the paths after it', () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${'ab'.repeat(32)}.json`]: streamText });
    const result = runCli(['verify', '--json', '--rule', 'hash', 'tests'], { cwd: root });
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as { files: number }).files).toBe(1);
  });
});
