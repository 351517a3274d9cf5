import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, listJsonFiles, makeTempDir, runCli } from '../helpers.js';

interface Report {
  problems: Array<{ path: string; code: string }>;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd, stdio: 'pipe' });

describe('rehash --write --remove-superseded on the real ogx recordings', () => {
  it('leaves no stale name, and every request the recorder found before is still found', () => {
    const root = makeTempDir();
    cpSync(join(CORPUS, 'ogx-2026'), root, { recursive: true });
    const stale = (JSON.parse(runCli(['verify', '--json', '--rule', 'hash', 'tests'], { cwd: root }).stdout) as Report).problems.map(
      (problem) => problem.path,
    );
    expect(stale.length).toBeGreaterThan(3);
    // As on ogx, several stale copies of one request: each stale file gets a second stale copy
    // (not a model list, whose name holds a digest of its models).
    const copied = stale.filter((path) => !basename(path).startsWith('models-'));
    for (const [i, path] of copied.entries())
      copyFileSync(join(root, path), join(root, dirname(path), `${String(i).padStart(12, '0')}.json`));
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'recordings');
    const found = listJsonFiles(join(root, 'tests')).filter(
      (path) => !stale.includes(path.slice(root.length + 1)) && !/\/0{6}\d{6}\.json$/.test(path),
    );

    const dry = JSON.parse(runCli(['rehash', '--json', '--remove-superseded', 'tests'], { cwd: root }).stdout) as {
      files: Array<{ path: string; newPath: string | null; removed: boolean; refused: string | null }>;
    };
    const write = runCli(['rehash', '--json', '--write', '--remove-superseded', 'tests'], { cwd: root });
    expect(write.status).toBe(0);
    const written = JSON.parse(write.stdout) as { files: Array<{ path: string; done: boolean; removed: boolean }> };
    // The dry run planned exactly what the write did.
    expect(written.files.map((file) => [file.path, file.removed, file.done])).toEqual(
      dry.files.map((file) => [file.path, file.removed, file.refused === null]),
    );
    expect(dry.files.filter((file) => file.removed)).toHaveLength(copied.length);

    const after = JSON.parse(runCli(['verify', '--json', '--rule', 'hash,duplicate', 'tests'], { cwd: root }).stdout) as Report;
    expect(after.problems).toEqual([]);
    for (const path of found) expect(existsSync(path), basename(path)).toBe(true);
  });
});
