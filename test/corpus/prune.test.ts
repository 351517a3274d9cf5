import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, ROOT, runCli } from '../helpers.js';

interface PruneJson {
  orphans: unknown[];
  refusals: Array<{ code: string }>;
}

describe('cassette prune on the real corpus', () => {
  it('refuses to judge a tree with no test files: the real corpus', () => {
    const corpus = relative(ROOT, CORPUS);
    const dry = runCli(['prune', '--json', corpus]);
    expect(dry.status).toBe(2);
    const report = JSON.parse(dry.stdout) as PruneJson;
    expect(report.orphans).toEqual([]);
    expect(report.refusals[0]).toMatchObject({ code: 'no-test-files' });
    const deletion = runCli(['prune', '--delete', corpus]);
    expect(deletion.status).toBe(2);
    expect(deletion.stdout).toContain('nothing deleted');
  });
});
