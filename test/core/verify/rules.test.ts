import { copyFileSync, readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY } from '../../../src/core/verify/messages.js';
import { runVerify } from '../../../src/core/verify/run-verify.js';
import { DEMO, ROOT } from '../../helpers.js';
import { INFERENCE, demoRecording, hashOf, place, serialise, verifyTree } from './verify-helpers.js';

const rulesOf = (result: { problems: Array<{ rule: string }> }) => result.problems.map((problem) => problem.rule);
const stream = () => demoRecording('chat-stream');

describe('verify on good files', () => {
  it('finds nothing in the demo corpus, all rules on', () => {
    const result = runVerify({ paths: [DEMO], cwd: ROOT, hashScheme: 'auto', rules: { ...DEFAULT_SEVERITY }, secretPatterns: [] });
    expect(result.problems).toEqual([]);
    expect(result.files).toBe(19);
  });

  it('accepts a Python NaN in a float field and a recording named by its hash', () => {
    const text = serialise(stream()).replace('"temperature": 0.7', '"temperature": NaN');
    expect(verifyTree(place(INFERENCE, text)).problems).toEqual([]);
  });
});

describe('parse', () => {
  it.each([
    ['an empty file', ''],
    ['truncated JSON', '{"request": {'],
    ['a list', '[]'],
    ['a BOM', `\uFEFF${serialise(stream())}`],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
  ])('reports %s as an error with its reason', (_name, content) => {
    const result = verifyTree({ [`${INFERENCE}/x.json`]: content });
    expect(result.problems[0]).toMatchObject({ path: `${INFERENCE}/x.json`, rule: 'parse', severity: 'error' });
    expect(result.problems[0]!.message).toMatch(/; the recorder cannot load this file: fix or delete it$/);
  });

  it('reports a folder named like a recording and a symlink loop as findings, not crashes', () => {
    const result = verifyTree({ [`${INFERENCE}/x.json/inner.txt`]: '' });
    expect(result.problems).toEqual([
      {
        path: `${INFERENCE}/x.json`,
        rule: 'parse',
        severity: 'error',
        message: 'a folder named like a recording file; the recorder cannot load this file: fix or delete it',
      },
    ]);
  });
});

describe('schema', () => {
  it('names a missing request', () => {
    const result = verifyTree({ [`${INFERENCE}/x.json`]: '{"test_id": null, "response": {"body": null, "is_streaming": false}}' });
    expect(result.problems).toEqual([
      expect.objectContaining({
        rule: 'schema',
        message: 'request: missing (expected record); a recording needs "request" and "response" objects',
      }),
    ]);
  });

  it('names the JSON path and expected type of a bad is_streaming', () => {
    const recording = stream();
    recording.response.is_streaming = 'yes';
    const [problem] = verifyTree(place(INFERENCE, serialise(recording))).problems;
    expect(problem).toMatchObject({
      rule: 'schema',
      message: 'response.is_streaming: expected boolean, got a string; a recording needs "request" and "response" objects',
    });
  });

  it('reports the first chunk that breaks its schema, and how many more do', () => {
    const recording = stream();
    delete recording.response.body[1].__data__.choices;
    recording.response.body[2].__data__.choices = null;
    const problems = verifyTree(place(INFERENCE, serialise(recording))).problems.filter((p) => p.rule === 'schema');
    expect(problems).toEqual([
      expect.objectContaining({
        message: 'response.body[1].__data__.choices: missing (expected array) (and 1 more ChatCompletionChunk objects)',
      }),
    ]);
  });
});

describe('unknown-type', () => {
  it('warns about a __type__ with no schema', () => {
    const recording = demoRecording('chat-completion');
    recording.response.body.__type__ = 'openai.types.batch.Batch';
    const problems = verifyTree(place(INFERENCE, serialise(recording))).problems;
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'unknown-type',
        severity: 'warning',
        message: '__type__ openai.types.batch.Batch has no schema in cassette, so its fields are not checked',
      }),
    ]);
  });
});

describe('hash', () => {
  it('flags a name that matches no scheme', () => {
    const text = serialise(stream());
    const result = verifyTree({ [`${INFERENCE}/${'ab'.repeat(32)}.json`]: text });
    expect(result.problems.find((p) => p.rule === 'hash')?.message).toMatch(
      new RegExp(
        `^name matches no hash scheme: .*the E7 recorder looks for ${hashOf(text).slice(0, 12)}… and never finds this file: re-record it$`,
      ),
    );
  });

  it('names the older scheme a file was recorded under: E6 before the file_search normalisation', () => {
    const recording = stream();
    recording.request.body.messages[1].content = 'Results: [1] document_id: file-1, score: 0.91234 attributes: {a: 1}';
    const text = serialise(recording);
    expect(hashOf(text, 'E6')).not.toBe(hashOf(text, 'E7'));
    const [problem] = verifyTree(place(INFERENCE, text, `${hashOf(text, 'E6')}.json`)).problems.filter((p) => p.rule === 'hash');
    expect(problem!.message).toBe(
      `name is the E6 hash (recorded before the file_search normalisation of 2026-04-09); the E7 recorder looks for ${hashOf(text).slice(0, 12)}… and never finds this file: re-record it`,
    );
  });

  it('names E3 for a file hashed before float normalisation', () => {
    const text = serialise(stream()).replace('"temperature": 0.7', '"temperature": 0.123456789');
    const [problem] = verifyTree(place(INFERENCE, text, `${hashOf(text, 'E3')}.json`)).problems.filter((p) => p.rule === 'hash');
    expect(problem!.message).toMatch(
      /^name is the E3 hash \(raw body, recorded before the float and string normalisation of 2025-10-09\); /,
    );
  });

  it('flags a 12-hex name in a per-area folder, which no current recorder looks up', () => {
    const text = serialise(stream());
    const [problem] = verifyTree(place(INFERENCE, text, `${hashOf(text, 'E2').slice(0, 12)}.json`)).problems.filter(
      (p) => p.rule === 'hash',
    );
    expect(problem!.message).toMatch(
      /^12-hex name in a per-area folder: .* \(it is the E2 hash: recorded by the 2025 recorder\); re-record it$/,
    );
  });

  it('judges the 2025 responses/ tree by E2, and a pinned --hash-scheme everywhere', () => {
    const text = serialise(demoRecording('ollama-generate')).replace('"temperature": 0.1', '"temperature": 0.123456789');
    const legacy = `tests/integration/recordings/responses/${hashOf(text, 'E2').slice(0, 12)}.json`;
    expect(verifyTree({ [legacy]: text }).problems).toEqual([]);
    const perArea = place('tests/integration/safety/recordings', text, `${hashOf(text, 'E3')}.json`);
    expect(rulesOf(verifyTree(perArea))).toContain('hash');
    expect(rulesOf(verifyTree(perArea, { hashScheme: 'E3' }))).not.toContain('hash');
  });

  it('checks the digest of a model-list name', () => {
    const model = listModelFile();
    const name = model.name.replace(/-[0-9a-f]{8}\.json$/, '-00000000.json');
    const [problem] = verifyTree({ [`tests/integration/common/recordings/${name}`]: model.text }).problems;
    expect(problem).toMatchObject({
      rule: 'hash',
      message: `model-list digest does not match the model ids in the file (expected ${model.name.slice(-13, -5)}): re-record it`,
    });
  });
});

function listModelFile(): { name: string; text: string } {
  const dir = join(DEMO, 'tests/integration/common/recordings');
  const name = readdirSync(dir).find((file) => file.startsWith('models-'))!;
  return { name, text: readFileSync(join(dir, name), 'utf8') };
}

describe('location', () => {
  it('flags a file outside its test folder, accepts the shared common folder', () => {
    const text = serialise(stream());
    const [problem] = verifyTree(place('tests/integration/agents/recordings', text)).problems;
    expect(problem).toMatchObject({
      rule: 'location',
      message:
        'test tests/integration/inference/test_openai_completion.py is looked up in tests/integration/inference/recordings/ and in the shared common/recordings/, never here: move the file there',
    });
    expect(verifyTree(place('tests/integration/common/recordings', text)).problems).toEqual([]);
  });
});

describe('stream', () => {
  const streamProblems = (edit: (recording: ReturnType<typeof stream>) => void) => {
    const recording = stream();
    edit(recording);
    return verifyTree(place(INFERENCE, serialise(recording)))
      .problems.filter((p) => p.rule === 'stream')
      .map((p) => p.message);
  };

  it('flags is_streaming that disagrees with the body', () => {
    expect(streamProblems((r) => (r.response.is_streaming = false))).toEqual([
      'is_streaming is false but the body is a list of chunks: replay will fail',
      'request asks for stream=true but the response was recorded with is_streaming=false: re-record it',
    ]);
    const completion = demoRecording('chat-completion');
    completion.response.is_streaming = true;
    expect(verifyTree(place(INFERENCE, serialise(completion))).problems.map((p) => p.message)).toContain(
      'is_streaming is true but the body is not a list of chunks: replay will fail',
    );
  });

  it('flags an empty stream and a chat stream that never finishes', () => {
    expect(streamProblems((r) => (r.response.body = []))).toEqual([
      'a streamed response with no chunks: the replayed call yields nothing; re-record it',
    ]);
    expect(streamProblems((r) => (r.response.body = r.response.body.slice(0, 5)))).toEqual([
      'chat stream of 5 chunks never sets a finish_reason: the recording was cut off; re-record it',
    ]);
  });
});

describe('secret', () => {
  const KEY = 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';
  const secretProblems = (edit: (recording: ReturnType<typeof stream>) => void, options = {}) => {
    const recording = stream();
    edit(recording);
    const result = verifyTree(place(INFERENCE, serialise(recording)), options);
    return result.problems.filter((p) => p.rule === 'secret');
  };

  it('finds an API key in a header, shows where, and masks it', () => {
    const [problem] = secretProblems((r) => (r.request.headers = { Authorization: `Bearer ${KEY}` }));
    expect(problem).toMatchObject({
      severity: 'error',
      message:
        'Authorization value at request.headers.Authorization (sk-p… (47 characters)): revoke the credential, then re-record with it redacted',
    });
    expect(JSON.stringify(problem)).not.toContain(KEY.slice(8));
  });

  it('finds key patterns in any string and URL parameters, counting repeats', () => {
    const messages = secretProblems((r) => {
      r.request.body.messages[1].content = `my key is ${KEY}, again ${KEY}`;
      r.request.body.messages[0].content = `system key ${KEY}`;
      r.request.url = 'https://generativelanguage.googleapis.com/v1beta/models?key=AIzaSyA1234567890abcdefghijklmnopqrstuv';
    }).map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^OpenAI API key at request\.body\.messages\[0\]\.content and 1 more place \(sk-p… \(40 characters\)\)/),
        expect.stringMatching(/^Google API key at request\.url \(AIza… \(39 characters\)\)/),
      ]),
    );
  });

  it('ignores placeholders and ordinary words', () => {
    expect(
      secretProblems(
        (r) => (r.request.headers = { Authorization: 'Bearer <redacted>', 'api-key': '***', 'x-api-key': 'fake-key-for-tests' }),
      ),
    ).toEqual([]);
    expect(secretProblems((r) => (r.request.body.messages[1].content = 'a risk-free task-based desk-top sk-learn approach'))).toEqual([]);
  });

  it("adds the config file's extra patterns", () => {
    const found = secretProblems((r) => (r.request.body.messages[1].content = 'internal token ACME-0123456789'), {
      secretPatterns: [/ACME-\d{10}/],
    });
    expect(found[0]?.message).toMatch(
      /^secret matching \/ACME-\\d\{10\}\/ at request\.body\.messages\[1\]\.content \(ACME… \(15 characters\)\)/,
    );
  });
});

describe('duplicate', () => {
  it('warns on the copy that the recorder does not find', () => {
    const text = serialise(stream());
    const result = verifyTree({ ...place(INFERENCE, text), ...place(INFERENCE, text, `${'cd'.repeat(32)}.json`) });
    const duplicate = result.problems.filter((p) => p.rule === 'duplicate');
    expect(duplicate).toEqual([
      {
        path: `${INFERENCE}/${'cd'.repeat(32)}.json`,
        rule: 'duplicate',
        severity: 'warning',
        message: `same request as ${INFERENCE}/${hashOf(text)}.json, which is the file the recorder finds: delete this one`,
      },
    ]);
  });
});

describe('normalization', () => {
  it('warns about response noise the recorder would have normalised, with counts', () => {
    const recording = stream();
    for (const chunk of recording.response.body) chunk.__data__.id = 'chatcmpl-B9x';
    recording.response.body[0].__data__.created = 1_731_000_000;
    const messages = verifyTree(place(INFERENCE, serialise(recording)))
      .problems.filter((p) => p.rule === 'normalization')
      .map((p) => p.message);
    expect(messages).toEqual([
      expect.stringMatching(
        /^response id is "chatcmpl-B9x" in 16 of 16 objects, the recorder writes "rec-[0-9a-f]{12}": noise in the next re-record diff$/,
      ),
      'response created is 1731000000 in 1 of 16 objects, the recorder writes "0": noise in the next re-record diff',
    ]);
  });
});

describe('index (2025 layout)', () => {
  it('flags files the index does not list and rows whose file is gone', () => {
    const legacyDir = join(DEMO, 'tests/integration/recordings');
    const listed = readdirSync(join(legacyDir, 'responses'))[0]!;
    const text = readFileSync(join(legacyDir, 'responses', listed), 'utf8');
    const other = serialise({
      ...JSON.parse(text),
      request: { ...JSON.parse(text).request, body: { ...JSON.parse(text).request.body, prompt: 'Another prompt' } },
    });
    const otherName = `${hashOf(other, 'E2').slice(0, 12)}.json`;
    const result = verifyTree({
      'recordings/index.sqlite': readFileSync(join(legacyDir, 'index.sqlite')),
      [`recordings/responses/${listed}`]: text,
      [`recordings/responses/${otherName}`]: other,
    });
    expect(result.problems).toEqual([
      {
        path: `recordings/responses/${otherName}`,
        rule: 'index',
        severity: 'error',
        message: 'not listed in index.sqlite: the 2025 recorder never finds this file; re-record it or delete it',
      },
    ]);
    unlinkSync(join(result.root, 'recordings/responses', listed));
    copyFileSync(join(legacyDir, 'index.sqlite'), join(result.root, 'recordings/index.sqlite'));
    const again = runVerify({ paths: ['.'], cwd: result.root, hashScheme: 'auto', rules: { ...DEFAULT_SEVERITY }, secretPatterns: [] });
    expect(again.problems).toContainEqual({
      path: 'recordings/index.sqlite',
      rule: 'index',
      severity: 'error',
      message: `index.sqlite lists responses/${listed}, which does not exist: replay of that request fails; re-record or drop the row`,
    });
  });
});
