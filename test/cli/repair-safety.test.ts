import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as runNormalize } from '../../src/cli/commands/normalize.js';
import { run as runRehash } from '../../src/cli/commands/rehash.js';
import { applyRepairs } from '../../src/core/repair/apply-repairs.js';
import { planRepairs } from '../../src/core/repair/plan-repair.js';
import { createDiskSource } from '../../src/core/sources/disk.js';
import { DEMO, ROOT, listJsonFiles, makeTempDir, outputOf, testContext, writeTree } from '../helpers.js';

/** Repairs never lose data: what is between the plan and the write, modes, links, kills and full disks. */

const STREAM_FILE = listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('test_openai_chat_completion_streaming'))!;
const STREAM = JSON.parse(readFileSync(STREAM_FILE, 'utf8')) as Record<string, any>;
const NAME = STREAM_FILE.split('/').at(-1)!;
const INFERENCE = 'tests/integration/inference/recordings';
const serialise = (recording: unknown) => `${JSON.stringify(recording, null, 2)}\n`;

/** The demo stream with response ids the recorder would normalise: normalize rewrites it. */
function unnormalised(): string {
  const recording = structuredClone(STREAM);
  for (const chunk of recording.response.body) Object.assign(chunk.__data__, { id: 'chatcmpl-B9x', created: 1_731_000_000 });
  return serialise(recording);
}

describe('repairs write what was planned, and only that', () => {
  it('leave a file edited after the plan alone, and keep the mode of a file they rewrite', async () => {
    const root = writeTree(makeTempDir(), {
      [`${INFERENCE}/${NAME}`]: unnormalised(),
      [`${INFERENCE}/${'a'.repeat(64)}.json`]: unnormalised(),
    });
    const kept = join(root, INFERENCE, NAME);
    chmodSync(kept, 0o640);
    const options = { kind: 'normalize' as const, cwd: root, hashScheme: 'auto' as const, move: false };
    const plan = planRepairs(createDiskSource({ cwd: root }), ['tests'], options);
    expect(plan).toHaveLength(1); // the stale-named copy is rehash's
    const edited = join(root, INFERENCE, NAME);
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n`);
    const [applied] = applyRepairs(plan, [join(root, 'tests')]);
    expect(applied).toMatchObject({ done: false, reason: 'changed since it was planned: left alone; run the repair again' });
    expect(readFileSync(edited, 'utf8').endsWith('}\n\n')).toBe(true);

    writeFileSync(edited, unnormalised());
    chmodSync(kept, 0o640);
    const outcome = await runNormalize({ paths: ['tests'] }, { json: true, write: true }, testContext(root).context);
    expect(JSON.parse(outputOf(outcome)).files[0]).toMatchObject({ done: true });
    expect(statSync(kept).mode & 0o777).toBe(0o640);
  });

  it('never take a link under the right name for the file the recorder finds: the in-tree copy stays', async () => {
    const outside = writeTree(makeTempDir(), { 'copy.json': serialise(STREAM) });
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${'ab'.repeat(32)}.json`]: serialise(STREAM) });
    symlinkSync(join(outside, 'copy.json'), join(root, INFERENCE, NAME));
    const outcome = await runRehash({ paths: ['tests'] }, { json: true, write: true }, testContext(root).context);
    const [file] = JSON.parse(outputOf(outcome)).files;
    expect(file).toMatchObject({ done: false, removed: false, refused: expect.stringContaining('is a symbolic link') });
    expect(existsSync(join(root, INFERENCE, `${'ab'.repeat(32)}.json`))).toBe(true);
  });

  it('remove the temporary files a killed run left, and only those of a run that is gone', async () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${NAME}`]: unnormalised() });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const left = join(root, INFERENCE, `.${NAME}.${dead}.cassette-tmp`);
    writeFileSync(left, '{"half": ');
    await runNormalize({ paths: ['tests'] }, { json: true, write: true }, testContext(root).context);
    expect(readdirSync(join(root, INFERENCE))).toEqual([NAME]);
  });
});

// A filesystem a few kilobytes large: the write that does not fit must fail whole.
const small = makeTempDir();
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=48k', 'tmpfs', small]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [small]);
});

describe('on a full disk', () => {
  it.skipIf(!mounted)('normalize --write fails, leaves the original whole and no temporary file, and says so', () => {
    const text = unnormalised();
    mkdirSync(join(small, INFERENCE), { recursive: true });
    writeFileSync(join(small, INFERENCE, NAME), text);
    // Fill what is left, less a few bytes: the rewritten file cannot fit beside the original.
    const filler = join(small, 'filler');
    const free = () => Number(execFileSync('df', ['--output=avail', '-B1', small], { encoding: 'utf8' }).split('\n')[1]);
    writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 4096)));
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'cassette.js'), 'normalize', '--write', 'tests'], {
      cwd: small,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('no space left on the device');
    expect(run.stdout).toContain('0 files changed or removed, 1 left alone');
    expect(readFileSync(join(small, INFERENCE, NAME), 'utf8')).toBe(text);
    expect(readdirSync(join(small, INFERENCE))).toEqual([NAME]);
  });
});
