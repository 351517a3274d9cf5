import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runNormalize } from '../../src/cli/commands/normalize.js';
import { run as runRedact } from '../../src/cli/commands/redact.js';
import { run as runRehash } from '../../src/cli/commands/rehash.js';
import { run as runVerify } from '../../src/cli/commands/verify.js';
import { DEMO, ROOT, listJsonFiles, makeTempDir, treeHash, outputOf, testContext, writeTree } from '../helpers.js';

/** Repairs without re-recording: dry runs by default, whole files written, never over another. */

const STREAM_FILE = listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('test_openai_chat_completion_streaming'))!;
const STREAM = JSON.parse(readFileSync(STREAM_FILE, 'utf8')) as Record<string, any>;
const NAME = STREAM_FILE.split('/').at(-1)!;
const INFERENCE = 'tests/integration/inference/recordings';
const KEY = 'sk-proj-Zq3xR8mN2kL5vB9cT1wY4uH7jF6dS0aE2gP8rT';
const serialise = (recording: unknown) => `${JSON.stringify(recording, null, 2)}\n`;
const STALE = `${'ab'.repeat(32)}.json`;

interface RepairJson {
  written: boolean;
  files: Array<{ path: string; newPath: string | null; changes: string[]; removed: boolean; refused: string | null; done: boolean }>;
}

const repair = async (command: typeof runRehash, root: string, options: Record<string, unknown> = {}) => {
  const outcome = await command({ paths: ['tests'] }, { json: true, ...options }, testContext(root).context);
  return { exitCode: outcome.exitCode, report: JSON.parse(outputOf(outcome)) as RepairJson };
};

/** The demo stream under an old name, its response ids those of another request (as after a bulk edit). */
function staleStream(): string {
  const recording = structuredClone(STREAM);
  for (const chunk of recording.response.body) chunk.__data__.id = 'rec-0123456789ab';
  return serialise(recording);
}

describe('cassette rehash', () => {
  it('plans in a dry run, changing nothing; --write renames, rewrites the ids, and verify is then clean', async () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${STALE}`]: staleStream() });
    const before = treeHash(root);
    const dry = await repair(runRehash, root);
    expect(dry.exitCode).toBe(1);
    expect(dry.report.files).toEqual([
      expect.objectContaining({ path: `${INFERENCE}/${STALE}`, newPath: `${INFERENCE}/${NAME}`, done: false, refused: null }),
    ]);
    expect(dry.report.files[0]!.changes).toEqual([
      `renamed to ${NAME}: the E7 recorder looks up this name`,
      `16 response ids rewritten to rec-${NAME.slice(0, 12)}`,
    ]);
    expect(treeHash(root)).toBe(before);
    const written = await repair(runRehash, root, { write: true });
    expect(written.report.files[0]!.done).toBe(true);
    expect(readFileSync(join(root, INFERENCE, NAME), 'utf8')).toBe(serialise(STREAM));
    const verify = await runVerify({ paths: ['tests'] }, { json: true }, testContext(root).context);
    expect(JSON.parse(outputOf(verify)).problems).toEqual([]);
    expect((await repair(runRehash, root)).exitCode).toBe(0);
  });

  it('removes a stale copy whose content the right name already holds, only with --write', async () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${STALE}`]: serialise(STREAM), [`${INFERENCE}/${NAME}`]: serialise(STREAM) });
    const dry = await repair(runRehash, root);
    expect(dry.report.files[0]).toMatchObject({ path: `${INFERENCE}/${STALE}`, removed: true, refused: null });
    expect(existsSync(join(root, INFERENCE, STALE))).toBe(true);
    await repair(runRehash, root, { write: true });
    expect(existsSync(join(root, INFERENCE, STALE))).toBe(false);
    expect(readFileSync(join(root, INFERENCE, NAME), 'utf8')).toBe(serialise(STREAM));
  });

  it('refuses to rename onto a file with other content, and leaves an unreadable file alone', async () => {
    const other = serialise({ ...STREAM, response: { ...STREAM.response, body: STREAM.response.body.slice(0, 3) } });
    const root = writeTree(makeTempDir(), {
      [`${INFERENCE}/${STALE}`]: serialise(STREAM),
      [`${INFERENCE}/${NAME}`]: other,
      [`${INFERENCE}/broken.json`]: '{"request": ',
    });
    const before = treeHash(root);
    const { report } = await repair(runRehash, root, { write: true });
    expect(report.files.map((file) => [file.path.split('/').at(-1), file.done, Boolean(file.refused)])).toEqual([
      [STALE, false, true],
      ['broken.json', false, true],
    ]);
    expect(report.files[0]!.refused).toBe(
      `the recorder finds this request as ${INFERENCE}/${NAME}, and this copy differs from it: left alone; --remove-superseded removes it (compare them: cassette diff ${INFERENCE}/${STALE} ${INFERENCE}/${NAME})`,
    );
    expect(treeHash(root)).toBe(before);
    // Asked for, the stale copy goes: the recorder reads the other file for this request.
    const removing = await repair(runRehash, root, { write: true, removeSuperseded: true });
    expect(removing.exitCode).toBe(1);
    expect(existsSync(join(root, INFERENCE, STALE))).toBe(false);
    expect(readFileSync(join(root, INFERENCE, NAME), 'utf8')).toBe(other);
  });

  it('renames the newest of several stale copies of one request and removes the others, as the dry run says', async () => {
    const older = serialise({ ...STREAM, response: { ...STREAM.response, body: STREAM.response.body.slice(0, 3) } });
    const root = writeTree(makeTempDir(), {
      [`${INFERENCE}/${'a'.repeat(64)}.json`]: older,
      [`${INFERENCE}/${'b'.repeat(64)}.json`]: serialise(STREAM),
      [`${INFERENCE}/${'c'.repeat(64)}.json`]: serialise(STREAM),
    });
    // Newest by modification time outside git: b, then c, then a.
    utimesSync(join(root, INFERENCE, `${'a'.repeat(64)}.json`), new Date('2024-01-01'), new Date('2024-01-01'));
    utimesSync(join(root, INFERENCE, `${'c'.repeat(64)}.json`), new Date('2025-01-01'), new Date('2025-01-01'));
    utimesSync(join(root, INFERENCE, `${'b'.repeat(64)}.json`), new Date('2026-01-01'), new Date('2026-01-01'));
    const dry = await repair(runRehash, root, { removeSuperseded: true });
    expect(
      dry.report.files.map((file) => [file.path.split('/').at(-1)!.slice(0, 1), file.newPath?.split('/').at(-1), file.removed]),
    ).toEqual([
      ['b', NAME, false],
      ['a', NAME, true],
      ['c', NAME, true],
    ]);
    const { report, exitCode } = await repair(runRehash, root, { write: true, removeSuperseded: true });
    expect(exitCode).toBe(0);
    expect(report.files.map((file) => [file.path.split('/').at(-1)!.slice(0, 1), file.done, file.removed])).toEqual(
      dry.report.files.map((file) => [file.path.split('/').at(-1)!.slice(0, 1), true, file.removed]),
    );
    expect(readdirSync(join(root, INFERENCE))).toEqual([NAME]);
    // The newest copy is the one kept: the whole stream, not the older three chunks.
    expect(JSON.parse(readFileSync(join(root, INFERENCE, NAME), 'utf8')).response.body).toHaveLength(STREAM.response.body.length);
    // Without the flag, the copy that differs stays and says why; the identical one still goes.
    const again = writeTree(makeTempDir(), {
      [`${INFERENCE}/${'a'.repeat(64)}.json`]: older,
      [`${INFERENCE}/${'b'.repeat(64)}.json`]: serialise(STREAM),
    });
    utimesSync(join(again, INFERENCE, `${'a'.repeat(64)}.json`), new Date('2024-01-01'), new Date('2024-01-01'));
    const kept = await repair(runRehash, again, { write: true });
    expect(kept.exitCode).toBe(1);
    expect(kept.report.files[1]!.refused).toContain('--remove-superseded removes it');
    expect(readdirSync(join(again, INFERENCE)).sort()).toEqual([`${'a'.repeat(64)}.json`, NAME].sort());
  });

  it('reports a file in the wrong folder, and moves it only with --move', async () => {
    const root = writeTree(makeTempDir(), { [`tests/integration/agents/recordings/${NAME}`]: serialise(STREAM) });
    const { report } = await repair(runRehash, root, { write: true });
    expect(report.files[0]!.changes[0]).toMatch(
      /^in the wrong folder for its test: the recorder looks in tests\/integration\/inference\/recordings\//,
    );
    expect(existsSync(join(root, 'tests/integration/agents/recordings', NAME))).toBe(true);
    await repair(runRehash, root, { write: true, move: true });
    expect(existsSync(join(root, INFERENCE, NAME))).toBe(true);
    expect(existsSync(join(root, 'tests/integration/agents/recordings', NAME))).toBe(false);
  });

  it('leaves every file old or new when killed mid-way, never half written', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) {
      const recording = structuredClone(STREAM);
      recording.request.body.messages[1].content = `question ${i}`;
      files[`${INFERENCE}/${i.toString(16).padStart(64, '0')}.json`] = serialise(recording);
    }
    const root = writeTree(makeTempDir(), files);
    const child = spawn(process.execPath, [join(ROOT, 'bin/cassette.js'), 'rehash', '--write', 'tests'], { cwd: root, stdio: 'ignore' });
    // Killed as soon as the first file has its new name: mid-way through the writes.
    const folder = join(root, INFERENCE);
    const watch = setInterval(() => {
      if (readdirSync(folder).some((name) => name.endsWith('.json') && !name.startsWith('0000000000'))) child.kill('SIGKILL');
    }, 2);
    await new Promise((resolve) => child.on('close', resolve));
    clearInterval(watch);
    const renamed = readdirSync(folder).filter((name) => !name.startsWith('0000000000') && name.endsWith('.json')).length;
    expect(renamed).toBeGreaterThan(0);
    expect(renamed).toBeLessThan(300);
    const contents = listJsonFiles(join(root, 'tests')).map((path) => readFileSync(path, 'utf8'));
    // A rename never overwrites (a link, then the old name removed): killed between the two,
    // one file has both names, the same bytes under each. Every file is whole.
    expect(contents.length).toBeGreaterThanOrEqual(300);
    expect(contents.length).toBeLessThanOrEqual(301);
    for (const text of contents) expect(() => JSON.parse(text)).not.toThrow();
    const questions = new Set(contents.map((text) => JSON.parse(text).request.body.messages[1].content));
    expect(questions.size).toBe(300);
    // The next run finishes the job: the stale name of a file already renamed is removed.
    await repair(runRehash, root, { write: true });
    expect(listJsonFiles(join(root, 'tests'))).toHaveLength(300);
    expect((await repair(runRehash, root)).exitCode).toBe(0);
  });
});

describe('cassette normalize', () => {
  it("applies the recorder's response normalisation, never touching the request or the name; twice changes nothing", async () => {
    const recording = structuredClone(STREAM);
    for (const chunk of recording.response.body) Object.assign(chunk.__data__, { id: 'chatcmpl-B9x', created: 1_731_000_000 });
    const text = serialise(recording);
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${NAME}`]: text });
    const { report } = await repair(runNormalize, root, { write: true });
    expect(report.files[0]!.changes).toEqual(['id normalised in 16 response objects', 'created normalised in 16 response objects']);
    expect(report.files[0]!.newPath).toBeNull();
    expect(readFileSync(join(root, INFERENCE, NAME), 'utf8')).toBe(serialise(STREAM));
    expect((await repair(runNormalize, root)).exitCode).toBe(0);
  });

  it('agrees with verify --rule normalization: a file under a stale name is left to rehash, its ids kept as evidence', async () => {
    const recording = structuredClone(STREAM);
    for (const chunk of recording.response.body) Object.assign(chunk.__data__, { id: 'rec-0123456789ab' });
    const root = writeTree(makeTempDir(), {
      [`${INFERENCE}/${STALE}`]: serialise(recording),
      [`${INFERENCE}/${NAME}`]: serialise({
        ...STREAM,
        response: {
          ...STREAM.response,
          body: STREAM.response.body.map((chunk: any) => ({ ...chunk, __data__: { ...chunk.__data__, created: 5 } })),
        },
      }),
    });
    const planned = (await repair(runNormalize, root)).report.files.map((file) => file.path);
    const flagged = JSON.parse(
      outputOf(await runVerify({ paths: [] }, { json: true, rule: ['normalization'] }, testContext(root).context)),
    ).problems.map((problem: { path: string }) => problem.path);
    expect(planned).toEqual([`${INFERENCE}/${NAME}`]);
    expect(flagged).toEqual(planned);
  });
});

describe('cassette redact', () => {
  it("removes keys used as object keys and the config's own patterns, and says what it cannot remove (split across chunks), exit 1", async () => {
    const recording = structuredClone(STREAM);
    recording.request.body.metadata = { [KEY]: 'as a key' };
    recording.request.body.messages[1].content = 'ticket ACME-123456';
    // A key split across two stream chunks: whole only in the rebuilt answer.
    recording.response.body[1].__data__.choices[0].delta.content = ` ${KEY.slice(0, 20)}`;
    recording.response.body[2].__data__.choices[0].delta.content = `${KEY.slice(20)} `;
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${NAME}`]: serialise(recording) });
    const context = testContext(root, { secretPatterns: ['ACME-[0-9]{6}'] }).context;
    const dry = await runRedact({ paths: ['tests'] }, { json: true }, context);
    const planned = JSON.parse(outputOf(dry)).files[0];
    expect(planned.changes[0]).toBe('2 credentials replaced by placeholders');
    expect(planned.leftover).toEqual([
      expect.stringMatching(/^OpenAI API key at the answer rebuilt from the stream \(sk-p… \(\d+ characters\)\)$/),
    ]);
    expect(dry.exitCode).toBe(1);
    const written = await runRedact({ paths: ['tests'] }, { write: true }, context);
    expect(written.exitCode).toBe(1);
    expect(outputOf(written)).toContain('1 credential cannot be redacted in place');
    const [file] = listJsonFiles(join(root, 'tests'));
    const text = readFileSync(file!, 'utf8');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('ACME-123456');
    // What verify still finds is exactly what redact said it could not remove.
    const verify = await runVerify({ paths: ['tests'] }, { json: true, rule: ['secret'] }, context);
    expect(JSON.parse(outputOf(verify)).problems.map((problem: { data: { location: string } }) => problem.data.location)).toEqual([
      'the answer rebuilt from the stream',
    ]);
  });

  it('replaces a key with a placeholder of its shape, renames the file to its new hash, and verify finds no secret', async () => {
    const recording = structuredClone(STREAM);
    recording.request.body.messages[1].content = `my key is ${KEY}`;
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${NAME}`]: serialise(recording) });
    const { report } = await repair(runRedact, root, { write: true });
    expect(report.files[0]!.changes).toEqual([
      '1 credential replaced by placeholders',
      expect.stringMatching(/^renamed to [0-9a-f]{64}\.json: the redaction changed the request hash$/),
    ]);
    const [file] = listJsonFiles(join(root, 'tests'));
    expect(readFileSync(file!, 'utf8')).toContain('"my key is sk-proj-REDACTED"');
    const verify = await runVerify({ paths: ['tests'] }, { json: true, rule: ['secret,hash'] }, testContext(root).context);
    expect(JSON.parse(outputOf(verify)).problems).toEqual([]);
  });
});

describe('repairs and VCR cassettes', () => {
  const CASSETTE = readFileSync(join(ROOT, 'test/fixtures/vcr/tests/models/cassettes/test_openai/test_chat_stream.yaml'), 'utf8');

  it('never rewrite a cassette, even one holding a key, and refuse a tree of cassettes only', async () => {
    const withKey = structuredClone(STREAM);
    withKey.request.headers = { Authorization: `Bearer ${KEY}` };
    const root = writeTree(makeTempDir(), {
      [`${INFERENCE}/${NAME}`]: serialise(withKey),
      'tests/models/cassettes/test_openai/test_chat_stream.yaml': CASSETTE,
    });
    const { report } = await repair(runRedact, root, { write: true });
    expect(report.files.map((file) => file.path)).toEqual([`${INFERENCE}/${NAME}`]);
    expect(readFileSync(join(root, 'tests/models/cassettes/test_openai/test_chat_stream.yaml'), 'utf8')).toBe(CASSETTE);
    expect(readFileSync(join(root, INFERENCE, NAME), 'utf8')).not.toContain(KEY);

    const cassettesOnly = writeTree(makeTempDir(), { 'tests/models/cassettes/test_openai/test_chat_stream.yaml': CASSETTE });
    await expect(repair(runRedact, cassettesOnly)).rejects.toThrow('redact repairs ogx recordings; tests holds only cassettes');
  });
});
