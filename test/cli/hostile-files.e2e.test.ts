import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, ROOT, listJsonFiles, makeTempDir } from '../helpers.js';

/**
 * Files cassette reads beside the recordings come with the pull request too: the recorder's
 * source, index.sqlite, caches. Each is read only as a regular file of bounded size, and a
 * cache entry is used only in the shape its reader expects.
 */

/** The built binary in `cwd`, with its caches in `caches`; bounded in time, as a hang must fail the test. */
function run(args: string[], cwd: string, caches: string) {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'cassette.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, NO_COLOR: '1', CASSETTE_CACHE_DIR: caches },
  });
}

/** A copy of the demo recordings, dated a day back: a cache stores only files older than a second. */
function demoCopy(): string {
  const root = makeTempDir();
  cpSync(DEMO, join(root, 'recordings'), { recursive: true });
  const past = new Date(Date.now() - 86_400_000);
  for (const path of listJsonFiles(join(root, 'recordings'))) utimesSync(path, past, past);
  return root;
}

describe('files read beside the recordings', () => {
  it('refuses a recorder source that is a link to /dev/zero, and judges by layout instead', () => {
    const root = demoCopy();
    mkdirSync(join(root, 'src', 'ogx', 'testing'), { recursive: true });
    symlinkSync('/dev/zero', join(root, 'src', 'ogx', 'testing', 'api_recorder.py'));
    const result = run(['verify'], root, makeTempDir());
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('hash scheme:');
  });

  it('uses no cache that is a link to /dev/zero or a FIFO, and never hangs on one', () => {
    const root = demoCopy();
    const caches = makeTempDir();
    expect(run(['list', '--json'], root, caches).status).toBe(0);
    const [cache] = readdirSync(caches).filter((name) => name.startsWith('index-'));
    const path = join(caches, cache!);
    rmSync(path);
    symlinkSync('/dev/zero', path);
    const zero = run(['list', '--json'], root, caches);
    expect(zero.error).toBeUndefined();
    expect(JSON.parse(zero.stdout)).toHaveLength(19);
    rmSync(path, { force: true });
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    const fifo = run(['list', '--json'], root, caches);
    expect(fifo.error).toBeUndefined();
    expect(JSON.parse(fifo.stdout)).toHaveLength(19);
  });

  it('ignores cache entries of the right build with fields of the wrong type, in list, show, prune and verify --cache', () => {
    const root = demoCopy();
    const caches = makeTempDir();
    expect(run(['list', '--json'], root, caches).status).toBe(0);
    expect(run(['verify', '--cache'], root, caches).status).toBe(0);
    // Every value's fields swapped for numbers, keys and build kept: the cache is trusted in all but shape.
    for (const name of readdirSync(caches).filter((file) => file.endsWith('.json'))) {
      const path = join(caches, name);
      const cache = JSON.parse(readFileSync(path, 'utf8'));
      for (const entry of Object.values(cache.entries) as Array<{ value: unknown }>)
        entry.value = Array.isArray(entry.value)
          ? entry.value.map((item: object) => ({ ...item, id: 7, testId: 5, endpoint: 3 }))
          : { findings: 'x', facts: 1 };
      writeFileSync(path, JSON.stringify(cache));
    }
    for (const args of [
      ['list', '--json'],
      ['show', '1a0452512c16'],
      ['prune', '--json'],
      ['verify', '--cache'],
    ]) {
      const result = run(args, root, caches);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).not.toBe(70);
      expect(result.stderr, args.join(' ')).not.toContain('internal error');
    }
    expect(JSON.parse(run(['list', '--json'], root, caches).stdout)).toHaveLength(19);
  });

  it('marks a cache used without following a link: a file outside keeps its time', () => {
    const root = demoCopy();
    const caches = makeTempDir();
    expect(run(['list', '--json'], root, caches).status).toBe(0);
    const [cache] = readdirSync(caches).filter((name) => name.startsWith('index-'));
    const outside = join(makeTempDir(), 'outside.txt');
    writeFileSync(outside, 'not a cache');
    const old = new Date('2020-01-01');
    utimesSync(outside, old, old);
    rmSync(join(caches, cache!));
    symlinkSync(outside, join(caches, cache!));
    run(['list', '--json'], root, caches);
    expect(statSync(outside).mtimeMs).toBe(old.getTime());
  });
});
