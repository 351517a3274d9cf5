import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shareWork } from '../../src/core/parallel/share-work.js';
import type { TaskInput } from '../../src/core/parallel/tasks.js';
import { indexTask } from '../../src/core/load/index-task.js';
import { verifyTask } from '../../src/core/verify/verify-task.js';
import { createDiskSource } from '../../src/core/sources/disk.js';
import type { SourceFile } from '../../src/core/sources/source.js';
import { defaultSeverities } from '../../src/core/verify/rule-list.js';
import { DEMO, ROOT, listJsonFiles, makeTempDir, writeTree } from '../helpers.js';

// The bundled worker: npm ci builds it (prepare), as the end-to-end tests need the binary.
const WORKER = join(ROOT, 'dist', 'worker.js');

/** Eight copies of the demo corpus, a truncated file and a key the config's pattern finds. */
function mixedTree(): { root: string; files: SourceFile[] } {
  const tree: Record<string, string> = {};
  for (let copy = 0; copy < 8; copy++)
    for (const path of listJsonFiles(DEMO)) tree[`copy-${copy}/${relative(DEMO, path)}`] = readFileSync(path, 'utf8');
  const [first] = Object.keys(tree).filter((path) => path.includes('/recordings/'));
  tree[first!.replace(/[^/]+\.json$/, 'truncated.json')] = '{"request": {"method": "POST", "url": "http://x';
  tree[first!.replace(/[^/]+\.json$/, 'keyed.json')] = tree[first!]!.replace('"test_id"', '"note": "ACME-0123456789", "test_id"');
  const root = writeTree(makeTempDir(), tree);
  return { root, files: createDiskSource({ cwd: root }).list(['.']).files };
}

const settings: TaskInput['verify'] = { cwd: '/', hashScheme: 'auto', rules: defaultSeverities(), secretPatterns: [/ACME-[0-9]{10}/] };

/** Waits a millisecond per file here, so that the worker surely starts in time to claim some. */
function slowlyCounting<T>(compute: (file: SourceFile) => T) {
  const counted = { here: 0 };
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const slow = (file: SourceFile): T => {
    counted.here++;
    Atomics.wait(sleeper, 0, 0, 1);
    return compute(file);
  };
  return { slow, counted };
}

describe('work shared with a worker thread', () => {
  beforeAll(() => {
    if (!existsSync(WORKER)) throw new Error('dist/worker.js is missing: run npm run build');
  });

  it('gives verify results identical to one thread, in file order, while the worker checks part of the files', async () => {
    const { root, files } = mixedTree();
    const source = createDiskSource({ cwd: root });
    const alone = files.map(verifyTask(settings));
    const { slow, counted } = slowlyCounting(verifyTask(settings));
    const shared = await shareWork('verify', settings, files, slow, { script: WORKER, threads: 2, minWork: 1 });

    expect(counted.here).toBeLessThan(files.length);
    expect(shared).toEqual(alone);
    const findings = shared.flatMap((file) => file.findings);
    expect(findings.map((finding) => finding.code)).toContain('parse/truncated');
    // The config's patterns reach the worker as regular expressions.
    expect(findings.filter((finding) => finding.code === 'secret/found').map((finding) => finding.data.kind)).toContain(
      'secret matching /ACME-[0-9]{10}/',
    );
    expect(source.list(['.']).files).toEqual(files);
  });

  it('gives the same index entries as one thread', async () => {
    const { files } = mixedTree();
    const { slow, counted } = slowlyCounting(indexTask({}));
    const shared = await shareWork('index', {}, files, slow, { script: WORKER, threads: 2, minWork: 1 });
    expect(counted.here).toBeLessThan(files.length);
    expect(shared).toEqual(files.map(indexTask({})));
  });

  it('does every file here when the worker cannot start, or the tree is below the threshold', async () => {
    const { files } = mixedTree();
    const alone = files.map(indexTask({}));
    const broken = slowlyCounting(indexTask({}));
    expect(await shareWork('index', {}, files, broken.slow, { script: join(ROOT, 'no-such-worker.js'), threads: 2, minWork: 1 })).toEqual(
      alone,
    );
    expect(broken.counted.here).toBe(files.length);
    const small = slowlyCounting(indexTask({}));
    expect(await shareWork('index', {}, files, small.slow, { script: WORKER, threads: 2, minWork: files.length + 1 })).toEqual(alone);
    expect(small.counted.here).toBe(files.length);
  });

  it("reads cassettes in a worker as this thread does, the project's own naming included", async () => {
    const cassette = readFileSync(join(ROOT, 'test/fixtures/vcr/tests/models/cassettes/test_openai/TestAgent.test_two_calls.yaml'), 'utf8');
    const tree: Record<string, string> = {};
    for (let i = 0; i < 60; i++) tree[`lib/tests/cassettes/area${i % 3}/Test${i}.test_call.yaml`] = cassette;
    const root = writeTree(makeTempDir(), tree);
    const source = createDiskSource({
      cwd: root,
      cassetteNames: [{ path: 'lib/tests/cassettes/{area}/{name}', testId: 'lib/tests/{area}/test_{area}.py::{name}' }],
    });
    const files = source.list(['.']).files;
    const input = { cassetteNames: source.cassetteNames! };
    const { slow, counted } = slowlyCounting(indexTask(input));
    const shared = await shareWork('index', input, files, slow, { script: WORKER, threads: 2, minWork: 1 });
    expect(counted.here).toBeLessThan(files.length);
    expect(shared).toEqual(files.map(indexTask(input)));
    expect(shared.flat()[0]!.testId).toMatch(/^lib\/tests\/area\d\/test_area\d\.py::Test\d+::test_call$/);
  });
});
