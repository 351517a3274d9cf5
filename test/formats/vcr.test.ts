import { gzipSync } from 'node:zlib';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRecordings } from '../../src/core/load/open-recording.js';
import { createDiskSource, diskFile } from '../../src/core/sources/disk.js';
import { reindentQuotedContinuations, readYaml } from '../../src/formats/decode/read-yaml.js';
import { testIdOfCassette } from '../../src/formats/containers/vcrpy/test-id.js';
import { run as runShow } from '../../src/cli/commands/show.js';
import { run as runList } from '../../src/cli/commands/list.js';
import { run as runHash } from '../../src/cli/commands/hash.js';
import { run as runVerify } from '../../src/cli/commands/verify.js';
import { readFileSync } from 'node:fs';
import { FIXTURES, indexPaths, makeTempDir, outputOf, testContext, writeTree } from '../helpers.js';
import { verifyPaths } from '../core/verify/verify-helpers.js';
import { findCassetteFix } from '../../src/formats/containers/secret-fix.js';
import { findInteractionLines } from '../../src/formats/decode/interaction-lines.js';

const VCR = join(FIXTURES, 'vcr');
const MODELS = 'tests/models/cassettes';
const entries = (await indexPaths(['.'], VCR)).entries;
const byId = (id: string) => entries.find((entry) => entry.id === id)!;

/** The rebuilt answer of one interaction of a fixture cassette. */
function answerOf(path: string, interaction = 0) {
  const recording = openRecordings(createDiskSource({ cwd: VCR }), diskFile(join(VCR, path), VCR))[interaction]!;
  const answer = recording.answer();
  if (!answer.ok) throw new Error(answer.problem.message);
  return answer.answer;
}

describe('cassette containers', () => {
  it('reads every form into one entry per interaction, chosen by content', () => {
    const counts = new Map<string, number>();
    for (const entry of entries) counts.set(entry.path, (counts.get(entry.path) ?? 0) + 1);
    expect(counts.get(`${MODELS}/test_openai/TestAgent.test_two_calls.yaml`)).toBe(2);
    expect(counts.get(`${MODELS}/test_download/test_image_and_error.yaml`)).toBe(2);
    expect(counts.get('tests/cassettes/test_agent[v1].yaml.gz')).toBe(1);
    expect(entries.map((entry) => entry.format).every((format) => format === 'vcr')).toBe(true);
    // `<stem>#<n>` ids, in the cassette's order.
    expect(entries.filter((entry) => entry.path.endsWith('TestAgent.test_two_calls.yaml')).map((entry) => entry.id)).toEqual([
      'TestAgent.test_two_calls#0',
      'TestAgent.test_two_calls#1',
    ]);
  });

  it('lists other dialects and empty cassettes without an error, and a broken file with its reason', () => {
    expect(byId('test_turn#0')).toMatchObject({ kind: 'unsupported', error: null, note: expect.stringContaining('WebSocket message log') });
    expect(byId('test_grpc.xai#0')).toMatchObject({ kind: 'unsupported', error: null, note: expect.stringContaining('gRPC') });
    expect(byId('test_no_calls#0')).toMatchObject({ kind: 'empty', error: null });
    expect(byId('test_not_yaml#0').error).toMatch(/^invalid YAML: /);
    expect(entries.filter((entry) => entry.error !== null).map((entry) => entry.id)).toEqual(['test_not_yaml#0']);
  });

  it("reads what PyYAML reads: a quoted body continued at its key's indentation", () => {
    const quirk = "- request:\n    body: 'first line\n    second line'\n    method: POST\n";
    expect(reindentQuotedContinuations(quirk)).toBe("- request:\n    body: 'first line\n      second line'\n    method: POST\n");
    expect(byId('test_pyyaml_quirk#0')).toMatchObject({ kind: 'chat-completion', error: null, model: 'gpt-4o' });
    expect(answerOf(`${MODELS}/test_broken/test_pyyaml_quirk.yaml`).text).toBe('Folded.');
  });

  it('refuses hostile YAML with a reason instead of expanding it: an alias bomb, deep nesting', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++)
      laughs.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const bomb = readYaml(`${laughs.join('\n')}\ninteractions: *l\n`);
    expect(bomb).toMatchObject({ ok: false, reason: 'too many aliases' });
    const deep = readYaml(`interactions: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    expect(deep.ok).toBe(false);
  });

  it('reports an empty, blank, binary, truncated or list-shaped cassette with its reason, and one of comments as unsupported', async () => {
    const root = writeTree(makeTempDir(), {
      'tests/cassettes/test_x/test_empty.yaml': '',
      'tests/cassettes/test_x/test_blank.yaml': '  \n\n',
      'tests/cassettes/test_x/test_binary.yaml': Buffer.from([0xff, 0xfe, 0x20]),
      'tests/cassettes/test_x/test_cut.yaml': 'interactions: [1, 2\n',
      'tests/cassettes/test_x/test_list.yaml': '- a\n- b\n',
      'tests/cassettes/test_x/test_comments.yaml': '# recorded later\n',
    });
    const found = Object.fromEntries(
      (await indexPaths(['tests'], root)).entries.map((entry) => [entry.id, [entry.kind, entry.error ?? entry.note]]),
    );
    expect(found).toEqual({
      'test_binary#0': ['unknown', 'not valid UTF-8 (first bad byte at offset 0)'],
      'test_blank#0': ['unknown', 'file holds only whitespace'],
      'test_comments#0': ['unsupported', 'an empty YAML document (comments only)'],
      'test_cut#0': ['unknown', expect.stringMatching(/^invalid YAML: /)],
      'test_empty#0': ['unknown', 'empty file'],
      'test_list#0': ['unknown', 'invalid YAML: top level is not a mapping'],
    });
  });

  it('decompresses a gzip body by its header, and bounds what it decompresses', () => {
    expect(byId('test_messages_gzip#0')).toMatchObject({ kind: 'messages', error: null });
    expect(answerOf(`${MODELS}/test_anthropic/test_messages_gzip.yaml`).text).toBe('Madrid.');
    // 200 MB of zeros in 200 KB: read up to the limit, reported, never held whole.
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024));
    const yaml = `interactions:\n- request: {method: GET, uri: 'https://x/', body: null, headers: {}}\n  response:\n    status: {code: 200, message: OK}\n    headers: {content-encoding: [gzip]}\n    body: {string: !!binary "${bomb.toString('base64')}"}\nversion: 1\n`;
    const root = writeTree(makeTempDir(), { 'tests/cassettes/test_x/test_bomb.yaml': yaml });
    const [recording] = openRecordings(
      createDiskSource({ cwd: root }),
      diskFile(join(root, 'tests/cassettes/test_x/test_bomb.yaml'), root),
    );
    expect(recording!.http!.response.problem).toMatch(/^gzip body could not be decompressed/);
  });
});

describe('answers rebuilt from cassettes', () => {
  it.each([
    [
      'test_openai/test_chat_stream.yaml',
      'chat-stream',
      'The capital of France is Paris.',
      'stop',
      { prompt: 14, completion: 7, total: 21 },
    ],
    [
      'test_anthropic/test_messages_stream.yaml',
      'sse-messages',
      'Paris is the capital.',
      'end_turn',
      { prompt: 14, completion: 6, total: 20 },
    ],
    ['test_google/test_generate_sse.yaml', 'genai', 'Rome is the capital.', 'STOP', { prompt: 6, completion: 5, total: 11 }],
    ['test_bedrock/test_converse_stream.yaml', 'converse-stream', 'Hello there!', 'end_turn', { prompt: 3, completion: 4, total: 7 }],
    ['test_bedrock/test_invoke_stream.yaml', 'sse-messages', 'Paris is the capital.', 'end_turn', { prompt: 14, completion: 6, total: 20 }],
    [
      'test_openai_responses/test_responses_stream.yaml',
      'responses-stream',
      'Paris.',
      'completed',
      { prompt: 9, completion: 2, total: 11 },
    ],
  ])('%s is %s: %s', (path, kind, text, finish, usage) => {
    expect(entries.find((entry) => entry.path === `${MODELS}/${path}`)).toMatchObject({ kind, streaming: true });
    expect(answerOf(`${MODELS}/${path}`)).toMatchObject({ text, finishReason: finish, usage });
  });

  it('reads tool calls from chat completions, Bedrock converse and Responses function calls', () => {
    expect(answerOf(`${MODELS}/test_openai/test_chat_json[gpt-4o].yaml`).toolCalls).toEqual([
      { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
    ]);
    expect(answerOf(`${MODELS}/test_bedrock/test_converse.yaml`)).toMatchObject({
      text: 'Let me check.',
      toolCalls: [{ id: 'tu_1', name: 'weather', arguments: { city: 'Oslo' } }],
      finishReason: 'tool_use',
      usage: { prompt: 20, completion: 12, total: 32 },
    });
    expect(answerOf(`${MODELS}/test_openai_responses/test_responses_json.yaml`)).toMatchObject({
      reasoning: 'Use the add tool.',
      toolCalls: [{ id: 'call_9', name: 'add', arguments: { a: 2, b: 3 } }],
    });
    expect(answerOf('tests/cassettes/test_agent[v1].yaml.gz')).toMatchObject({ text: 'Hello!', finishReason: 'end_turn' });
  });

  it('counts embeddings, and keeps anything else as http with its status and error', () => {
    expect(byId('test_embeddings#0')).toMatchObject({ kind: 'embeddings', model: 'text-embedding-3-small' });
    expect(byId('test_image_and_error#0')).toMatchObject({ kind: 'http', endpoint: '/cat.png' });
    expect(answerOf(`${MODELS}/test_download/test_image_and_error.yaml`, 1).error).toEqual({
      type: 'invalid_request_error',
      status: 401,
      message: 'Incorrect API key provided',
    });
  });

  it('takes the model from the request, else from a Gemini or Bedrock URL', () => {
    expect(byId('test_generate_sse#0').model).toBe('gemini-2.5-flash');
    expect(byId('test_converse#0').model).toBe('us.anthropic.claude-sonnet-4-5-v1:0');
    expect(byId('test_chat_stream#0').model).toBe('gpt-4o');
  });
});

describe("pytest-recording's naming rule", () => {
  const root = (folder: string) => folder.slice(0, folder.indexOf(`${sep}tests`)) || sep;
  const id = (path: string) => testIdOfCassette(path.split('/').join(sep), root);

  it('maps <folder>/cassettes/<module>/<name>.yaml to <folder>/<module>.py::<name>', () => {
    expect(id('/p/tests/models/cassettes/test_openai/test_x[gpt-4o].yaml')).toBe('tests/models/test_openai.py::test_x[gpt-4o]');
    expect(id('/p/tests/models/cassettes/test_openai/TestAgent.test_y[a-b].yaml')).toBe(
      'tests/models/test_openai.py::TestAgent::test_y[a-b]',
    );
    expect(id('/p/tests/cassettes/test_prefect/test_z.yaml.gz')).toBe('tests/test_prefect.py::test_z');
    // `.` inside the parameters is no class separator; `-` stays as written (the rule cannot be undone).
    expect(id('/p/tests/cassettes/test_m/test_v[3.5-a-b].yaml')).toBe('tests/test_m.py::test_v[3.5-a-b]');
  });

  it('gives no test id to a cassette outside the rule (right in cassettes/, or no cassettes folder)', () => {
    expect(id('/p/tests/cassettes/test_loose.yaml')).toBeNull();
    expect(id('/p/tests/fixtures/test_other.yaml')).toBeNull();
  });

  it("follows a project's own naming from the config (crewAI: tests/cassettes/<area>/<Class.test>.yaml), else the default rule", async () => {
    const cassette = readFileSync(join(VCR, MODELS, 'test_openai/TestAgent.test_two_calls.yaml'), 'utf8');
    const root = writeTree(makeTempDir(), {
      'lib/crewai/tests/cassettes/agents/TestKickoff.test_format[json].yaml': cassette,
      'lib/crewai/tests/models/cassettes/test_llm/test_call.yaml': cassette,
    });
    const cassetteNames = [{ path: 'lib/crewai/tests/cassettes/{area}/{name}', testId: 'lib/crewai/tests/{area}/test_{area}.py::{name}' }];
    const { context } = testContext(root, { cassetteNames });
    const listed = JSON.parse(outputOf(await runList({ paths: ['lib'] }, { json: true, cache: false }, context))) as Array<{
      path: string;
      testId: string;
    }>;
    expect([...new Set(listed.map((row) => row.testId))]).toEqual([
      'lib/crewai/tests/agents/test_agents.py::TestKickoff::test_format[json]',
      'tests/models/test_llm.py::test_call',
    ]);
  });

  it('finds a monorepo package root by its pyproject.toml', () => {
    const repo = writeTree(makeTempDir(), {
      'packages/pkg/pyproject.toml': '[project]\nname = "pkg"\n',
      'packages/pkg/tests/cassettes/test_a/test_b.yaml': '',
    });
    expect(testIdOfCassette(join(repo, 'packages/pkg/tests/cassettes/test_a/test_b.yaml'))).toBe('tests/test_a.py::test_b');
  });
});

describe('verify on cassettes', () => {
  it('reports parse, schema, stream and secret findings by their codes, and no ogx-only rule', async () => {
    const result = await verifyPaths(['.'], VCR);
    // Findings about one call name it (0-based); a cassette that cannot be read is the file as a whole.
    expect(result.findings.map(({ path, code, interaction }) => ({ path, code, interaction }))).toEqual([
      { path: `${MODELS}/test_bedrock/test_converse.yaml`, code: 'secret/found', interaction: 0 },
      { path: `${MODELS}/test_broken/test_cut_stream.yaml`, code: 'stream/no-end', interaction: 0 },
      { path: `${MODELS}/test_broken/test_no_response.yaml`, code: 'schema/interaction', interaction: 0 },
      { path: `${MODELS}/test_broken/test_not_yaml.yaml`, code: 'parse/invalid-yaml', interaction: undefined },
      { path: `${MODELS}/test_google/test_generate_sse.yaml`, code: 'secret/found', interaction: 0 },
      { path: `${MODELS}/test_openai/test_chat_stream.yaml`, code: 'secret/found', interaction: 0 },
    ]);
    const secrets = result.findings.filter((finding) => finding.code === 'secret/found').map((finding) => finding.data);
    // Each with the vcrpy setting that keeps it out of the next recording.
    expect(secrets).toEqual([
      expect.objectContaining({
        kind: 'AWS access key id',
        location: 'request.headers.Authorization[0]',
        fix: { setting: 'filter_headers', name: 'authorization', container: 'vcrpy' },
      }),
      expect.objectContaining({
        kind: 'Google API key',
        location: 'request.url',
        fix: { setting: 'filter_query_parameters', name: 'key', container: 'vcrpy' },
      }),
      expect.objectContaining({
        kind: 'OpenAI API key',
        location: 'request.headers.authorization[0]',
        fix: { setting: 'filter_headers', name: 'authorization', container: 'vcrpy' },
      }),
    ]);
    expect(result.findings.find((finding) => finding.data.location === 'request.url')?.message).toMatch(
      /: revoke the credential, then re-record with filter_query_parameters=\["key"\] in the test's vcr_config$/,
    );
    // A filtered key (`x-api-key: FILTERED`, `**REDACTED**`) is no finding; no message shows a key whole.
    expect(JSON.stringify(result.findings)).not.toMatch(/sk-proj-Qm7v|AIzaSyD4kP9w|AKIAQ4ZK7TB3/);
  });
});

describe('hash on a cassette', () => {
  it('says that vcrpy matches requests, not hashes, and points to why', () => {
    const { context } = testContext(VCR);
    expect(() => runHash({ input: `${MODELS}/test_openai/test_chat_stream.yaml` }, {}, context)).toThrow(
      `${MODELS}/test_openai/test_chat_stream.yaml is a cassette: its recorder finds a request by method, URI (and body), not by a hash`,
    );
  });
});

describe('show on cassettes', () => {
  it('shows one interaction by <path>#<n>, and a whole cassette by its path or its name, in order', async () => {
    const { context } = testContext(VCR);
    const one = outputOf(await runShow({ ref: `${MODELS}/test_openai/TestAgent.test_two_calls.yaml#1`, paths: [] }, {}, context));
    expect(one).toContain('answer 2');
    expect(one).not.toContain('answer 1');
    const whole = outputOf(await runShow({ ref: 'TestAgent.test_two_calls', paths: ['.'] }, {}, context));
    expect(whole.indexOf('answer 1')).toBeLessThan(whole.indexOf('answer 2'));
    // Each call is headed by the id list and show take for it: #0, #1.
    expect(whole).toMatch(/^#0 {2}\/v1\/chat\/completions {2}gpt-4o-mini/);
    expect(whole).toMatch(/\n#1 {2}\/v1\/chat\/completions/);
    const json = JSON.parse(
      outputOf(await runShow({ ref: `${MODELS}/test_bedrock/test_converse_stream.yaml`, paths: [] }, { json: true }, context)),
    );
    expect(json).toMatchObject({ id: 'test_converse_stream#0', kind: 'converse-stream', text: 'Hello there!' });
  });

  it('lists cassettes of one name in two folders by <path>#<n>, a ref that tells them apart', async () => {
    const cassette = readFileSync(join(VCR, MODELS, 'test_openai/TestAgent.test_two_calls.yaml'), 'utf8');
    const root = writeTree(makeTempDir(), { 'tests/cassettes/test_x/a.yaml': cassette, 'tests/cassettes/test_y/a.yaml': cassette });
    const { context } = testContext(root);
    const ambiguous = runShow({ ref: 'a#1', paths: ['tests'] }, {}, context);
    await expect(ambiguous).rejects.toMatchObject({
      message: "'a#1' matches 2 recordings",
      details: [
        expect.stringMatching(/^tests\/cassettes\/test_x\/a\.yaml#1 {2}tests\/test_x\.py::a {2}\/v1\/chat\/completions/),
        expect.stringMatching(/^tests\/cassettes\/test_y\/a\.yaml#1 {2}tests\/test_y\.py::a /),
      ],
    });
    const picked = outputOf(await runShow({ ref: 'tests/cassettes/test_y/a.yaml#1', paths: [] }, {}, context));
    expect(picked).toContain('answer 2');
  });

  it('says why a cassette outside the naming rule has no test, and what maps it', async () => {
    const { context } = testContext(VCR);
    const shown = outputOf(await runShow({ ref: 'tests/cassettes/test_agent[v1].yaml.gz#0', paths: [] }, {}, context));
    expect(shown).toMatch(
      /^test {5}\(unknown: not named as pytest-recording names a test's cassette; the config's cassetteNames maps other layouts\)$/m,
    );
  });
});

describe('verify on a cassette of several calls', () => {
  it('says which call a finding is about, in every format', async () => {
    const cassette = readFileSync(join(VCR, MODELS, 'test_openai/TestAgent.test_two_calls.yaml'), 'utf8');
    // The second call's request carries a key; the first is clean.
    const [first, second, ...rest] = cassette.split('      headers: {}\n');
    expect(rest).toHaveLength(1);
    const leaked = `${first}      headers: {}\n${second}      headers:\n        authorization:\n          - Bearer sk-proj-Qm7vT2xK9pL4wN8rB3cF6hJ1\n${rest[0]}`;
    const root = writeTree(makeTempDir(), { 'tests/cassettes/test_x/test_two.yaml': leaked });
    const { context } = testContext(root);
    const human = outputOf(await runVerify({ paths: ['tests'] }, {}, context));
    expect(human).toMatch(/^ {2}error {4}secret {9}#1: OpenAI API key at request\.headers\.authorization\[0\]/m);
    // The line where that call starts, so that a pull request's annotation sits on it.
    const line = leaked.split('\n').findIndex((text, i, all) => text === '  - request:' && all.slice(0, i).includes('  - request:')) + 1;
    expect(line).toBeGreaterThan(2);
    const json = JSON.parse(outputOf(await runVerify({ paths: ['tests'] }, { format: 'json' }, context)));
    expect(json.problems).toEqual([expect.objectContaining({ interaction: 1, line, code: 'secret/found' })]);
    expect(outputOf(await runVerify({ paths: ['tests'] }, { format: 'github' }, context))).toMatch(
      new RegExp(`^::error file=tests/cassettes/test_x/test_two\\.yaml,line=${line},title=cassette secret/found::#1: OpenAI API key at`),
    );
  });
});

describe('where each call of a cassette starts', () => {
  it('is the line of its - request: in the top-level list, never one inside a body; null when unsure', () => {
    const text = [
      'interactions:',
      '- request:',
      '    body: |',
      '      - request: not a call',
      '  response: {}',
      '- request:',
      '  response: {}',
      '',
    ].join('\n');
    expect(findInteractionLines(text, 2, '- request:')).toEqual([2, 6]);
    expect(findInteractionLines(text, 3, '- request:')).toBeNull();
    expect(findInteractionLines('{"interactions": []}', 0, '- request:')).toEqual([]);
  });
});

describe('the vcrpy setting a secret finding points to', () => {
  const interaction = (request: Record<string, unknown>) => ({ request, response: {} });
  it('names the header, query or form parameter to filter, else the hook that can remove it', () => {
    const secret = 'sk-proj-abcdefghijklmnopqrstuvwxyz';
    expect(findCassetteFix(secret, 'request.headers.X-Api-Key[0]', interaction({}))).toEqual({
      setting: 'filter_headers',
      name: 'x-api-key',
    });
    expect(findCassetteFix(secret, 'request.url', interaction({ url: `https://x.test/v1?a=1&api_key=${secret}` }))).toEqual({
      setting: 'filter_query_parameters',
      name: 'api_key',
    });
    expect(
      findCassetteFix(secret, 'request.body', interaction({ body: `grant_type=x&client_secret=${encodeURIComponent(secret)}` })),
    ).toEqual({
      setting: 'filter_post_data_parameters',
      name: 'client_secret',
    });
    expect(findCassetteFix(secret, 'request.body.messages[0].content', interaction({ body: {} }))).toEqual({
      setting: 'before_record_request',
      name: null,
    });
    expect(findCassetteFix(secret, 'request.url', interaction({ url: `https://x.test/keys/${secret}` }))).toEqual({
      setting: 'before_record_request',
      name: null,
    });
    expect(findCassetteFix(secret, 'response.headers.x-echo[0]', interaction({}))).toEqual({
      setting: 'before_record_response',
      name: null,
    });
    expect(findCassetteFix(secret, 'the answer rebuilt from the stream', interaction({}))).toEqual({
      setting: 'before_record_response',
      name: null,
    });
  });
});
