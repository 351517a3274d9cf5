import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, ROOT, listJsonFiles, ogxCorpusFiles, ogxCorpusRoots, runCli } from '../helpers.js';

interface Report {
  files: number;
  problems: Array<{ path: string; rule: string; code: string; message: string; data: Record<string, unknown> }>;
}

const ogxPaths = ogxCorpusRoots().map((root) => relative(ROOT, root));

describe('cassette verify on the real corpus', () => {
  it('finds the stale files of the real corpus, naming their scheme, and no false hash finding', () => {
    const result = runCli(['verify', '--json', ...ogxPaths]);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(Object.keys(report)).toEqual(['files', 'errors', 'warnings', 'suppressed', 'hashScheme', 'problems']);
    expect(report.files).toBe(ogxCorpusFiles().length);
    const hash = report.problems.filter((p) => p.rule === 'hash');
    expect(hash.length).toBeGreaterThanOrEqual(10);
    expect(report.problems.every((p) => /^[a-z-]+\/[a-z0-9-]+$/.test(p.code))).toBe(true);
    expect(hash.some((p) => p.code === 'hash/older-scheme' && p.data.scheme === 'E6')).toBe(true);
    expect(hash.filter((p) => p.code === 'hash/no-scheme' && p.data.recordedScheme === 'E2').length).toBeGreaterThanOrEqual(5);
    // No false positives: python3 agrees that no flagged 64-hex name is the file's E7 hash.
    const flagged = hash.map((p) => join(ROOT, p.path)).filter((path) => /\/[0-9a-f]{64}\.json$/.test(path));
    const oracle = execFileSync('python3', [join(ROOT, 'test/oracle/request_hash.py'), 'E7', ...flagged], { encoding: 'utf8' })
      .trim()
      .split('\n');
    flagged.forEach((path, i) => expect(path.endsWith(`${oracle[i]}.json`), path).toBe(false));
    // ...and every per-area file python3 says is well named is not flagged.
    const perArea = listJsonFiles(join(CORPUS, 'ogx-2026')).filter((path) => /\/[0-9a-f]{64}\.json$/.test(path));
    const named = execFileSync('python3', [join(ROOT, 'test/oracle/request_hash.py'), 'E7', ...perArea], { encoding: 'utf8' })
      .trim()
      .split('\n');
    const good = perArea.filter((path, i) => path.endsWith(`${named[i]}.json`));
    expect(good.length).toBeGreaterThan(120);
    for (const path of good) expect(flagged).not.toContain(path);
  });
});
