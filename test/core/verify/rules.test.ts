import { copyFileSync, readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyRecording } from '../../../src/core/verify/run-verify.js';
import { defaultSeverities } from '../../../src/core/verify/rule-list.js';
import { DEMO, openPath } from '../../helpers.js';
import { INFERENCE, demoRecording, hashOf, place, serialise, verifyPaths, verifyTree } from './verify-helpers.js';

const rulesOf = (result: { findings: Array<{ rule: string }> }) => result.findings.map((finding) => finding.rule);
const codesOf = (findings: Array<{ code: string }>) => findings.map((finding) => finding.code);
const stream = () => demoRecording('chat-stream');

describe('verify on good files', () => {
  it('finds nothing in the demo corpus, all rules on', async () => {
    const result = await verifyPaths([DEMO]);
    expect(result.findings).toEqual([]);
    expect(result.files).toBe(19);
  });

  it('accepts a Python NaN in a float field and a recording named by its hash', async () => {
    const text = serialise(stream()).replace('"temperature": 0.7', '"temperature": NaN');
    expect((await verifyTree(place(INFERENCE, text))).findings).toEqual([]);
  });
});

describe('parse', () => {
  it.each([
    ['an empty file', ''],
    ['truncated JSON', '{"request": {'],
    ['a list', '[]'],
    ['a BOM', `\uFEFF${serialise(stream())}`],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
  ])('reports %s as an error with its reason', async (_name, content) => {
    const result = await verifyTree({ [`${INFERENCE}/x.json`]: content });
    expect(result.findings[0]).toMatchObject({ path: `${INFERENCE}/x.json`, rule: 'parse', severity: 'error' });
    expect(result.findings[0]!.code).toMatch(/^parse\//);
    expect(result.findings[0]!.data.reason).toEqual(expect.any(String));
  });

  it('gives each way of failing its own code', async () => {
    const codeOf = async (content: string | Buffer) => (await verifyTree({ [`${INFERENCE}/x.json`]: content })).findings[0]!.code;
    expect(await codeOf('')).toBe('parse/empty');
    expect(await codeOf('{"request": {')).toBe('parse/truncated');
    expect(await codeOf('[]')).toBe('parse/not-an-object');
    expect(await codeOf(`\uFEFF${serialise(stream())}`)).toBe('parse/bom');
    expect(await codeOf(Buffer.from([0x7b, 0xff, 0x7d]))).toBe('parse/not-utf8');
    expect(await codeOf('{"a": tru}')).toBe('parse/invalid-json');
    expect(await codeOf(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)).toBe('parse/not-an-object');
  });

  it('reports a folder named like a recording and a symlink loop as findings, not crashes', async () => {
    const result = await verifyTree({ [`${INFERENCE}/x.json/inner.txt`]: '' });
    expect(result.findings).toEqual([
      expect.objectContaining({
        path: `${INFERENCE}/x.json`,
        rule: 'parse',
        code: 'parse/skipped',
        severity: 'error',
        data: { reason: 'a folder named like a recording file' },
      }),
    ]);
  });
});

describe('schema', () => {
  it('names a missing request', async () => {
    const result = await verifyTree({ [`${INFERENCE}/x.json`]: '{"test_id": null, "response": {"body": null, "is_streaming": false}}' });
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: 'schema', code: 'schema/envelope', data: expect.objectContaining({ field: 'request', type: null }) }),
    ]);
  });

  it('names the JSON path and expected type of a bad is_streaming', async () => {
    const recording = stream();
    recording.response.is_streaming = 'yes';
    const [finding] = (await verifyTree(place(INFERENCE, serialise(recording)))).findings;
    expect(finding).toMatchObject({
      rule: 'schema',
      code: 'schema/field',
      data: { path: 'response.is_streaming', problem: 'expected boolean, got a string' },
    });
  });

  it('reports the first chunk that breaks its schema, and how many more do', async () => {
    const recording = stream();
    delete recording.response.body[1].__data__.choices;
    recording.response.body[2].__data__.choices = null;
    const findings = (await verifyTree(place(INFERENCE, serialise(recording)))).findings.filter((p) => p.rule === 'schema');
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'schema/field',
        data: {
          path: 'response.body[1].__data__.choices',
          problem: 'missing (expected array)',
          more: 1,
          type: 'openai.types.chat.chat_completion_chunk.ChatCompletionChunk',
        },
      }),
    ]);
  });
});

describe('unknown-type', () => {
  it('warns about a __type__ with no schema', async () => {
    const recording = demoRecording('chat-completion');
    recording.response.body.__type__ = 'openai.types.batch.Batch';
    const findings = (await verifyTree(place(INFERENCE, serialise(recording)))).findings;
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'unknown-type',
        code: 'unknown-type/no-schema',
        severity: 'warning',
        data: { type: 'openai.types.batch.Batch', count: 1 },
      }),
    ]);
  });
});

describe('hash', () => {
  it('flags a name that matches no scheme', async () => {
    const text = serialise(stream());
    const result = await verifyTree({ [`${INFERENCE}/${'ab'.repeat(32)}.json`]: text });
    expect(result.findings.find((p) => p.rule === 'hash')).toMatchObject({
      code: 'hash/no-scheme',
      data: { current: 'E7', expectedFile: `${hashOf(text)}.json`, testId: stream().test_id },
    });
  });

  it('names the older scheme a file was recorded under: E6 before the file_search normalisation', async () => {
    const recording = stream();
    recording.request.body.messages[1].content = 'Results: [1] document_id: file-1, score: 0.91234 attributes: {a: 1}';
    const text = serialise(recording);
    expect(hashOf(text, 'E6')).not.toBe(hashOf(text, 'E7'));
    const [finding] = (await verifyTree(place(INFERENCE, text, `${hashOf(text, 'E6')}.json`))).findings.filter((p) => p.rule === 'hash');
    expect(finding).toMatchObject({
      code: 'hash/older-scheme',
      data: { scheme: 'E6', current: 'E7', expectedFile: `${hashOf(text)}.json` },
    });
    expect(finding!.message).toContain(`looks for ${hashOf(text)}.json`);
  });

  it('names E3 for a file hashed before float normalisation', async () => {
    const text = serialise(stream()).replace('"temperature": 0.7', '"temperature": 0.123456789');
    const [finding] = (await verifyTree(place(INFERENCE, text, `${hashOf(text, 'E3')}.json`))).findings.filter((p) => p.rule === 'hash');
    expect(finding).toMatchObject({ code: 'hash/older-scheme', data: { scheme: 'E3' } });
  });

  it('flags a 12-hex name in a per-area folder, which no current recorder looks up', async () => {
    const text = serialise(stream());
    const [finding] = (await verifyTree(place(INFERENCE, text, `${hashOf(text, 'E2').slice(0, 12)}.json`))).findings.filter(
      (p) => p.rule === 'hash',
    );
    expect(finding).toMatchObject({ code: 'hash/twelve-hex-per-area', data: { e2Matches: true } });
  });

  it('judges the 2025 responses/ tree by E2, and a pinned --hash-scheme everywhere', async () => {
    const text = serialise(demoRecording('ollama-generate')).replace('"temperature": 0.1', '"temperature": 0.123456789');
    const legacy = `tests/integration/recordings/responses/${hashOf(text, 'E2').slice(0, 12)}.json`;
    expect((await verifyTree({ [legacy]: text })).findings).toEqual([]);
    const perArea = place('tests/integration/safety/recordings', text, `${hashOf(text, 'E3')}.json`);
    expect(rulesOf(await verifyTree(perArea))).toContain('hash');
    expect(rulesOf(await verifyTree(perArea, { hashScheme: 'E3' }))).not.toContain('hash');
  });

  it('checks the digest of a model-list name', async () => {
    const model = listModelFile();
    const name = model.name.replace(/-[0-9a-f]{8}\.json$/, '-00000000.json');
    const [finding] = (await verifyTree({ [`tests/integration/common/recordings/${name}`]: model.text })).findings;
    expect(finding).toMatchObject({ rule: 'hash', code: 'hash/model-digest', data: { expected: model.name.slice(-13, -5) } });
  });
});

function listModelFile(): { name: string; text: string } {
  const dir = join(DEMO, 'tests/integration/common/recordings');
  const name = readdirSync(dir).find((file) => file.startsWith('models-'))!;
  return { name, text: readFileSync(join(dir, name), 'utf8') };
}

describe('location', () => {
  it('flags a file outside its test folder, accepts the shared common folder', async () => {
    const text = serialise(stream());
    const [finding] = (await verifyTree(place('tests/integration/agents/recordings', text))).findings;
    expect(finding).toMatchObject({
      rule: 'location',
      code: 'location/wrong-folder',
      data: { testFile: 'tests/integration/inference/test_openai_completion.py', expectedDir: 'tests/integration/inference/recordings' },
    });
    expect((await verifyTree(place('tests/integration/common/recordings', text))).findings).toEqual([]);
  });
});

describe('stream', () => {
  const streamProblems = async (edit: (recording: ReturnType<typeof stream>) => void) => {
    const recording = stream();
    edit(recording);
    return codesOf((await verifyTree(place(INFERENCE, serialise(recording)))).findings.filter((p) => p.rule === 'stream'));
  };

  it('flags is_streaming that disagrees with the body', async () => {
    expect(await streamProblems((r) => (r.response.is_streaming = false))).toEqual([
      'stream/chunks-without-flag',
      'stream/request-mismatch',
    ]);
    const completion = demoRecording('chat-completion');
    completion.response.is_streaming = true;
    expect(codesOf((await verifyTree(place(INFERENCE, serialise(completion)))).findings)).toContain('stream/flag-without-chunks');
  });

  it('flags an empty stream and a chat stream that never finishes', async () => {
    expect(await streamProblems((r) => (r.response.body = []))).toEqual(['stream/empty']);
    expect(await streamProblems((r) => (r.response.body = r.response.body.slice(0, 5)))).toEqual(['stream/unfinished']);
  });
});

describe('secret', () => {
  const KEY = 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';
  const secretProblems = async (edit: (recording: ReturnType<typeof stream>) => void, options = {}) => {
    const recording = stream();
    edit(recording);
    const result = await verifyTree(place(INFERENCE, serialise(recording)), options);
    return result.findings.filter((p) => p.rule === 'secret');
  };

  it('finds an API key in a header, shows where, and masks it', async () => {
    const [finding] = await secretProblems((r) => (r.request.headers = { Authorization: `Bearer ${KEY}` }));
    expect(finding).toMatchObject({
      severity: 'error',
      code: 'secret/found',
      // The key the header holds, by its kind: what to revoke.
      data: { kind: 'OpenAI API key', location: 'request.headers.Authorization', masked: `sk-p… (${KEY.length} characters)` },
    });
    expect(JSON.stringify(finding)).not.toContain(KEY.slice(8));
  });

  it('finds key patterns in any string and URL parameters, counting repeats', async () => {
    const found = (
      await secretProblems((r) => {
        r.request.body.messages[1].content = `my key is ${KEY}, again ${KEY}`;
        r.request.body.messages[0].content = `system key ${KEY}`;
        r.request.url = 'https://generativelanguage.googleapis.com/v1beta/models?key=AIzaSyA1234567890abcdefghijklmnopqrstuv';
      })
    ).map((p) => p.data);
    expect(found).toEqual(
      expect.arrayContaining([
        { kind: 'OpenAI API key', location: 'request.body.messages[0].content and 1 more place', masked: 'sk-p… (40 characters)' },
        { kind: 'Google API key', location: 'request.url', masked: 'AIza… (39 characters)' },
      ]),
    );
  });

  it('ignores placeholders and ordinary words', async () => {
    expect(
      await secretProblems(
        (r) => (r.request.headers = { Authorization: 'Bearer <redacted>', 'api-key': '***', 'x-api-key': 'fake-key-for-tests' }),
      ),
    ).toEqual([]);
    expect(await secretProblems((r) => (r.request.body.messages[1].content = 'a risk-free task-based desk-top sk-learn approach'))).toEqual(
      [],
    );
  });

  it('finds a key split across stream chunks, in the answer rebuilt from them', async () => {
    const [finding] = await secretProblems((r) => {
      r.response.body[1].__data__.choices[0].delta.content = `here: ${KEY.slice(0, 11)}`;
      r.response.body[2].__data__.choices[0].delta.content = `${KEY.slice(11)} done`;
    });
    expect(finding).toMatchObject({
      code: 'secret/found',
      data: { kind: 'OpenAI API key', location: 'the answer rebuilt from the stream' },
    });
  });

  it('finds keys in base64 text, in [name, value] header lists and used as object keys', async () => {
    const other = 'ghp_Zq3xR8mN2kL5vB9cT1wY4uH7jF6dS0aE2gP8';
    const encoded = Buffer.from(`config: token ${other}\n`).toString('base64');
    const found = (
      await secretProblems((r) => {
        r.request.body.messages[1].content = [{ type: 'file', file: { file_data: `data:text/plain;base64,${encoded}` } }];
        r.request.headers = [['x-api-key', 'a8f5f167f44f4964e6c998dee827110c']];
        r.request.body.metadata = { [KEY]: true };
      })
    ).map((p) => p.data.location);
    expect(found).toEqual(expect.arrayContaining(['request.body.messages[1].content[0].file.file_data (base64)', 'request.headers[0]']));
    expect(found).toContain('request.body.metadata (as a key)');
  });

  it('does not take placeholders or key-like words for keys', async () => {
    const found = await secretProblems((r) => {
      r.request.body.messages[1].content =
        'use ${OPENAI_API_KEY} or sk-xxxxxxxxxxxxxxxxxxxxxxxx, like sk-learn-compatible-estimator-wrapper';
      r.request.headers = { Authorization: 'Bearer ${OPENAI_API_KEY}', 'x-api-key': 'fake-api-key' };
    });
    expect(found).toEqual([]);
  });

  it("adds the config file's extra patterns", async () => {
    const found = await secretProblems((r) => (r.request.body.messages[1].content = 'internal token ACME-0123456789'), {
      secretPatterns: [/ACME-\d{10}/],
    });
    expect(found[0]?.data).toEqual({
      kind: 'secret matching /ACME-\\d{10}/',
      location: 'request.body.messages[1].content',
      masked: 'ACME… (15 characters)',
    });
  });
});

describe('duplicate', () => {
  it('warns on the copy that the recorder does not find', async () => {
    const text = serialise(stream());
    const result = await verifyTree({ ...place(INFERENCE, text), ...place(INFERENCE, text, `${'cd'.repeat(32)}.json`) });
    const duplicate = result.findings.filter((p) => p.rule === 'duplicate');
    expect(duplicate).toEqual([
      expect.objectContaining({
        path: `${INFERENCE}/${'cd'.repeat(32)}.json`,
        code: 'duplicate/found-is-other',
        severity: 'warning',
        data: { other: `${INFERENCE}/${hashOf(text)}.json`, expectedFile: `${hashOf(text)}.json` },
      }),
    ]);
  });

  it('says the recorder finds neither when no copy carries the hash', async () => {
    const text = serialise(stream());
    const result = await verifyTree({
      ...place(INFERENCE, text, `${'ab'.repeat(32)}.json`),
      ...place(INFERENCE, text, `${'cd'.repeat(32)}.json`),
    });
    expect(codesOf(result.findings.filter((p) => p.rule === 'duplicate'))).toEqual(['duplicate/none-found', 'duplicate/none-found']);
  });
});

describe('normalization', () => {
  it('warns about response noise the recorder would have normalised, with counts', async () => {
    const recording = stream();
    for (const chunk of recording.response.body) chunk.__data__.id = 'chatcmpl-B9x';
    recording.response.body[0].__data__.created = 1_731_000_000;
    const data = (await verifyTree(place(INFERENCE, serialise(recording)))).findings
      .filter((p) => p.code === 'normalization/field')
      .map((p) => p.data);
    expect(data).toEqual([
      { field: 'id', found: '"chatcmpl-B9x"', expected: expect.stringMatching(/^"rec-[0-9a-f]{12}"$/), count: 16, total: 16 },
      { field: 'created', found: '1731000000', expected: '"0"', count: 1, total: 16 },
    ]);
  });
});

describe('index (2025 layout)', () => {
  it('flags files the index does not list and rows whose file is gone', async () => {
    const legacyDir = join(DEMO, 'tests/integration/recordings');
    const listed = readdirSync(join(legacyDir, 'responses'))[0]!;
    const text = readFileSync(join(legacyDir, 'responses', listed), 'utf8');
    const other = serialise({
      ...JSON.parse(text),
      request: { ...JSON.parse(text).request, body: { ...JSON.parse(text).request.body, prompt: 'Another prompt' } },
    });
    const otherName = `${hashOf(other, 'E2').slice(0, 12)}.json`;
    const result = await verifyTree({
      'recordings/index.sqlite': readFileSync(join(legacyDir, 'index.sqlite')),
      [`recordings/responses/${listed}`]: text,
      [`recordings/responses/${otherName}`]: other,
    });
    expect(result.findings).toEqual([
      expect.objectContaining({ path: `recordings/responses/${otherName}`, rule: 'index', code: 'index/absent', severity: 'error' }),
    ]);
    unlinkSync(join(result.root, 'recordings/responses', listed));
    copyFileSync(join(legacyDir, 'index.sqlite'), join(result.root, 'recordings/index.sqlite'));
    const again = await verifyPaths(['.'], result.root);
    expect(again.findings).toContainEqual(
      expect.objectContaining({ path: 'recordings/index.sqlite', code: 'index/missing-file', data: { file: `responses/${listed}` } }),
    );
  });
});

describe('a rule that fails', () => {
  it('is one finding on its file, and the other rules still check the file', () => {
    const recording = openPath(
      join(DEMO, 'tests/integration/inference/recordings', readdirSync(join(DEMO, 'tests/integration/inference/recordings'))[0]!),
    );
    // Only the secret scan reads the file's text: a bug there must not hide the other rules' verdicts.
    Object.defineProperty(recording, 'text', {
      get() {
        throw new TypeError('a bug');
      },
    });
    const options = { cwd: DEMO, hashScheme: 'auto' as const, rules: defaultSeverities(), secretPatterns: [] };
    expect(verifyRecording(recording, options).map(({ code, rule, data }) => ({ code, rule, data }))).toEqual([
      { code: 'internal/rule-failed', rule: 'secret', data: { rule: 'secret', detail: 'TypeError: a bug' } },
    ]);
  });
});
