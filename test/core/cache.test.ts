import { readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openIndexCache } from '../../src/core/cache/index-cache.js';
import { cacheFolder, openFileCache } from '../../src/core/cache/file-cache.js';
import { indexRecordings } from '../../src/core/load/index-recordings.js';
import { createDiskSource } from '../../src/core/sources/disk.js';
import { runVerify } from '../../src/core/verify/run-verify.js';
import { defaultSeverities } from '../../src/core/verify/rule-list.js';
import { DEMO, listJsonFiles, makeTempDir, runCli, writeTree } from '../helpers.js';

const STREAM_FILE = listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('test_openai_chat_completion_streaming'))!;
const TEXT = readFileSync(STREAM_FILE, 'utf8');
const INFERENCE = 'tests/integration/inference/recordings';

/** A tree old enough to be cached (files written in the last second are not). */
function oldTree(files: Record<string, string>): string {
  const root = writeTree(makeTempDir(), files);
  const past = new Date(Date.now() - 60_000);
  for (const path of listJsonFiles(root)) utimesSync(path, past, past);
  return root;
}

/** Indexes the tree through a cache in `folder`, and says which files were read (not served from the cache). */
async function indexThrough(root: string, folder: string, tool = '1.0.0', cwd = root) {
  const cache = openIndexCache(folder, [root], tool);
  const served: string[] = [];
  const watching = {
    lookup: (file: Parameters<typeof cache.lookup>[0]) => {
      const entry = cache.lookup(file);
      if (entry) served.push(file.display);
      return entry;
    },
    store: cache.store,
    save: cache.save,
  };
  const result = await indexRecordings(createDiskSource({ cwd }), [root], { cache: watching });
  return { entries: result.entries, served };
}

describe('the index cache', () => {
  it('serves unchanged files, and the same entries as a fresh read', async () => {
    const root = oldTree({ [`${INFERENCE}/a.json`]: TEXT, [`${INFERENCE}/b.json`]: TEXT });
    const folder = makeTempDir();
    const cold = await indexThrough(root, folder);
    const warm = await indexThrough(root, folder);
    expect(cold.served).toEqual([]);
    expect(warm.served).toEqual([`${INFERENCE}/a.json`, `${INFERENCE}/b.json`]);
    expect(warm.entries).toEqual(cold.entries);
  });

  it('never serves a stale entry: an edit in the same second and size, a replacement by rename, a removal, another version', async () => {
    const root = oldTree({ [`${INFERENCE}/a.json`]: TEXT, [`${INFERENCE}/b.json`]: TEXT, [`${INFERENCE}/c.json`]: TEXT });
    const folder = makeTempDir();
    await indexThrough(root, folder);
    const a = join(root, INFERENCE, 'a.json');
    const before = statSync(a);
    // Same size, same mtime second: only the nanoseconds tell.
    writeFileSync(a, TEXT.replaceAll('"gpt-4o"', '"gpt-4x"'));
    utimesSync(a, before.atime, new Date(Math.floor(before.mtimeMs / 1000) * 1000 + 123));
    // Replaced by rename: same size and mtime, another inode.
    const b = join(root, INFERENCE, 'b.json');
    const stamp = statSync(b);
    writeFileSync(`${b}.new`, TEXT.replaceAll('"gpt-4o"', '"gpt-4y"'));
    utimesSync(`${b}.new`, stamp.atime, stamp.mtime);
    renameSync(`${b}.new`, b);
    rmSync(join(root, INFERENCE, 'c.json'));
    const after = await indexThrough(root, folder);
    expect(after.served).toEqual([]);
    expect(after.entries.map((entry) => entry.model)).toEqual(['gpt-4x', 'gpt-4y']);
    expect((await indexThrough(root, folder, '2.0.0')).served).toEqual([]);
  });

  it('gives paths as this run prints them, whatever folder the cache was written from', async () => {
    const root = oldTree({ [`${INFERENCE}/a.json`]: TEXT });
    const folder = makeTempDir();
    await indexThrough(root, folder);
    const fromAbove = await indexThrough(root, folder, '1.0.0', join(root, 'tests'));
    expect(fromAbove.served).toEqual(['integration/inference/recordings/a.json']);
    expect(fromAbove.entries[0]).toMatchObject({
      path: 'integration/inference/recordings/a.json',
      absPath: join(root, INFERENCE, 'a.json'),
    });
    // The entries in the cache keep neither: they are the run's, not the file's.
    expect(readFileSync(listJsonFiles(folder)[0]!, 'utf8')).not.toMatch(/"(path|absPath)":/);
  });

  it('ignores a corrupt cache and rebuilds it', async () => {
    const root = oldTree({ [`${INFERENCE}/a.json`]: TEXT });
    const folder = makeTempDir();
    await indexThrough(root, folder);
    for (const name of listJsonFiles(folder)) writeFileSync(name, '{"format": 1, "tool": "1.0.0", "entries": [1, 2');
    expect((await indexThrough(root, folder)).served).toEqual([]);
    expect((await indexThrough(root, folder)).served).toEqual([`${INFERENCE}/a.json`]);
  });
});

describe('the cache folder', () => {
  it('is CASSETTE_CACHE_DIR when set, else node_modules/.cache in a JavaScript project, else the XDG cache', () => {
    const project = writeTree(makeTempDir(), { 'node_modules/.keep': '' });
    const plain = makeTempDir();
    expect(cacheFolder(plain, { CASSETTE_CACHE_DIR: 'ci-cache' })).toBe(join(plain, 'ci-cache'));
    expect(cacheFolder(project, { CASSETTE_CACHE_DIR: '/var/cache/ci' })).toBe('/var/cache/ci');
    expect(cacheFolder(project, {})).toBe(join(project, 'node_modules', '.cache', 'cassette'));
    expect(cacheFolder(plain, { XDG_CACHE_HOME: '/xdg' })).toBe('/xdg/cassette');
    expect(cacheFolder(plain, { HOME: plain })).toMatch(/[\\/]\.cache[\\/]cassette$/);
  });

  const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);
  const age = (path: string, days: number) => utimesSync(path, daysAgo(days), daysAgo(days));

  it('keeps a cache per build, so that two installs used in turn on one tree both stay warm', async () => {
    const root = oldTree({ [`${INFERENCE}/a.json`]: TEXT });
    const folder = makeTempDir();
    await indexThrough(root, folder, '1.0.0');
    await indexThrough(root, folder, '2.0.0');
    expect((await indexThrough(root, folder, '1.0.0')).served).toEqual([`${INFERENCE}/a.json`]);
    expect((await indexThrough(root, folder, '2.0.0')).served).toEqual([`${INFERENCE}/a.json`]);
    expect(readdirSync(folder).filter((name) => name.startsWith('index-'))).toHaveLength(2);
  });

  it('removes caches unused for 30 days when it writes one, and only cassette caches', async () => {
    const folder = makeTempDir();
    const stale = `index-${'a'.repeat(24)}.json`;
    const staleTemporary = `.verify-${'b'.repeat(24)}.json.4242.cassette-tmp`;
    const recent = `why-${'c'.repeat(24)}.json`;
    const notOurs = `index-${'d'.repeat(24)}.json`;
    writeFileSync(join(folder, stale), '{"format":3,"tool":"0.0.1","entries":{}}');
    writeFileSync(join(folder, staleTemporary), '{"format":3,"to');
    writeFileSync(join(folder, recent), '{"format":3,"tool":"0.0.1","entries":{}}');
    writeFileSync(join(folder, notOurs), '[1, 2, 3]');
    writeFileSync(join(folder, 'notes.json'), '{}');
    // A link under a cache's name to an old cache elsewhere: neither is removed.
    const elsewhere = join(makeTempDir(), 'kept.json');
    writeFileSync(elsewhere, '{"format":3,"tool":"0.0.1","entries":{}}');
    age(elsewhere, 40);
    const link = `index-${'e'.repeat(24)}.json`;
    symlinkSync(elsewhere, join(folder, link));
    for (const name of [stale, staleTemporary, notOurs, 'notes.json']) age(join(folder, name), 40);
    age(join(folder, recent), 20);
    await indexThrough(oldTree({ [`${INFERENCE}/a.json`]: TEXT }), folder);
    const left = readdirSync(folder);
    expect(left).not.toContain(stale);
    expect(left).not.toContain(staleTemporary);
    expect(left).toEqual(expect.arrayContaining([recent, notOurs, 'notes.json', link]));
    expect(readFileSync(elsewhere, 'utf8')).toContain('"format"');
  });

  it('keeps a cache that is read every day though never rewritten', async () => {
    const root = oldTree({ [`${INFERENCE}/a.json`]: TEXT });
    const folder = makeTempDir();
    await indexThrough(root, folder);
    const [cache] = readdirSync(folder).filter((name) => name.startsWith('index-'));
    age(join(folder, cache!), 40);
    age(join(folder, '.swept'), 2);
    expect((await indexThrough(root, folder)).served).toEqual([`${INFERENCE}/a.json`]);
    // Another tree's first run writes its cache and sweeps: the one in use stays.
    await indexThrough(oldTree({ [`${INFERENCE}/b.json`]: TEXT }), folder);
    expect(readdirSync(folder)).toContain(cache);
    expect((await indexThrough(root, folder)).served).toEqual([`${INFERENCE}/a.json`]);
  });
});

describe('verify --cache', () => {
  const verify = (root: string, folder: string) =>
    runVerify(createDiskSource({ cwd: root }), {
      paths: ['.'],
      cwd: root,
      hashScheme: 'auto',
      rules: defaultSeverities(),
      secretPatterns: [],
      cache: openFileCache(folder, 'verify', [root], '1.0.0', 'settings', 'content'),
    });

  it('gives the same findings from the cache, and sees a changed file by its content', async () => {
    const root = oldTree({ [`${INFERENCE}/${'ab'.repeat(32)}.json`]: TEXT, [`${INFERENCE}/b.json`]: TEXT });
    const folder = makeTempDir();
    const cold = await verify(root, folder);
    expect(await verify(root, folder)).toEqual(cold);
    const b = join(root, INFERENCE, 'b.json');
    const stamp = statSync(b);
    writeFileSync(b, '{"request": ');
    utimesSync(b, stamp.atime, stamp.mtime);
    expect((await verify(root, folder)).findings.map((finding) => finding.code)).toContain('parse/truncated');
  });
});

describe('the binary, with and without its caches', () => {
  it('prints the same list and verify output either way', async () => {
    const root = oldTree({ [`${INFERENCE}/${'ab'.repeat(32)}.json`]: TEXT, [`${INFERENCE}/b.json`]: TEXT });
    const env = { XDG_CACHE_HOME: makeTempDir() };
    const fresh = runCli(['list', '--json', '--no-cache', 'tests'], { cwd: root, env }).stdout;
    expect(runCli(['list', '--json', 'tests'], { cwd: root, env }).stdout).toBe(fresh);
    expect(runCli(['list', '--json', 'tests'], { cwd: root, env }).stdout).toBe(fresh);
    const plain = runCli(['verify', '--json', 'tests'], { cwd: root, env }).stdout;
    expect(runCli(['verify', '--json', '--cache', 'tests'], { cwd: root, env }).stdout).toBe(plain);
    expect(runCli(['verify', '--json', '--cache', 'tests'], { cwd: root, env }).stdout).toBe(plain);
  });

  it('keeps its caches in CASSETTE_CACHE_DIR when set, relative to the current folder', async () => {
    const root = oldTree({ [`${INFERENCE}/a.json`]: TEXT });
    const env = { XDG_CACHE_HOME: makeTempDir(), CASSETTE_CACHE_DIR: 'ci-cache' };
    const fresh = runCli(['list', '--json', 'tests'], { cwd: root, env });
    expect(readdirSync(join(root, 'ci-cache')).filter((name) => name.startsWith('index-'))).toHaveLength(1);
    expect(readdirSync(env.XDG_CACHE_HOME)).toEqual([]);
    expect(runCli(['list', '--json', 'tests'], { cwd: root, env }).stdout).toBe(fresh.stdout);
  });

  it('explains a miss the same way from the cache, and sees an edited file', async () => {
    const stale = `${INFERENCE}/${'ab'.repeat(32)}.json`;
    const root = oldTree({ [stale]: TEXT });
    const env = { XDG_CACHE_HOME: makeTempDir() };
    const hash = runCli(['hash', stale], { cwd: root, env }).stdout.split('\n')[0]!;
    const fresh = runCli(['why', hash, 'tests', '--json', '--no-cache'], { cwd: root, env }).stdout;
    expect(fresh).toContain(stale);
    expect(runCli(['why', hash, 'tests', '--json'], { cwd: root, env }).stdout).toBe(fresh);
    expect(runCli(['why', hash, 'tests', '--json'], { cwd: root, env }).stdout).toBe(fresh);
    // Another request in the same file, mtime kept: the cached hash must not be used.
    const path = join(root, stale);
    const stamp = statSync(path);
    writeFileSync(path, TEXT.replace('"stream": true', '"stream": true, "n": 2'));
    utimesSync(path, stamp.atime, stamp.mtime);
    const edited = runCli(['why', hash, 'tests', '--json'], { cwd: root, env }).stdout;
    expect(edited).toBe(runCli(['why', hash, 'tests', '--json', '--no-cache'], { cwd: root, env }).stdout);
    expect(edited).not.toBe(fresh);
  });
});
