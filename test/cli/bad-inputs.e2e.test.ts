import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, FIXTURES, ROOT, makeTempDir, runCli, writeTree } from '../helpers.js';

interface Row {
  path: string;
  kind: string;
  chunks: number | null;
  error: string | null;
}

const GOOD = readFileSync(join(FIXTURES, 'kinds', 'chat-stream-two-choices.json'), 'utf8');
const DIR = 'tests/integration/inference/recordings';

/** A chat stream of about `megabytes` MB: many small chunks, as a long streamed answer is recorded. */
function hugeStream(megabytes: number): { text: string; chunks: number } {
  const recording = JSON.parse(GOOD) as { response: { body: unknown[] } };
  const piece = JSON.stringify(recording.response.body[0]);
  const chunks = Math.ceil((megabytes * 1024 * 1024) / (piece.length + 2));
  const body = `[${Array.from({ length: chunks }, () => piece).join(',\n')}]`;
  const text = JSON.stringify({ ...recording, response: { body: '__BODY__', is_streaming: true } }).replace('"__BODY__"', body);
  return { text, chunks };
}

describe('bad inputs are reported with their path and a reason; the rest is still listed', () => {
  let root: string;
  let huge: { text: string; chunks: number };

  beforeAll(() => {
    huge = hugeStream(60);
    root = writeTree(makeTempDir(), {
      [`${DIR}/good.json`]: GOOD,
      [`${DIR}/empty.json`]: '',
      [`${DIR}/truncated.json`]: GOOD.slice(0, 200),
      [`${DIR}/latin1.json`]: Buffer.concat([Buffer.from(GOOD.slice(0, 50)), Buffer.from([0xff, 0xfe]), Buffer.from(GOOD.slice(50))]),
      [`${DIR}/bom.json`]: `\uFEFF${GOOD}`,
      [`${DIR}/array.json`]: '[]',
      [`${DIR}/nested.json`]: `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
      [`${DIR}/nested-body.json`]: GOOD.replace('"body": [', `"deep": ${'['.repeat(200_000)}${']'.repeat(200_000)}, "body": [`),
      [`${DIR}/nan.json`]: GOOD.replace('"temperature"', '"x"').replace('"n": 2', '"n": 2, "temperature": NaN'),
      [`${DIR}/no-request.json`]: JSON.stringify({ test_id: null, response: { body: null } }),
      [`${DIR}/huge.json`]: huge.text,
    });
    mkdirSync(join(root, DIR, 'folder.json'));
    symlinkSync(join(root, 'tests'), join(root, DIR, 'loop'));
  });

  it('list --json gives every file a row, with a one-line error where it cannot be used', () => {
    const result = runCli(['list', '--json'], { cwd: root });
    expect(result.status).toBe(1);
    const rows = JSON.parse(result.stdout) as Row[];
    const byName = Object.fromEntries(rows.map((row) => [row.path.split('/').at(-1), row]));
    expect(Object.keys(byName).sort()).toEqual(
      [
        'array.json',
        'bom.json',
        'empty.json',
        'good.json',
        'folder.json',
        'huge.json',
        'latin1.json',
        'loop',
        'nan.json',
        'nested-body.json',
        'nested.json',
        'no-request.json',
        'truncated.json',
      ].sort(),
    );
    expect(byName['good.json']).toMatchObject({ kind: 'chat-stream', error: null });
    expect(byName['empty.json']!.error).toBe('empty file');
    expect(byName['truncated.json']!.error).toMatch(/^truncated JSON: .* at line \d+, column \d+$/);
    expect(byName['latin1.json']!.error).toBe('not valid UTF-8 (first bad byte at offset 50)');
    expect(byName['bom.json']).toMatchObject({
      kind: 'chat-stream',
      error: "starts with a UTF-8 byte-order mark, which Python's json.load rejects",
    });
    expect(byName['array.json']!.error).toBe('top level is an empty array, not an object');
    expect(byName['nested.json']!.error).toBe('top level is an array, not an object');
    // 200,000 levels in an unused field: Python's json.load stops at 1,000 (RecursionError), so the recorder cannot load it.
    expect(byName['nested-body.json']!.error).toBe('too deeply nested to read');
    expect(byName['nan.json']).toMatchObject({ kind: 'chat-stream', error: null });
    expect(byName['no-request.json']!.error).toBe('no "request" in the file');
    expect(byName['huge.json']).toMatchObject({ kind: 'chat-stream', chunks: huge.chunks, error: null });
    for (const row of rows) expect(row.error ?? '').not.toContain('\n');

    // What could not even be listed is a row with its reason, counted like any unusable file.
    expect(byName['folder.json']!.error).toBe('a folder named like a recording file');
    expect(byName['loop']!.error).toBe('symlink loop: points back to a folder above it');
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('list --errors shows only the unusable files, in the table with path and reason', () => {
    const result = runCli(['list', '--errors'], { cwd: root });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/empty\s+error: empty file\s+tests\/integration\/inference\/recordings\/empty.json/);
    expect(result.stdout).not.toMatch(/^good /m);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^10 of 13 recordings; 10 with errors$/);
  });

  it('show on a broken file explains it and exits 2 without a stack trace', () => {
    const result = runCli(['show', `${DIR}/truncated.json`], { cwd: root });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cassette: tests\/integration\/inference\/recordings\/truncated.json: truncated JSON: /);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('show --raw pretty-prints a deeply nested file without overflowing', () => {
    const result = runCli(['show', '--raw', `${DIR}/nested-body.json`], { cwd: root });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').length).toBeGreaterThan(400_000);
  });

  it('a file given by path that is not JSON is reported, not thrown', () => {
    writeFileSync(join(root, 'notes.json'), 'hello');
    const result = runCli(['list', '--json', 'notes.json'], { cwd: root });
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as Row[])[0]!.error).toBe("invalid JSON: unexpected character 'h' at line 1, column 1");
  });
});

describe('a broken install', () => {
  it('says so, exit 2 and no stack trace, when the YAML parser it loads on first use is missing; never blames the cassette', () => {
    // The bundle without its node_modules, and a cassette with an anchor: the fast reader leaves it to the yaml package.
    const install = makeTempDir();
    for (const part of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, part), join(install, part), { recursive: true });
    const root = writeTree(makeTempDir(), {
      'tests/cassettes/test_x/test_alias.yaml': 'version: 1\ninteractions: &calls []\nagain: *calls\n',
    });
    const result = spawnSync(process.execPath, [join(install, 'bin', 'cassette.js'), 'list', 'tests'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "cassette: its installation is incomplete: Cannot find module 'yaml'\nhint: install it again (npm ci in a checkout, or npm install)\n",
    );
    // Installed, the same cassette is read: an empty one.
    expect(runCli(['list', '--json', 'tests'], { cwd: root }).stdout).toContain('"kind": "empty"');
  });
});

describe('a machine out of file handles', () => {
  it('says so in a line, with the fix, never as a stack trace (ulimit -n)', () => {
    for (const limit of [20, 24, 28]) {
      const run = spawnSync(
        'bash',
        ['-c', `ulimit -n ${limit}; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'bin', 'cassette.js'))} list .`],
        {
          cwd: DEMO,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        },
      );
      expect(run.stderr, `ulimit -n ${limit}`).not.toMatch(/\n\s+at /);
      expect([0, 2], `ulimit -n ${limit}: ${run.stderr}`).toContain(run.status);
      if (run.status === 2) expect(run.stderr).toContain('cassette: too many open files');
    }
  });
});

describe('decompression bombs in cassettes', () => {
  it("bounds a cassette's bodies together: six gzip bodies of 60 MB each are reported, not held", () => {
    const body = gzipSync(Buffer.alloc(60 * 1024 * 1024, 0x61)).toString('base64');
    const interaction = [
      '- request:',
      '    body: null',
      '    headers: {}',
      '    method: GET',
      '    uri: https://example.com/big',
      '  response:',
      '    body:',
      `      string: !!binary |\n        ${body}`,
      '    headers:',
      '      Content-Encoding:',
      '      - gzip',
      '    status:',
      '      code: 200',
      '      message: OK',
    ].join('\n');
    const root = writeTree(makeTempDir(), {
      'tests/cassettes/test_x/test_bomb.yaml': `interactions:\n${Array.from({ length: 6 }, () => interaction).join('\n')}\nversion: 1\n`,
    });
    const result = runCli(['verify', '--json', 'tests'], { cwd: root });
    expect(result.status).toBe(1);
    const problems = JSON.parse(result.stdout).problems as Array<{ code: string; message: string; interaction: number }>;
    expect(
      problems
        .filter((problem) => problem.message.includes('decompress to more than 256 MB together'))
        .map((problem) => problem.interaction),
    ).toEqual([4, 5]);
  });

  it('reports a small .yaml.gz that inflates to more YAML than the full parser may take, instead of aborting', () => {
    const flow = `{interactions: [${'{request: {uri: x}}, '.repeat(1_800_000)}], version: 1}\n`;
    const root = writeTree(makeTempDir(), { 'tests/cassettes/test_x/test_flow.yaml.gz': gzipSync(flow) });
    const result = runCli(['verify', '--json', 'tests'], { cwd: root });
    expect(result.status).toBe(1);
    const [problem] = JSON.parse(result.stdout).problems as Array<{ code: string; message: string }>;
    expect(problem).toMatchObject({ code: 'parse/invalid-yaml', message: expect.stringContaining('too large to parse safely') });
  });
});
