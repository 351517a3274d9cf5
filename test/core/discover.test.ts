import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDiskSource } from '../../src/core/sources/disk.js';
import { makeTempDir, writeTree } from '../helpers.js';

const names = (root: string, files: Array<{ absPath: string }>) => files.map((file) => file.absPath.slice(root.length + 1));
const discoverRecordings = (paths: string[], cwd: string) => {
  const listing = createDiskSource({ cwd }).list(paths);
  return { ...listing, skipped: listing.skipped.map(({ absPath, reason }) => ({ absPath, reason })) };
};

describe('the disk source', () => {
  it('takes only JSON below a recordings folder when the tree has one', () => {
    const root = writeTree(makeTempDir(), {
      'package.json': '{}',
      'tests/integration/inference/test_data.json': '{}',
      'tests/integration/inference/recordings/a.json': '{}',
      'tests/integration/recordings/responses/b.json': '{}',
      'tests/integration/recordings/index.sqlite': '',
      'node_modules/x/recordings/c.json': '{}',
    });
    const result = discoverRecordings(['.'], root);
    expect(names(root, result.files)).toEqual([
      'tests/integration/inference/recordings/a.json',
      'tests/integration/recordings/responses/b.json',
    ]);
  });

  it('takes YAML below a cassettes folder (or vcrpy-style vcr_cassettes, vcr-cassettes) and no other YAML', () => {
    const root = writeTree(makeTempDir(), {
      '.github/workflows/ci.yml': 'on: push\n',
      'docker-compose.yaml': 'services: {}\n',
      'tests/data/config.yaml': 'a: 1\n',
      'tests/models/cassettes/test_openai/test_x.yaml': 'interactions: []\n',
      'tests/cassettes/test_agent.yaml.gz': '',
      'fixtures/vcr_cassettes/synopsis.yaml': 'interactions: []\n',
      'spec/vcr-cassettes/login.yml': 'interactions: []\n',
      'tests/recassettes/not.yaml': 'a: 1\n',
    });
    expect(names(root, discoverRecordings(['.'], root).files)).toEqual([
      'fixtures/vcr_cassettes/synopsis.yaml',
      'spec/vcr-cassettes/login.yml',
      'tests/cassettes/test_agent.yaml.gz',
      'tests/models/cassettes/test_openai/test_x.yaml',
    ]);
    // Given directly, a cassettes folder's YAML is all taken, at any depth.
    expect(names(root, discoverRecordings(['fixtures/vcr_cassettes'], root).files)).toEqual(['fixtures/vcr_cassettes/synopsis.yaml']);
  });

  it('takes every JSON file of a folder that holds no recordings folder', () => {
    const root = writeTree(makeTempDir(), { 'x/a.json': '{}', 'b.json': '{}', 'notes.txt': '' });
    expect(names(root, discoverRecordings([root], root).files)).toEqual(['b.json', 'x/a.json']);
  });

  it('takes everything inside a recordings folder given directly', () => {
    const root = writeTree(makeTempDir(), { 'recordings/sub/a.json': '{}', 'recordings/b.json': '{}' });
    expect(names(root, discoverRecordings(['recordings/sub'], root).files)).toEqual(['recordings/sub/a.json']);
  });

  it('takes a file argument as it is, whatever its name', () => {
    const root = writeTree(makeTempDir(), { 'odd.txt': '{}' });
    expect(names(root, discoverRecordings(['odd.txt'], root).files)).toEqual(['odd.txt']);
  });

  it('reports a folder named x.json and a symlink loop, and still lists the rest', () => {
    const root = writeTree(makeTempDir(), { 'recordings/good.json': '{}' });
    mkdirSync(join(root, 'recordings', 'x.json'));
    symlinkSync(join(root, 'recordings'), join(root, 'recordings', 'loop'));
    const result = discoverRecordings(['.'], root);
    expect(names(root, result.files)).toEqual(['recordings/good.json']);
    expect(result.skipped.map((s) => [s.absPath.slice(root.length + 1), s.reason])).toEqual(
      expect.arrayContaining([
        ['recordings/x.json', 'a folder named like a recording file'],
        ['recordings/loop', 'symlink loop: points back to a folder above it'],
      ]),
    );
  });

  it('reports a broken symlink named like a recording', () => {
    const root = writeTree(makeTempDir(), { 'recordings/good.json': '{}' });
    symlinkSync(join(root, 'nowhere.json'), join(root, 'recordings', 'dangling.json'));
    expect(discoverRecordings(['.'], root).skipped).toEqual([
      { absPath: join(root, 'recordings', 'dangling.json'), reason: 'broken symlink' },
    ]);
  });

  it('lists a file reached through two links once', () => {
    const root = writeTree(makeTempDir(), { 'recordings/a.json': '{}' });
    symlinkSync(join(root, 'recordings', 'a.json'), join(root, 'recordings', 'b.json'));
    expect(discoverRecordings(['.'], root).files).toHaveLength(1);
  });

  it('returns missing paths for the caller to report', () => {
    const root = makeTempDir();
    expect(discoverRecordings(['nope'], root).missing).toEqual(['nope']);
  });
});
