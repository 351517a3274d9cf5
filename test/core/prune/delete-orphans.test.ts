import { appendFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deleteOrphans } from '../../../src/core/prune/delete-orphans.js';
import type { Orphan } from '../../../src/core/prune/plan-prune.js';
import { indexPaths, makeTempDir, writeTree } from '../../helpers.js';

const TEST_ID = 'tests/integration/inference/test_gone.py::test_x';

/** Orphans as the plan makes them: each with the size and modification time it was judged at. */
async function plannedOrphans(count: number): Promise<{ root: string; orphans: Orphan[] }> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    files[`tests/integration/inference/recordings/${i}.json`] = JSON.stringify(
      { test_id: TEST_ID, request: { n: i }, response: { body: null, is_streaming: false } },
      null,
      2,
    );
  }
  const root = writeTree(makeTempDir(), files);
  const orphans = (await indexPaths(['tests'], root)).entries.map((entry) => {
    const stats = statSync(entry.absPath);
    return { entry, testId: TEST_ID, reason: 'test-file-missing' as const, planned: { bytes: stats.size, mtimeMs: stats.mtimeMs } };
  });
  return { root, orphans };
}

describe('deleteOrphans', () => {
  it('keeps a file that changed after it was planned', async () => {
    const { root, orphans } = await plannedOrphans(2);
    appendFileSync(orphans[0]!.entry.absPath, ' ');
    const result = await deleteOrphans(orphans, { allowedRoots: [root], tracked: null, stop: { aborted: false } });
    expect(result.removals.map((removal) => [removal.removed, removal.kept])).toEqual([
      [false, 'changed'],
      [true, null],
    ]);
    expect(existsSync(orphans[0]!.entry.absPath)).toBe(true);
  });

  it('keeps a file whose real path is outside the paths given', async () => {
    const { orphans } = await plannedOrphans(1);
    const elsewhere = makeTempDir();
    const result = await deleteOrphans(orphans, { allowedRoots: [elsewhere], tracked: null, stop: { aborted: false } });
    expect(result.removals[0]).toMatchObject({ removed: false, kept: 'outside' });
  });

  it('stops after the current file when told to, and reports every planned file', async () => {
    const { root, orphans } = await plannedOrphans(5);
    const stop = { aborted: false };
    const seen: boolean[] = [];
    const result = await deleteOrphans(orphans, {
      allowedRoots: [join(root, 'tests')],
      tracked: null,
      stop,
      onRemoval: (removal) => {
        seen.push(removal.removed);
        stop.aborted = true;
      },
    });
    expect(result.interrupted).toBe(true);
    expect(seen).toEqual([true, false, false, false, false]);
    expect(result.removals.slice(1).every((removal) => removal.kept === 'interrupted')).toBe(true);
  });
});
