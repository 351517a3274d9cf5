import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ogxCorpusRoots, runCli } from '../helpers.js';

interface PruneJson {
  orphans: unknown[];
  refusals: Array<{ code: string }>;
}

describe('cassette prune on the real corpus', () => {
  // The ogx samples are recordings folders without the tests that wrote them.
  it('refuses to judge recordings whose tree has no test files: the ogx samples', () => {
    const roots = ogxCorpusRoots().map((root) => relative(ROOT, root));
    expect(roots.length).toBeGreaterThan(0);
    const dry = runCli(['prune', '--json', ...roots]);
    expect(dry.status).toBe(2);
    const report = JSON.parse(dry.stdout) as PruneJson;
    expect(report.orphans).toEqual([]);
    expect(report.refusals[0]).toMatchObject({ code: 'no-test-files' });
    const deletion = runCli(['prune', '--delete', ...roots]);
    expect(deletion.status).toBe(2);
    expect(deletion.stdout).toContain('nothing deleted');
  });
});
