import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, listJsonFiles, makeTempDir, runCli } from '../helpers.js';

interface Report {
  errors: number;
  warnings: number;
  suppressed: number;
  problems: Array<{ path: string; code: string }>;
}

describe('a baseline over the real ogx recordings', () => {
  it('suppress all, then verify passes; a key planted in one recording fails with exactly that error', () => {
    const root = makeTempDir();
    cpSync(join(CORPUS, 'ogx-2026'), root, { recursive: true });
    const before = JSON.parse(runCli(['verify', '--json', 'tests'], { cwd: root }).stdout) as Report;
    expect(before.errors).toBeGreaterThan(5);

    const suppressing = runCli(['verify', '--suppress-all', 'tests'], { cwd: root });
    expect(suppressing.status).toBe(0);
    expect(suppressing.stderr).toContain('wrote cassette-suppressions.json');
    const clean = runCli(['verify', '--json', 'tests'], { cwd: root });
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ errors: 0, warnings: 0, suppressed: before.errors + before.warnings });

    const victim = listJsonFiles(join(root, 'tests/integration/safety/recordings'))[0]!;
    // Edited as text: a rewrite through JSON.stringify would change numbers (1.0) and so the request hash.
    const key = `Bearer sk-ant-api03-${'x7Yq2'.repeat(19)}-AA`;
    const text = readFileSync(victim, 'utf8').replace(/"headers": \{(\s*\})?/, (_, empty?: string) =>
      empty ? `"headers": {"Authorization": "${key}"}` : `"headers": {"Authorization": "${key}",`,
    );
    writeFileSync(victim, text);
    const planted = runCli(['verify', '--json', 'tests'], { cwd: root });
    expect(planted.status).toBe(1);
    const report = JSON.parse(planted.stdout) as Report;
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({
      code: 'secret/found',
      path: expect.stringContaining('tests/integration/safety/recordings/'),
    });
  });

  it('on GitHub: annotations, a last line that sums up, and a job summary that counts what rehash fixes', () => {
    const root = makeTempDir();
    cpSync(join(CORPUS, 'ogx-2026'), root, { recursive: true });
    const summary = join(root, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const run = runCli(['verify', '--format', 'github', 'tests'], { cwd: root, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.status).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).every((line) => /^::(error|warning) file=/.test(line))).toBe(true);
    expect(lines.at(-1)).toMatch(/^cassette verify: \d+ files, \d+ errors \(hash \d+.*; failed$/);
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown.startsWith('# earlier step\n## cassette verify: failed\n')).toBe(true);
    expect(markdown).toMatch(/\| hash \| `hash\/[a-z-]+` \| error \| \d+ \|/);
    // What rehash says it would do, counted by rehash's own dry run.
    const rehash = JSON.parse(runCli(['rehash', '--json', 'tests'], { cwd: root }).stdout) as {
      files: Array<{ refused: string | null; newPath: string | null; removed: boolean }>;
    };
    const fixes = rehash.files.filter((file) => file.refused === null && (file.newPath !== null || file.removed)).length;
    expect(fixes).toBeGreaterThan(0);
    expect(markdown).toContain(`\`cassette rehash --write\` fixes ${fixes} of them`);
  });
});
