import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runWhy } from '../../src/cli/commands/why.js';
import { UserError } from '../../src/cli/errors.js';
import { HASH_SCHEMES } from '../../src/core/hash/schemes.js';
import { DEMO, ROOT, listJsonFiles, makeTempDir, outputOf, runCli, testContext, writeTree } from '../helpers.js';

/** why explains a replay miss; hash computes what a file must be named. */

const STREAM_FILE = listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('test_openai_chat_completion_streaming'))!;
const STREAM = JSON.parse(readFileSync(STREAM_FILE, 'utf8')) as Record<string, any>;
const NAME = STREAM_FILE.split('/').at(-1)!;
const HASH = NAME.replace('.json', '');
const TEST_ID = STREAM.test_id as string;
const INFERENCE = 'tests/integration/inference/recordings';
const serialise = (recording: unknown) => `${JSON.stringify(recording, null, 2)}\n`;

interface WhyJson {
  misses: Array<{
    hash: string | null;
    testId: string | null;
    tool: string | null;
    verdict: string;
    file: string | null;
    target: string | null;
    fixable: boolean;
    candidates: Array<{ path: string }>;
  }>;
}

async function why(root: string, input: string) {
  const outcome = await runWhy({ input, paths: ['tests'] }, { json: true }, testContext(root).context);
  return { exitCode: outcome.exitCode, report: JSON.parse(outputOf(outcome)) as WhyJson };
}

describe('cassette why', () => {
  it('(b) finds a recording stored under an old name, and says what to rename it to', async () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${'ab'.repeat(32)}.json`]: serialise(STREAM) });
    const { exitCode, report } = await why(
      root,
      `RuntimeError: Recording not found for request hash: ${HASH}\nModel: gpt-4o | Request: POST https://api.openai.com/v1/v1/chat/completions`,
    );
    expect(exitCode).toBe(0);
    expect(report.misses).toEqual([
      expect.objectContaining({
        hash: HASH,
        verdict: 'old-name',
        file: `${INFERENCE}/${'ab'.repeat(32)}.json`,
        target: `${INFERENCE}/${NAME}`,
        fixable: true,
      }),
    ]);
  });

  it('(c) finds a file of that name in another folder, and says where to move it', async () => {
    const root = writeTree(makeTempDir(), { [`tests/integration/agents/recordings/${NAME}`]: serialise(STREAM) });
    const { exitCode, report } = await why(root, `FAILED ${TEST_ID} - RuntimeError: Recording not found for request hash: ${HASH}`);
    expect(exitCode).toBe(0);
    expect(report.misses[0]).toMatchObject({ verdict: 'wrong-folder', testId: TEST_ID, target: `${INFERENCE}/${NAME}` });
  });

  it("(d) otherwise lists the test's recordings and says to re-record, exit 1; (a) says where the recorder looked", async () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${NAME}`]: serialise(STREAM) });
    const missing = 'cd'.repeat(32);
    const outcome = await runWhy(
      { input: `FAILED ${TEST_ID} - RuntimeError: Recording not found for request hash: ${missing}`, paths: ['tests'] },
      {},
      testContext(root).context,
    );
    expect(outcome.exitCode).toBe(1);
    const text = outputOf(outcome);
    expect(text).toContain(`${INFERENCE}/${missing}.json  not there (1 recording in that folder)`);
    expect(text).toContain(`tests/integration/common/recordings/${missing}.json  not there`);
    expect(text).toContain('the request changed since the test was recorded');
    expect(text).toContain(`${INFERENCE}/${NAME}  /v1/chat/completions  gpt-4o  "What is the capital of France?"`);
    expect(text).toContain(`fix: re-record ${TEST_ID}`);
  });

  it('reads a pytest log: every FAILED miss once, each with its test id', async () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${'ab'.repeat(32)}.json`]: serialise(STREAM) });
    const log = [
      '____ test_openai_chat_completion_streaming[txt=openai/gpt-4o-inference:chat_completion:streaming_01] ____',
      `E   RuntimeError: Recording not found for request hash: ${HASH}`,
      'E   Model: gpt-4o | Request: POST https://api.openai.com/v1/v1/chat/completions',
      '=========================== short test summary info ============================',
      `FAILED ${TEST_ID} - RuntimeError: Recording not found for request hash: ${HASH}`,
      'FAILED tests/integration/inference/test_other.py::test_x - AssertionError: 1 != 2',
      '2 failed, 10 passed in 3.2s',
    ].join('\n');
    const { report } = await why(root, log);
    expect(report.misses).toEqual([expect.objectContaining({ hash: HASH, testId: TEST_ID, verdict: 'old-name' })]);
  });

  it('reads a pytest -q log, whose summary lines carry no message: each miss gets its test from its heading', async () => {
    const other = structuredClone(STREAM);
    other.request.body.messages[0].content = 'And of Spain?';
    const otherId = TEST_ID.replace('streaming_01', 'streaming_02');
    other.test_id = otherId;
    const root = writeTree(makeTempDir(), {
      [`${INFERENCE}/${'ab'.repeat(32)}.json`]: serialise(STREAM),
      [`${INFERENCE}/${'cd'.repeat(32)}.json`]: serialise(other),
    });
    const hashOf = (id: string) =>
      JSON.parse(runCli(['hash', '--json', join(root, INFERENCE, `${id}.json`)]).stdout).hashes[0].hash as string;
    const otherHash = hashOf('cd'.repeat(32));
    const failure = (testId: string, hash: string) => [
      `${'_'.repeat(8)} ${testId.split('::').slice(1).join('.')} ${'_'.repeat(8)}`,
      `E   RuntimeError: Recording not found for request hash: ${hash}`,
      'E   Model: gpt-4o | Request: POST https://api.openai.com/v1/chat/completions',
      'E   ',
      'E   Run with --inference-mode=record-if-missing to record it.',
    ];
    const log = [
      ...failure(TEST_ID, HASH),
      ...failure(otherId, otherHash),
      '=========================== short test summary info ============================',
      `FAILED ${TEST_ID}`,
      `FAILED ${otherId}`,
      '2 failed in 3.2s',
    ].join('\n');
    const { report } = await why(root, log);
    expect(report.misses.map((miss) => [miss.hash, miss.testId])).toEqual([
      [HASH, TEST_ID],
      [otherHash, otherId],
    ]);
    // A message printed as a repr (literal \n) ends its URL at the backslash.
    const repr = `FAILED ${TEST_ID} - RuntimeError: Recording not found for request hash: ${HASH}\\nModel: gpt-4o | Request: POST https://api.openai.com/v1/chat/completions\\n\\nRun with --inference-mode=record-if-missing`;
    const json = JSON.parse(outputOf(await runWhy({ input: repr, paths: [] }, { json: true }, testContext(root).context)));
    expect(json.misses[0].url).toBe('https://api.openai.com/v1/chat/completions');
  });

  it('reads a JUnit XML report, the node id from classname and name', async () => {
    const root = writeTree(makeTempDir(), { [`${INFERENCE}/${'ab'.repeat(32)}.json`]: serialise(STREAM) });
    const [file, name] = TEST_ID.split('::') as [string, string];
    const xml = `<?xml version="1.0"?><testsuites><testsuite><testcase classname="${file.replace('.py', '').replace(/\//g, '.')}" name="${name}"><failure message="RuntimeError: Recording not found for request hash: ${HASH}">traceback</failure></testcase><testcase classname="a" name="ok"/></testsuite></testsuites>`;
    const path = join(root, 'report.xml');
    writeFileSync(path, xml);
    const { report } = await why(root, path);
    expect(report.misses).toEqual([expect.objectContaining({ hash: HASH, testId: TEST_ID, verdict: 'old-name' })]);
  });

  it("explains a tool-call miss with the tool's recordings, most alike first", async () => {
    const tool = JSON.parse(
      readFileSync(
        listJsonFiles(DEMO).find((path) => readFileSync(path, 'utf8').includes('tool_name'))!,
        'utf8',
      ),
    );
    const root = writeTree(makeTempDir(), { [`tests/integration/tool_runtime/recordings/x.json`]: serialise(tool) });
    const miss = `RuntimeError: Recording not found for ${tool.request.provider}.${tool.request.tool_name} | Request: {"query": "something else"}`;
    const { exitCode, report } = await why(root, miss);
    expect(exitCode).toBe(1);
    expect(report.misses[0]).toMatchObject({ hash: null, tool: `${tool.request.provider}.${tool.request.tool_name}`, verdict: 'changed' });
    expect(report.misses[0]!.candidates.map((candidate) => candidate.path)).toEqual(['tests/integration/tool_runtime/recordings/x.json']);
  });

  it('is a usage error, exit 2, when the input holds no miss', async () => {
    await expect(runWhy({ input: 'all tests passed', paths: [DEMO] }, {}, testContext(ROOT).context)).rejects.toThrow(UserError);
    const result = runCli(['why', '-'], { input: '5 passed in 1.0s\n' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cassette: no replay miss in the input');
  });
});

describe('cassette hash', () => {
  it('agrees with python3 under every scheme, for every demo recording', () => {
    const files = listJsonFiles(DEMO).filter((path) => !path.includes('files/recordings'));
    for (const scheme of HASH_SCHEMES) {
      const expected = execFileSync('python3', [join(ROOT, 'test/oracle/request_hash.py'), scheme, ...files], { encoding: 'utf8' })
        .trim()
        .split('\n');
      files.forEach((file, i) => {
        const result = runCli(['hash', '--hash-scheme', scheme, file]);
        expect(result.stdout.split('\n')[0], `${scheme} ${file}`).toBe(expected[i]);
      });
    }
  });

  it('hashes a request object or a bare body with --url, --method and --test-id, from standard input', () => {
    const { request } = STREAM;
    const asRequest = runCli(['hash', '-'], { input: JSON.stringify({ ...request, test_id: TEST_ID }) });
    expect(asRequest.stdout.split('\n')[0]).toBe(HASH);
    const asBody = runCli(['hash', '-', '--url', request.url, '--method', 'POST', '--test-id', TEST_ID], {
      input: JSON.stringify(request.body),
    });
    expect(asBody.stdout.split('\n')[0]).toBe(HASH);
    const noUrl = runCli(['hash', '-'], { input: JSON.stringify(request.body) });
    expect(noUrl.status).toBe(2);
    expect(noUrl.stderr).toContain('give --url');
  });

  it('fails a request no scheme can hash (a file upload), with --json as without', () => {
    const upload = { request: { file_id: 'file-abc', purpose: 'assistants' }, response: { body: null } };
    const root = writeTree(makeTempDir(), { 'upload.json': serialise(upload) });
    const human = runCli(['hash', 'upload.json'], { cwd: root });
    const json = runCli(['hash', '--json', 'upload.json'], { cwd: root });
    expect(human.stdout).toContain('(cannot be hashed)');
    expect((JSON.parse(json.stdout) as { hashes: Array<{ hash: string | null }> }).hashes).toEqual([
      expect.objectContaining({ hash: null }),
    ]);
    expect([human.status, json.status]).toEqual([1, 1]);
  });

  it('prints every scheme side by side with --all-schemes', () => {
    const result = runCli(['hash', '--all-schemes', '--json', STREAM_FILE]);
    const { hashes } = JSON.parse(result.stdout) as { hashes: Array<{ scheme: string; hash: string; file: string }> };
    expect(hashes.map((row) => row.scheme)).toEqual([...HASH_SCHEMES]);
    expect(hashes.find((row) => row.scheme === 'E7')?.file).toBe(NAME);
    expect(hashes.find((row) => row.scheme === 'E2')?.file).toMatch(/^[0-9a-f]{12}\.json$/);
  });
});
