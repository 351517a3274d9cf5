/**
 * Writes test/fixtures/rules/<case>/: a small recordings tree made from the demo corpus with
 * one thing wrong, and expected.json, the findings verify must report on it (path and code).
 * The expected codes are written here by hand, per case, from what the edit breaks: they
 * are never produced by running verify. Run with `npm run fixtures:write`; the output is committed.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { computeRequestHash } from '../src/core/hash/request-hash.js';
import { type HashScheme } from '../src/core/hash/schemes.js';
import { parsePythonJson } from '../src/core/json/parse-json.js';

const ROOT = join(import.meta.dirname, '..');
const DEMO = join(ROOT, 'recordings', 'tests', 'integration');
const OUT = join(ROOT, 'test', 'fixtures', 'rules');
const INFERENCE = 'tests/integration/inference/recordings';
const VCR = join(ROOT, 'test', 'fixtures', 'vcr', 'tests', 'models', 'cassettes');
const CASSETTES = 'tests/models/cassettes/test_openai';
const COMMON = 'tests/integration/common/recordings';

type Json = Record<string, any>;
type Files = Record<string, string | Buffer>;
interface Case {
  files: Files;
  expected: Array<{ path: string; code: string }>;
}

function demoText(folder: string, needle: string): string {
  const dir = join(DEMO, folder, 'recordings');
  const name = readdirSync(dir).find((file) => readFileSync(join(dir, file), 'utf8').includes(needle))!;
  return readFileSync(join(dir, name), 'utf8');
}
const stream = (): Json => JSON.parse(demoText('inference', 'test_openai_chat_completion_streaming'));
const completion = (): Json => JSON.parse(demoText('inference', 'test_openai_chat_completion_with_tool_choice'));
const serialise = (recording: unknown): string => `${JSON.stringify(recording, null, 2)}\n`;
const hashOf = (text: string, scheme: HashScheme = 'E7'): string =>
  computeRequestHash(parsePythonJson(text, { lossless: true }) as Json, scheme)!;
/** `<dir>/<hash>.json`, named by the recording's own request hash unless a name is given. */
const placed = (dir: string, text: string, name = `${hashOf(text)}.json`): [string, string] => [`${dir}/${name}`, text];
const edited = (make: () => Json, edit: (recording: Json) => void): string => {
  const recording = make();
  edit(recording);
  return serialise(recording);
};

function cases(): Record<string, Case> {
  const good = serialise(stream());
  const e6Text = edited(stream, (r) => (r.request.body.messages[1].content = 'Results: [1] document_id: file-1, score: 0.91234'));
  const legacyDir = join(DEMO, 'recordings');
  const legacyName = readdirSync(join(legacyDir, 'responses'))[0]!;
  const legacyText = readFileSync(join(legacyDir, 'responses', legacyName), 'utf8');
  const unlisted = edited(
    () => JSON.parse(legacyText),
    (r) => (r.request.body.prompt = 'Another prompt'),
  );
  const modelsName = readdirSync(join(DEMO, 'common', 'recordings')).find((file) => file.startsWith('models-'))!;
  const one = (path: string, code: string) => [{ path, code }];
  const file = (text: string | Buffer, name = 'x.json'): Files => ({ [`${INFERENCE}/${name}`]: text });

  // vcrpy cassettes, from the hand-made ones of test/fixtures/vcr; the key in the chat stream's
  // header is dropped, as vcrpy's filter_headers does, so each case has one thing wrong
  const chatStream = readFileSync(join(VCR, 'test_openai', 'test_chat_stream.yaml'), 'utf8').replace(/\n {8}authorization:\n {10}- .*/, '');
  const converseStream = readFileSync(join(VCR, 'test_bedrock', 'test_converse_stream.yaml'), 'utf8');
  const cassette = (text: string, name = 'test_chat_stream.yaml'): Files => ({ [`${CASSETTES}/${name}`]: text });
  const inCassette = (code: string, name = 'test_chat_stream.yaml') => one(`${CASSETTES}/${name}`, code);
  /** The Bedrock cassette with its binary body replaced by what `edit` makes of its bytes. */
  const withBody = (edit: (bytes: Buffer) => Buffer, headers = '          - application/vnd.amazon.eventstream'): string => {
    const [head, rest] = converseStream.split('string: !!binary |-\n');
    const lines = rest!.split('\n');
    const bytes = Buffer.from(
      lines
        .filter((line) => line.startsWith('          '))
        .map((line) => line.trim())
        .join(''),
      'base64',
    );
    const after = lines.filter((line) => !line.startsWith('          ')).join('\n');
    return `${head!.replace('          - application/vnd.amazon.eventstream', headers)}string: !!binary |-\n          ${edit(bytes).toString('base64')}\n${after}`;
  };

  return {
    clean: { files: Object.fromEntries([placed(INFERENCE, good)]), expected: [] },
    'parse-empty': { files: file(''), expected: one(`${INFERENCE}/x.json`, 'parse/empty') },
    'parse-truncated': { files: file(good.slice(0, 200)), expected: one(`${INFERENCE}/x.json`, 'parse/truncated') },
    'parse-invalid-json': { files: file('{"request": {}, }'), expected: one(`${INFERENCE}/x.json`, 'parse/invalid-json') },
    'parse-whitespace': { files: file(' \n\t\n'), expected: one(`${INFERENCE}/x.json`, 'parse/whitespace') },
    'parse-not-an-object': { files: file('[]'), expected: one(`${INFERENCE}/x.json`, 'parse/not-an-object') },
    'parse-not-utf8': { files: file(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])), expected: one(`${INFERENCE}/x.json`, 'parse/not-utf8') },
    'parse-bom': {
      files: Object.fromEntries([placed(INFERENCE, `\uFEFF${good}`, `${hashOf(good)}.json`)]),
      expected: one(`${INFERENCE}/${hashOf(good)}.json`, 'parse/bom'),
    },
    'parse-skipped-folder': {
      files: { [`${INFERENCE}/folder.json/notes.txt`]: 'a folder named like a recording' },
      expected: one(`${INFERENCE}/folder.json`, 'parse/skipped'),
    },
    'schema-envelope': {
      files: file('{"test_id": null, "response": {"body": null, "is_streaming": false}}'),
      expected: one(`${INFERENCE}/x.json`, 'schema/envelope'),
    },
    'schema-field': (() => {
      const text = edited(stream, (r) => delete r.response.body[1].__data__.choices);
      return { files: Object.fromEntries([placed(INFERENCE, text)]), expected: one(`${INFERENCE}/${hashOf(text)}.json`, 'schema/field') };
    })(),
    'unknown-type': (() => {
      const text = edited(completion, (r) => (r.response.body.__type__ = 'openai.types.batch.Batch'));
      return {
        files: Object.fromEntries([placed(INFERENCE, text)]),
        expected: one(`${INFERENCE}/${hashOf(text)}.json`, 'unknown-type/no-schema'),
      };
    })(),
    'hash-no-scheme': {
      files: Object.fromEntries([placed(INFERENCE, good, `${'ab'.repeat(32)}.json`)]),
      expected: one(`${INFERENCE}/${'ab'.repeat(32)}.json`, 'hash/no-scheme'),
    },
    'hash-older-scheme': {
      files: Object.fromEntries([placed(INFERENCE, e6Text, `${hashOf(e6Text, 'E6')}.json`)]),
      expected: one(`${INFERENCE}/${hashOf(e6Text, 'E6')}.json`, 'hash/older-scheme'),
    },
    'hash-twelve-hex-per-area': {
      files: Object.fromEntries([placed(INFERENCE, good, `${hashOf(good, 'E2').slice(0, 12)}.json`)]),
      expected: one(`${INFERENCE}/${hashOf(good, 'E2').slice(0, 12)}.json`, 'hash/twelve-hex-per-area'),
    },
    'hash-not-a-hash-name': {
      files: Object.fromEntries([placed(INFERENCE, good, 'my-recording.json')]),
      expected: one(`${INFERENCE}/my-recording.json`, 'hash/not-a-hash-name'),
    },
    'hash-model-digest': (() => {
      const name = modelsName.replace(/-[0-9a-f]{8}\.json$/, '-00000000.json');
      return {
        files: { [`${COMMON}/${name}`]: readFileSync(join(DEMO, 'common', 'recordings', modelsName), 'utf8') },
        expected: one(`${COMMON}/${name}`, 'hash/model-digest'),
      };
    })(),
    'location-wrong-folder': {
      files: Object.fromEntries([placed('tests/integration/agents/recordings', good)]),
      expected: one(`tests/integration/agents/recordings/${hashOf(good)}.json`, 'location/wrong-folder'),
    },
    'stream-chunks-without-flag': (() => {
      const text = edited(stream, (r) => (r.response.is_streaming = false));
      const path = `${INFERENCE}/${hashOf(text)}.json`;
      return {
        files: Object.fromEntries([placed(INFERENCE, text)]),
        expected: [
          { path, code: 'stream/chunks-without-flag' },
          { path, code: 'stream/request-mismatch' },
        ],
      };
    })(),
    'stream-flag-without-chunks': (() => {
      const text = edited(completion, (r) => (r.response.is_streaming = true));
      const path = `${INFERENCE}/${hashOf(text)}.json`;
      // the request still asks for no stream: the response's flag and the request disagree too
      return {
        files: Object.fromEntries([placed(INFERENCE, text)]),
        expected: [
          { path, code: 'stream/flag-without-chunks' },
          { path, code: 'stream/request-mismatch' },
        ],
      };
    })(),
    'stream-empty': (() => {
      const text = edited(stream, (r) => (r.response.body = []));
      return { files: Object.fromEntries([placed(INFERENCE, text)]), expected: one(`${INFERENCE}/${hashOf(text)}.json`, 'stream/empty') };
    })(),
    'stream-unfinished': (() => {
      const text = edited(stream, (r) => (r.response.body = r.response.body.slice(0, 5)));
      return {
        files: Object.fromEntries([placed(INFERENCE, text)]),
        expected: one(`${INFERENCE}/${hashOf(text)}.json`, 'stream/unfinished'),
      };
    })(),
    'secret-in-header': (() => {
      const text = edited(stream, (r) => (r.request.headers = { Authorization: 'Bearer sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z' }));
      return { files: Object.fromEntries([placed(INFERENCE, text)]), expected: one(`${INFERENCE}/${hashOf(text)}.json`, 'secret/found') };
    })(),
    'duplicate-found-is-other': {
      files: Object.fromEntries([placed(INFERENCE, good), placed(INFERENCE, good, `${'cd'.repeat(32)}.json`)]),
      expected: [
        { path: `${INFERENCE}/${'cd'.repeat(32)}.json`, code: 'hash/no-scheme' },
        { path: `${INFERENCE}/${'cd'.repeat(32)}.json`, code: 'duplicate/found-is-other' },
      ],
    },
    'duplicate-none-found': {
      files: Object.fromEntries([placed(INFERENCE, good, `${'ab'.repeat(32)}.json`), placed(INFERENCE, good, `${'cd'.repeat(32)}.json`)]),
      expected: [
        { path: `${INFERENCE}/${'ab'.repeat(32)}.json`, code: 'hash/no-scheme' },
        { path: `${INFERENCE}/${'ab'.repeat(32)}.json`, code: 'duplicate/none-found' },
        { path: `${INFERENCE}/${'cd'.repeat(32)}.json`, code: 'hash/no-scheme' },
        { path: `${INFERENCE}/${'cd'.repeat(32)}.json`, code: 'duplicate/none-found' },
      ],
    },
    'normalization-field': (() => {
      const text = edited(stream, (r) => (r.response.body[0].__data__.created = 1_731_000_000));
      return {
        files: Object.fromEntries([placed(INFERENCE, text)]),
        expected: one(`${INFERENCE}/${hashOf(text)}.json`, 'normalization/field'),
      };
    })(),
    'index-absent': {
      files: {
        'recordings/index.sqlite': readFileSync(join(legacyDir, 'index.sqlite')),
        [`recordings/responses/${legacyName}`]: legacyText,
        [`recordings/responses/${hashOf(unlisted, 'E2').slice(0, 12)}.json`]: unlisted,
      },
      expected: one(`recordings/responses/${hashOf(unlisted, 'E2').slice(0, 12)}.json`, 'index/absent'),
    },
    'index-missing-file': {
      // the index lists the legacy file, which is gone; the file left is one the index never listed
      files: {
        'recordings/index.sqlite': readFileSync(join(legacyDir, 'index.sqlite')),
        [`recordings/responses/${hashOf(unlisted, 'E2').slice(0, 12)}.json`]: unlisted,
      },
      expected: [
        { path: 'recordings/index.sqlite', code: 'index/missing-file' },
        { path: `recordings/responses/${hashOf(unlisted, 'E2').slice(0, 12)}.json`, code: 'index/absent' },
      ],
    },
    'index-unreadable': {
      files: {
        'recordings/index.sqlite': 'not a database',
        [`recordings/responses/${legacyName}`]: legacyText,
      },
      expected: one('recordings/index.sqlite', 'index/unreadable'),
    },
    'cassette-clean': { files: cassette(chatStream), expected: [] },
    'cassette-not-gzip': {
      files: cassette(chatStream, 'test_chat_stream.yaml.gz'),
      expected: inCassette('parse/not-gzip', 'test_chat_stream.yaml.gz'),
    },
    'cassette-invalid-yaml': {
      files: cassette(chatStream.replace('interactions:', 'interactions: [')),
      expected: inCassette('parse/invalid-yaml'),
    },
    'cassette-code-tag': {
      // the tag takes the method's place, so vcrpy could not replay the request either
      files: cassette(chatStream.replace('method: POST', "method: !!python/object/apply:os.system ['true']")),
      expected: [
        { path: `${CASSETTES}/test_chat_stream.yaml`, code: 'parse/code-tag' },
        { path: `${CASSETTES}/test_chat_stream.yaml`, code: 'schema/interaction' },
      ],
    },
    'cassette-schema-interaction': {
      files: cassette(chatStream.replace(/\n {4}response:[^]*?\nversion/, '\nversion')),
      expected: inCassette('schema/interaction'),
    },
    'cassette-schema-body': {
      // gzip cut short under a gzip content-encoding: the client cannot decompress the answer
      files: cassette(
        withBody(
          () => gzipSync(Buffer.from('{"output":{"message":{"role":"assistant","content":[{"text":"Hi"}]}}}')).subarray(0, 20),
          '          - application/json\n        content-encoding:\n          - gzip',
        ),
        'test_converse_stream.yaml',
      ),
      expected: inCassette('schema/body', 'test_converse_stream.yaml'),
    },
    'cassette-stream-bad-events': {
      files: cassette(chatStream.replace('"delta":{"content":"is Paris."},"finish_reason":null}]}', '"delta":{"content":"is Par')),
      expected: inCassette('stream/bad-events'),
    },
    'cassette-stream-no-end': {
      // the answer stops after its second chunk: no finish_reason, no usage, no [DONE]
      files: cassette(chatStream.replace(/\n {10}data: \{[^\n]*"finish_reason":"stop"[^]*?\nversion/, '\nversion')),
      expected: inCassette('stream/no-end'),
    },
    'cassette-stream-truncated-frames': {
      files: cassette(
        withBody((bytes) => bytes.subarray(0, bytes.length - 40)),
        'test_converse_stream.yaml',
      ),
      expected: inCassette('stream/truncated-frames', 'test_converse_stream.yaml'),
    },
  };
}

rmSync(OUT, { recursive: true, force: true });
for (const [name, { files, expected }] of Object.entries(cases())) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(OUT, name, 'tree', path, '..'), { recursive: true });
    writeFileSync(join(OUT, name, 'tree', path), content);
  }
  writeFileSync(join(OUT, name, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
}
