import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runVerify } from '../../src/cli/commands/verify.js';
import { UserError } from '../../src/cli/errors.js';
import { DEMO, listJsonFiles, makeTempDir, outputOf, testContext } from '../helpers.js';

/** verify's baseline, as ESLint's bulk suppressions: in-process through run, on a copy of the demo recordings. */

const INFERENCE = 'recordings/tests/integration/inference/recordings';
const streamFile = listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('test_openai_chat_completion_streaming'))!;

interface Report {
  errors: number;
  warnings: number;
  suppressed: number;
  problems: Array<{ path: string; code: string; severity: string }>;
}

/** The demo recordings with two stale copies of one request: hash errors and duplicate warnings, old but real. */
function treeWithOldFindings(): string {
  const root = makeTempDir();
  cpSync(DEMO, join(root, 'recordings'), { recursive: true });
  const text = readFileSync(streamFile, 'utf8');
  writeFileSync(join(root, INFERENCE, `${'ab'.repeat(32)}.json`), text);
  writeFileSync(join(root, INFERENCE, `${'cd'.repeat(32)}.json`), text);
  return root;
}

async function verify(root: string, options: Record<string, unknown> = {}) {
  const outcome = await runVerify({ paths: [] }, { json: true, ...options }, testContext(root).context);
  for (const file of outcome.files ?? []) writeFileSync(file.path, file.content);
  return { outcome, report: JSON.parse(outputOf(outcome)) as Report };
}

const baselineOf = (root: string, name = 'cassette-suppressions.json') => JSON.parse(readFileSync(join(root, name), 'utf8'));

describe('verify --suppress-all and the baseline', () => {
  it('writes every finding per file and code, sorted; later runs pass and count what was suppressed', async () => {
    const root = treeWithOldFindings();
    const before = await verify(root);
    expect(before.outcome.exitCode).toBe(1);
    expect(before.report.errors).toBeGreaterThan(0);
    expect(before.report.warnings).toBeGreaterThan(0);
    const total = before.report.errors + before.report.warnings;

    const suppressing = await verify(root, { suppressAll: true });
    expect(suppressing.outcome.exitCode).toBe(0);
    expect(suppressing.outcome.notices).toEqual([
      expect.stringMatching(/^cassette: wrote cassette-suppressions\.json: \d+ findings in 2 files suppressed$/),
    ]);
    const text = readFileSync(join(root, 'cassette-suppressions.json'), 'utf8');
    const baseline = JSON.parse(text) as Record<string, Record<string, { count: number }>>;
    expect(Object.keys(baseline)).toEqual([`${INFERENCE}/${'ab'.repeat(32)}.json`, `${INFERENCE}/${'cd'.repeat(32)}.json`]);
    expect(Object.keys(baseline).sort()).toEqual(Object.keys(baseline));
    for (const codes of Object.values(baseline)) expect(Object.keys(codes)).toEqual(Object.keys(codes).sort());
    expect(
      Object.values(baseline)
        .flatMap((codes) => Object.values(codes))
        .reduce((n, { count }) => n + count, 0),
    ).toBe(total);
    expect(text.endsWith('}\n')).toBe(true);

    const after = await verify(root);
    expect(after.outcome.exitCode).toBe(0);
    expect(after.report).toMatchObject({ errors: 0, warnings: 0, suppressed: total, problems: [] });
    expect(after.outcome.files ?? []).toEqual([]);
    const human = await runVerify({ paths: [] }, {}, testContext(root).context);
    expect(outputOf(human)).toContain(`${total} findings suppressed by cassette-suppressions.json`);
  });

  it('fails on a new finding beyond the baseline with exactly that finding', async () => {
    const root = treeWithOldFindings();
    await verify(root, { suppressAll: true });
    const victim = listJsonFiles(join(root, 'recordings/tests/integration/agents/recordings'))[0]!;
    const key = `sk-proj-${'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'.repeat(2)}`;
    const recording = JSON.parse(readFileSync(victim, 'utf8'));
    recording.request.headers = { ...recording.request.headers, 'X-Api-Key': key };
    writeFileSync(victim, `${JSON.stringify(recording, null, 2)}\n`);
    const run = await verify(root);
    expect(run.outcome.exitCode).toBe(1);
    expect(run.report.problems).toEqual([
      expect.objectContaining({ code: 'secret/found', severity: 'error', path: expect.stringContaining('/agents/recordings/') }),
    ]);
    expect(run.report.suppressed).toBeGreaterThan(0);
  });

  it('says when entries no longer occur, and --prune-suppressions drops them', async () => {
    const root = treeWithOldFindings();
    await verify(root, { suppressAll: true });
    rmSync(join(root, INFERENCE, `${'cd'.repeat(32)}.json`));
    const run = await verify(root);
    expect(run.outcome.exitCode).toBe(0);
    expect(run.outcome.notices).toEqual([expect.stringContaining('no longer occur: run cassette verify --prune-suppressions')]);
    const pruned = await verify(root, { pruneSuppressions: true });
    expect(pruned.outcome.exitCode).toBe(0);
    expect(Object.keys(baselineOf(root))).toEqual([`${INFERENCE}/${'ab'.repeat(32)}.json`]);
    expect((await verify(root)).outcome.notices).toEqual([]);
  });

  it('--suppress-rule accepts one rule (or finding code) and leaves the rest reported', async () => {
    const root = treeWithOldFindings();
    const run = await verify(root, { suppressRule: ['hash'] });
    expect(run.report.errors).toBe(0);
    expect(run.report.warnings).toBeGreaterThan(0);
    expect(Object.values(baselineOf(root)).flatMap((codes) => Object.keys(codes as object))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^hash\//)]),
    );
    expect(JSON.stringify(baselineOf(root))).not.toContain('duplicate/');
    await expect(verify(root, { suppressRule: ['hsah'] })).rejects.toThrow(
      '--suppress-rule: unknown rule or finding code \'hsah\' (did you mean "hash"?)',
    );
  });

  it('--suppressions-location keeps the baseline elsewhere, with paths relative to it', async () => {
    const root = treeWithOldFindings();
    mkdirSync(join(root, 'ci'));
    await verify(root, { suppressAll: true, suppressionsLocation: 'ci/baseline.json' });
    const baseline = baselineOf(root, 'ci/baseline.json');
    expect(Object.keys(baseline)[0]).toBe(`../${INFERENCE}/${'ab'.repeat(32)}.json`);
    expect((await verify(root, { suppressionsLocation: 'ci/baseline.json' })).outcome.exitCode).toBe(0);
    expect((await verify(root)).outcome.exitCode).toBe(1);
  });

  it('refuses a baseline that is not one, or not a regular file, as an input error', async () => {
    const root = treeWithOldFindings();
    writeFileSync(join(root, 'cassette-suppressions.json'), '{"a.json": {"hash/older-scheme": {"count": "many"}}}');
    await expect(verify(root)).rejects.toThrow(UserError);
    await expect(verify(root)).rejects.toThrow(/is not a cassette baseline: a\.json\.hash\/older-scheme\.count/);
    rmSync(join(root, 'cassette-suppressions.json'));
    cpSync(join(root, 'recordings'), join(root, 'cassette-suppressions.json'), { recursive: true });
    await expect(verify(root)).rejects.toThrow('cannot read cassette-suppressions.json: not a regular file');
  });
});
