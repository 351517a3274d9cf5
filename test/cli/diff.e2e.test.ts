import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, listJsonFiles, makeTempDir, runCli, writeTree } from '../helpers.js';

interface DiffJson {
  changes: Array<{ path: string; oldPath: string | null; status: string; kinds: string[]; problems: string[] }>;
  summary: {
    files: number;
    real: number;
    noiseOnly: number;
    unreadable: number;
    byStatus: Record<string, number>;
    byKind: Record<string, number>;
  };
}

const find = (root: string, needle: string) => listJsonFiles(root).find((path) => readFileSync(path, 'utf8').includes(needle))!;
const edit = (path: string, change: (recording: any) => void): void => {
  const recording = JSON.parse(readFileSync(path, 'utf8'));
  change(recording);
  writeFileSync(path, JSON.stringify(recording, null, 2));
};

/** Copies of the demo corpus as the old and new side of a re-record. */
function makeTrees(): { root: string; a: string; b: string } {
  const root = makeTempDir();
  cpSync(DEMO, join(root, 'a'), { recursive: true });
  cpSync(DEMO, join(root, 'b'), { recursive: true });
  return { root, a: join(root, 'a'), b: join(root, 'b') };
}

/** Every response gets new ids, timestamps and fingerprints: a re-record where nothing real changed. */
function rerecordNoise(tree: string): void {
  for (const path of listJsonFiles(tree)) {
    edit(path, (recording) => {
      const items = Array.isArray(recording.response.body) ? recording.response.body : [recording.response.body];
      for (const item of items) {
        const data = item?.__data__;
        if (data && typeof data === 'object' && data.object !== 'model')
          Object.assign(
            data,
            'id' in data ? { id: 'rec-000000000000' } : {},
            'system_fingerprint' in data ? { system_fingerprint: 'fp_rerecorded' } : {},
          );
        if (item && typeof item === 'object' && 'create_time' in item) item.create_time = '2026-11-26T00:00:00Z';
      }
    });
  }
}

describe('cassette diff (built binary)', () => {
  it('on a re-record where only noise changed, every file is noise-only and --exit-code exits 0', () => {
    const { root } = makeTrees();
    rerecordNoise(join(root, 'b'));
    const report = JSON.parse(runCli(['diff', 'a', 'b', '--json'], { cwd: root }).stdout) as DiffJson;
    expect(report.summary.files).toBeGreaterThan(10);
    expect(report.changes.every((change) => change.kinds.join() === 'noise-only')).toBe(true);
    expect(report.summary.real).toBe(0);
    const exit = runCli(['diff', 'a', 'b', '--exit-code'], { cwd: root });
    expect(exit.status).toBe(0);
    expect(exit.stdout.split('\n')[0]).toMatch(/^\d+ changed recordings: 0 real, \d+ noise-only$/);
  });

  it('compares two folders: kinds per file, added, deleted, rerecorded, unreadable; summary first', () => {
    const { root, b } = makeTrees();
    edit(find(b, 'streaming_01'), (r) => (r.response.body[3].__data__.choices[0].delta.content = 'Lyon, '));
    edit(
      find(b, 'tool_choice'),
      (r) => (r.response.body.__data__.choices[0].message.tool_calls[0].function.arguments = '{"city":"Kyoto"}'),
    );
    const agents = find(b, 'test_agent_simple');
    edit(agents, (r) => (r.request.body.options.temperature = 0.2));
    renameSync(agents, join(agents, '..', `${'f'.repeat(64)}.json`));
    writeFileSync(find(b, 'test_safe_examples'), '{"broken": ');
    renameSync(find(b, 'interactions'), join(b, 'tests/integration/interactions/recordings/gone.txt'));
    const report = JSON.parse(runCli(['diff', 'a', 'b', '--json'], { cwd: root }).stdout) as DiffJson;
    const byFile = Object.fromEntries(report.changes.map((change) => [change.path.split('/').at(-1)!.slice(0, 6), change]));
    expect(report.summary.byStatus).toEqual({ modified: 3, rerecorded: 1, renamed: 0, added: 0, deleted: 1 });
    expect(byFile.ffffff).toMatchObject({
      status: 'rerecorded',
      kinds: ['request'],
      oldPath: expect.stringMatching(/^a\/tests\/integration\/agents\/recordings\/3b1d4b/),
    });
    expect(report.changes.find((change) => change.kinds.includes('text'))?.path).toMatch(/^b\/tests\/integration\/inference\//);
    expect(report.changes.find((change) => change.kinds.includes('tool-calls'))).toBeDefined();
    expect(report.changes.find((change) => change.problems.length > 0)?.problems[0]).toMatch(
      /^new b\/tests\/integration\/safety\/recordings\/.*: truncated JSON/,
    );
    expect(report.changes.find((change) => change.status === 'deleted')?.path).toMatch(/^a\/tests\/integration\/interactions\//);
    const human = runCli(['diff', 'a', 'b', '--exit-code'], { cwd: root });
    expect(human.status).toBe(1);
    expect(human.stdout.split('\n').slice(0, 3)).toEqual([
      '5 changed recordings: 5 real, 0 noise-only, 1 unreadable',
      '  kinds: text 1, tool-calls 1, request 1',
      '  files: modified 3, rerecorded 1, deleted 1',
    ]);
    expect(human.stdout).toContain('    text: The capital of [-France-]{+Lyon,+} is Paris, known for the Eiffel Tower and the Louvre.\n');
    expect(human.stdout).toContain('    tool call 0: get_weather({"city":"Tokyo"}) -> get_weather({"city":"Kyoto"})\n');
    expect(human.stdout).toContain('    request.body.options.temperature: 0.1 -> 0.2\n');
    expect(runCli(['diff', 'a', 'b', '--stat'], { cwd: root }).stdout.split('\n')).toHaveLength(4);
  });

  it('colours the word diff on a terminal-like stdout and uses markers when plain', () => {
    const { root, b } = makeTrees();
    edit(find(b, 'streaming_01'), (r) => (r.response.body[3].__data__.choices[0].delta.content = 'Lyon, '));
    const coloured = runCli(['diff', 'a', 'b'], { cwd: root, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout;
    expect(coloured).toContain('\u001b[');
    expect(coloured).not.toContain('[-France-]');
  });

  it('compares two files', () => {
    const { root, b } = makeTrees();
    const file = find(b, 'streaming_01');
    edit(file, (r) => (r.response.body.at(-1).__data__.usage.prompt_tokens = 30));
    const result = runCli(['diff', file.replace(`${b}/`, 'a/'), file.replace(`${b}/`, 'b/')], { cwd: root });
    expect(result.stdout).toContain('    usage: prompt 24 -> 30\n');
  });

  it('reads git: the working tree against HEAD, a ref, and refA..refB, with no checkout', () => {
    const { root } = makeTrees();
    const repo = join(root, 'a');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: repo, stdio: 'pipe', encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'recorded');
    edit(find(repo, 'streaming_01'), (r) => (r.response.body[3].__data__.choices[0].delta.content = 'Lyon, '));
    const worktree = JSON.parse(runCli(['diff', '--json'], { cwd: repo }).stdout) as DiffJson;
    expect(worktree.changes.map((change) => [change.status, change.kinds])).toEqual([['modified', ['text']]]);
    git('commit', '-qam', 're-recorded');
    expect((JSON.parse(runCli(['diff', '--json'], { cwd: repo }).stdout) as DiffJson).changes).toEqual([]);
    expect((JSON.parse(runCli(['diff', 'HEAD~1', '--json'], { cwd: repo }).stdout) as DiffJson).changes).toHaveLength(1);
    const range = JSON.parse(runCli(['diff', 'HEAD~1..HEAD', '--json'], { cwd: repo }).stdout) as DiffJson;
    expect(range.changes[0]).toMatchObject({
      status: 'modified',
      kinds: ['text'],
      path: expect.stringMatching(/^tests\/integration\/inference\/recordings\//),
    });
    // Two revisions, as git diff A B: the same as A..B, never B taken for a path.
    expect(JSON.parse(runCli(['diff', 'HEAD~1', 'HEAD', '--json'], { cwd: repo }).stdout)).toEqual(range);
    expect(JSON.parse(runCli(['diff', 'HEAD~1', 'HEAD', '--json', '--', 'tests'], { cwd: repo }).stdout)).toEqual(range);
    // A pathspec that names no recording is a mistake, not an empty diff.
    expect(runCli(['diff', 'HEAD~1', '--', 'tests/integraton'], { cwd: repo })).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("'tests/integraton' matches no recording in HEAD~1 or the working tree"),
    });
    expect(git('status', '--porcelain')).toBe('');
  });

  it('rejects an unknown ref, a missing path and too many arguments with exit 2', () => {
    const { root } = makeTrees();
    expect(runCli(['diff', 'a', 'nope'], { cwd: root })).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('cassette: no such file or folder: nope'),
    });
    expect(runCli(['diff', 'a', 'b', 'c'], { cwd: root }).status).toBe(2);
    expect(runCli(['diff', 'no-such-ref'], { cwd: root })).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('not inside a git work tree'),
    });
  });
});

describe('cassette diff and symlinks in git', () => {
  it('compares a committed symlink as the path it holds, never reading the file it points to', () => {
    const secret = writeTree(makeTempDir(), { 'outside.json': '{"request": {"note": "outside the repository"}, "response": {}}' });
    const repo = writeTree(makeTempDir(), { 'recordings/a.json': readFileSync(listJsonFiles(DEMO)[0]!, 'utf8') });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
    git('init', '-q');
    symlinkSync('/etc/hostname', join(repo, 'recordings/link.json'));
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'one');
    rmSync(join(repo, 'recordings/link.json'));
    symlinkSync(join(secret, 'outside.json'), join(repo, 'recordings/link.json'));
    for (const args of [
      ['diff', '--json'],
      ['diff', '--json', 'HEAD'],
    ]) {
      const result = runCli(args, { cwd: repo });
      expect(result.stdout).not.toContain('outside the repository');
      const report = JSON.parse(result.stdout) as DiffJson;
      expect(report.changes.map((change) => change.path)).toEqual(['recordings/link.json']);
      // Both sides are the link's text, which is no recording: had the new side followed the
      // link, it would have read outside.json, a readable recording.
      expect(report.changes[0]!.problems).toEqual([
        expect.stringMatching(/^old recordings\/link.json: /),
        expect.stringMatching(/^new recordings\/link.json: /),
      ]);
    }
  });
});

describe('cassette diff on cassettes it does not compare', () => {
  it('says "not compared" for an empty cassette, never "unreadable"', () => {
    const root = writeTree(makeTempDir(), {
      'a/tests/cassettes/test_x/test_empty.yaml': 'interactions: []\nversion: 1\n',
      'b/tests/cassettes/test_x/test_empty.yaml': 'interactions: []\nversion: 1\n# recorded again, still no call\n',
    });
    const result = runCli(['diff', 'a', 'b'], { cwd: root });
    expect(result.stdout).toContain('1 not compared (empty or in a dialect cassette cannot read)');
    expect(result.stdout).toContain('not compared (1)');
    expect(result.stdout).not.toContain('unreadable');
  });
});
