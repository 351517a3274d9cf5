import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runDiff } from '../../src/cli/commands/diff.js';
import { run as runList } from '../../src/cli/commands/list.js';
import { run as runPrune } from '../../src/cli/commands/prune.js';
import { run as runShow } from '../../src/cli/commands/show.js';
import { run as runVerify } from '../../src/cli/commands/verify.js';
import { run as runWhy } from '../../src/cli/commands/why.js';
import { openRecordings } from '../../src/core/load/open-recording.js';
import { createDiskSource } from '../../src/core/sources/disk.js';
import { containerNamed } from '../../src/formats/containers/index.js';
import { FIXTURES, makeTempDir, outputOf, testContext, writeTree } from '../helpers.js';

// Hand-written trees laid out as the projects lay them out: ruby_llm (Ruby VCR), maruel/genai
// (go-vcr, with its scoreboard.json beside the cassettes, a YAML in testdata/ that is no
// cassette and an empty fixture of the recorder's own tests) and Mirascope (Polly.js HAR).
const ROOT = join(FIXTURES, 'containers');
const RUBY = 'ruby_llm/spec/fixtures/vcr_cassettes';
const RUBY_CHAT = `${RUBY}/chat_basic_chat_functionality_openai_gpt-5-nano_can_have_a_basic_conversation.yml`;
const RUBY_STREAM = `${RUBY}/chat_streaming_responses_anthropic_claude-haiku-4-5_supports_streaming_responses.yml`;
const GO = 'genai/providers/anthropic/testdata';
const GO_STREAM = `${GO}/TestClient/Scoreboard/claude-haiku-4-5-20251001/GenStream-Text.yaml`;
const POLLY = 'mirascope/typescript/tests/e2e/output/cassettes';
const POLLY_CALL = `${POLLY}/call/openai_completions/returns-max-tokens-finish-reason.har`;
const POLLY_STREAM = `${POLLY}/stream/openai_completions/decodes-text-response.har`;

interface Row {
  id: string;
  path: string;
  interaction: number;
  testId: string | null;
  kind: string;
  format: string;
  container: string;
}

async function listRows(cwd: string, paths = ['.']): Promise<Row[]> {
  return JSON.parse(outputOf(await runList({ paths }, { json: true }, testContext(cwd).context))) as Row[];
}

async function showJson(ref: string, cwd = ROOT) {
  const outcome = await runShow({ ref, paths: ['.'] }, { json: true }, testContext(cwd).context);
  return JSON.parse(outputOf(outcome)) as { text: string | null; finishReason: string | null; kind: string; findings: unknown[] };
}

async function verifyJson(cwd: string, paths = ['.']) {
  const outcome = await runVerify({ paths }, { json: true }, testContext(cwd).context);
  const report = JSON.parse(outputOf(outcome)) as {
    files: number;
    problems: Array<{ code: string; path: string; interaction?: number; line?: number; message: string; data: Record<string, unknown> }>;
  };
  return { ...report, exitCode: outcome.exitCode };
}

function copyFixtures(): string {
  const root = makeTempDir();
  cpSync(ROOT, root, { recursive: true });
  return root;
}

describe('list: one row per interaction of every container format', () => {
  it('names each cassette by its recorder, with the test its naming rule gives', async () => {
    const rows = await listRows(ROOT);
    const byPath = (path: string) => rows.filter((row) => row.path === path);
    expect(byPath(RUBY_STREAM).map((row) => [row.id, row.container, row.kind])).toEqual([
      ['chat_streaming_responses_anthropic_claude-haiku-4-5_supports_streaming_responses#0', 'ruby-vcr', 'sse-messages'],
      ['chat_streaming_responses_anthropic_claude-haiku-4-5_supports_streaming_responses#1', 'ruby-vcr', 'http'],
    ]);
    expect(byPath(RUBY_CHAT)[0]!.testId).toBe('chat_basic_chat_functionality_openai_gpt-5-nano_can_have_a_basic_conversation');
    expect(byPath(GO_STREAM)).toEqual([
      expect.objectContaining({
        id: 'GenStream-Text#0',
        format: 'vcr',
        container: 'go-vcr',
        kind: 'sse-messages',
        testId: 'providers/anthropic::TestClient/Scoreboard/claude-haiku-4-5-20251001/GenStream-Text',
      }),
    ]);
    expect(byPath(POLLY_CALL)).toEqual([
      expect.objectContaining({
        id: 'returns-max-tokens-finish-reason#0',
        container: 'polly-har',
        kind: 'chat-completion',
        testId: 'call/openai_completions/returns-max-tokens-finish-reason',
      }),
    ]);
  });

  it('keeps the #n of long cassette names on a narrow terminal, so the rows of one cassette stay apart', async () => {
    const outcome = await runList({ paths: [RUBY] }, {}, testContext(ROOT, {}, 80).context);
    const rows = outputOf(outcome)
      .split('\n')
      .filter((line) => line.startsWith('chat_streaming'));
    expect(rows.map((row) => row.split(' ')[0])).toEqual([expect.stringMatching(/^chat_streaming.*….*#0$/), expect.stringMatching(/#1$/)]);
    expect(rows.every((row) => row.length <= 79)).toBe(true);
  });

  it("passes over what only sits beside the cassettes: genai's scoreboard.json, a testdata YAML that is no cassette, an empty fixture", async () => {
    const paths = new Set((await listRows(ROOT)).map((row) => row.path));
    expect([...paths].filter((path) => path.startsWith('genai/')).sort()).toEqual([
      `${GO}/TestClient/Scoreboard/claude-3-opus-20240229/GenSync-Text.yaml`,
      GO_STREAM,
      `${GO}/TestClient/Warmup.yaml`,
    ]);
    expect((await verifyJson(join(ROOT, 'genai'))).files).toBe(3);
  });
});

describe('show: answers rebuilt by the shared adapters, whatever container held them', () => {
  it("reads Ruby's !binary body (UTF-8 text with accents) and its SSE stream", async () => {
    expect(await showJson(`${RUBY_CHAT}#0`)).toMatchObject({ text: "Café au lait, s'il vous plaît.", finishReason: 'stop' });
    expect(await showJson(`${RUBY_STREAM}#0`)).toMatchObject({ kind: 'sse-messages', text: 'Hello there.', finishReason: 'end_turn' });
  });

  it("reads go-vcr's |+ stream with Anthropic's padded JSON, and its error responses", async () => {
    expect(await showJson(`${GO_STREAM}#0`)).toMatchObject({ text: 'Hello.', finishReason: 'end_turn' });
    const refused = await showJson(`${GO}/TestClient/Scoreboard/claude-3-opus-20240229/GenSync-Text.yaml#0`);
    expect(refused).toMatchObject({ error: { status: 404, message: 'model: claude-3-opus-20240229' } });
  });

  it("rebuilds Cohere's v2 chat, whole and streamed: text, its tool plan as reasoning, tool calls, usage", async () => {
    const whole = {
      id: '6ba2c42a',
      message: {
        role: 'assistant',
        tool_plan: 'I will roll the dice.',
        tool_calls: [{ id: 'dice_roll_x9c', type: 'function', function: { name: 'dice_roll', arguments: '{"sides":6}' } }],
      },
      finish_reason: 'TOOL_CALL',
      usage: { billed_units: { input_tokens: 57, output_tokens: 20 }, tokens: { input_tokens: 1490, output_tokens: 94 } },
    };
    const events = [
      { id: '7b4b', type: 'message-start', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [] } } },
      { type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } },
      { type: 'content-delta', index: 0, delta: { message: { content: { text: 'Sure' } } } },
      { type: 'content-delta', index: 0, delta: { message: { content: { text: '!' } } } },
      { type: 'content-end', index: 0 },
      { type: 'message-end', delta: { finish_reason: 'COMPLETE', usage: { tokens: { input_tokens: 502, output_tokens: 24 } } } },
    ];
    const stream = `${events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join('')}data: [DONE]\n\n`;
    const interaction = (body: string, type: string) =>
      `- request:\n    method: post\n    uri: https://api.cohere.com/v2/chat\n    body:\n      encoding: UTF-8\n      string: '{"model":"command-a-03-2025"}'\n    headers: {}\n  response:\n    status:\n      code: 200\n      message: OK\n    headers:\n      Content-Type:\n      - ${type}\n    body:\n      encoding: UTF-8\n      string: ${JSON.stringify(body)}\n  recorded_at: Mon, 08 Jun 2026 18:48:09 GMT\n`;
    const root = writeTree(makeTempDir(), {
      'spec/fixtures/vcr_cassettes/chat_cohere.yml': `---\nhttp_interactions:\n${interaction(JSON.stringify(whole), 'application/json')}${interaction(stream, 'text/event-stream')}recorded_with: VCR 6.4.0\n`,
    });
    const cassette = 'spec/fixtures/vcr_cassettes/chat_cohere.yml';
    expect(await showJson(`${cassette}#0`, root)).toMatchObject({
      kind: 'cohere-chat',
      text: null,
      reasoning: 'I will roll the dice.',
      toolCalls: [{ id: 'dice_roll_x9c', name: 'dice_roll', arguments: { sides: 6 } }],
      finishReason: 'TOOL_CALL',
      usage: { prompt: 1490, completion: 94 },
    });
    expect(await showJson(`${cassette}#1`, root)).toMatchObject({
      kind: 'cohere-chat',
      text: 'Sure!',
      finishReason: 'COMPLETE',
      usage: { prompt: 502 },
    });
  });

  it('reads HAR content.text as the decoded body, whatever content-encoding the headers kept', async () => {
    expect(await showJson(`${POLLY_CALL}#0`)).toMatchObject({ text: 'Once upon a time, a dragon named Ember', finishReason: 'length' });
    expect(await showJson(`${POLLY_STREAM}#0`)).toMatchObject({ kind: 'chat-stream', text: '4242', finishReason: 'stop' });
  });
});

describe('verify on Ruby VCR, go-vcr and Polly cassettes', () => {
  it("passes the projects' placeholders: <ANTHROPIC_API_KEY>, Bearer <AUTH_TOKEN>, AWS signatures of placeholders, [REDACTED]", async () => {
    const report = await verifyJson(ROOT);
    expect(report.problems).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  it('finds a leaked key in each, and says how that recorder keeps it out of the next recording', async () => {
    const root = copyFixtures();
    const key = `sk-proj-${'Ab3dE5fG7hJ9kL1mN3pQ5rS7'}T9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9`;
    const edit = (path: string, from: string | RegExp, to: string) =>
      writeFileSync(join(root, path), readFileSync(join(root, path), 'utf8').replace(from, to));
    edit(RUBY_CHAT, 'Bearer <AUTH_TOKEN>', `Bearer ${key}`);
    edit(GO_STREAM, '            Anthropic-Version:', `            X-Api-Key:\n                - ${key}\n            Anthropic-Version:`);
    edit(POLLY_CALL, '"[REDACTED]"', JSON.stringify(`Bearer ${key}`));
    const report = await verifyJson(root);
    const secrets = report.problems.filter((found) => found.code === 'secret/found');
    // The line an annotation points at: where the call starts (go-vcr's `- id: 0`, Ruby's `- request:`); a HAR has none.
    expect(secrets.map((found) => [found.path, found.interaction, found.line])).toEqual([
      [GO_STREAM, 0, 4],
      [POLLY_CALL, 0, undefined],
      [RUBY_CHAT, 0, 3],
    ]);
    const [go, polly, ruby] = secrets.map((found) => found.message);
    expect(go).toContain('the "x-api-key" header removed by a go-vcr hook');
    expect(polly).toContain('a beforePersist handler that sets the "authorization" header to [REDACTED]');
    expect(ruby).toContain("a filter_sensitive_data('<NAME>')");
    for (const message of [go, polly, ruby]) expect(message).not.toContain(key);
    expect(report.exitCode).toBe(1);
  });

  it("reports a go-vcr version go-vcr cannot load, and a Ruby interaction without a response, with the file's path", async () => {
    const root = copyFixtures();
    writeFileSync(join(root, GO_STREAM), readFileSync(join(root, GO_STREAM), 'utf8').replace('version: 2', 'version: 3'));
    const ruby = readFileSync(join(root, RUBY_CHAT), 'utf8');
    writeFileSync(
      join(root, RUBY_CHAT),
      ruby.slice(0, ruby.indexOf('  response:')) + '  recorded_at: Mon, 08 Jun 2026 18:48:09 GMT\nrecorded_with: VCR 6.4.0\n',
    );
    const findings = (await verifyJson(root)).problems.map((found) => [found.path, found.code, found.message]);
    expect(findings).toEqual([
      [GO_STREAM, 'parse/invalid-yaml', expect.stringContaining('cassette version 3: go-vcr reads version 2 only')],
      [RUBY_CHAT, 'schema/interaction', expect.stringContaining('no response')],
    ]);
  });
});

describe('diff: what each recorder rewrites on every recording is noise', () => {
  it('go-vcr duration, Ruby recorded_at, Polly _id, _order, startedDateTime and timings: nothing changed', () => {
    const root = makeTempDir();
    cpSync(ROOT, join(root, 'a'), { recursive: true });
    cpSync(ROOT, join(root, 'b'), { recursive: true });
    const edit = (path: string, change: (text: string) => string) =>
      writeFileSync(join(root, 'b', path), change(readFileSync(join(root, 'b', path), 'utf8')));
    edit(GO_STREAM, (text) => text.replace('duration: 1.021s', 'duration: 2.5s'));
    edit(RUBY_STREAM, (text) => text.replaceAll('Mon, 08 Jun 2026', 'Tue, 09 Jun 2026'));
    edit(POLLY_CALL, (text) => {
      const har = JSON.parse(text) as { log: { entries: Array<Record<string, unknown>> } };
      Object.assign(har.log.entries[0]!, {
        _id: '0'.repeat(32),
        _order: 1,
        startedDateTime: '2026-02-01T00:00:00.000Z',
        time: 4,
        timings: {},
      });
      return JSON.stringify(har, null, 2);
    });
    const unchanged = runDiff({ inputs: ['a', 'b'] }, { json: true, exitCode: true }, testContext(root).context);
    expect(JSON.parse(outputOf(unchanged))).toMatchObject({ changes: [] });
    expect(unchanged.exitCode).toBe(0);
    edit(GO_STREAM, (text) => text.replace('"text":"Hello."', '"text":"Hi."'));
    const changed = runDiff({ inputs: ['a', 'b'] }, { json: true, exitCode: true }, testContext(root).context);
    expect((JSON.parse(outputOf(changed)) as { changes: Array<{ path: string; kinds: string[] }> }).changes).toEqual([
      expect.objectContaining({ path: `b/${GO_STREAM}#0`, kinds: ['text'] }),
    ]);
    expect(changed.exitCode).toBe(1);
  });
});

describe("each format's declared noise", () => {
  it('never reaches the interaction view diff compares, for every cassette of the fixtures', () => {
    const source = createDiskSource({ cwd: ROOT });
    const files = source.list(['.']).files;
    let checked = 0;
    for (const file of files)
      for (const recording of openRecordings(source, file)) {
        const format = containerNamed(recording.entry.container);
        if (format?.holds !== 'many' || !recording.http) continue;
        // The recorder's own fields would sit beside the call or in its request or response, not in a body.
        const view = recording.value as { request: object; response: object };
        const keys = new Set([...Object.keys(view), ...Object.keys(view.request), ...Object.keys(view.response)]);
        expect({ path: file.display, noise: format.noise.filter((field) => keys.has(field)) }).toEqual({ path: file.display, noise: [] });
        checked++;
      }
    expect(checked).toBeGreaterThan(8);
  });
});

describe("why: each recorder's own miss error, from a test log", () => {
  const why = async (log: string) => {
    const outcome = await runWhy({ input: log, paths: ['.'] }, { json: true }, testContext(ROOT).context);
    return { misses: (JSON.parse(outputOf(outcome)) as { misses: Array<Record<string, unknown>> }).misses, exitCode: outcome.exitCode };
  };

  it("reads Ruby VCR's UnhandledHTTPRequestError from an RSpec failure", async () => {
    const log = [
      'Failures:',
      '',
      '  1) RubyLLM::Chat basic chat functionality openai/gpt-5-nano can have a basic conversation',
      '     Failure/Error: response = chat.ask("Order a coffee in French.")',
      '',
      '     VCR::Errors::UnhandledHTTPRequestError:',
      '',
      '',
      '       ================================================================================',
      '       An HTTP request has been made that VCR does not know how to handle:',
      '         POST https://api.openai.com/v1/responses',
      '',
      '       VCR is currently using the following cassette:',
      `         - /home/runner/work/ruby_llm/ruby_llm/spec/fixtures/vcr_cassettes/chat_basic_chat_functionality_openai_gpt-5-nano_can_have_a_basic_conversation.yml`,
      '           - :record => :none',
      '           - :match_requests_on => [:method, :uri]',
      '',
      '       Under the current configuration VCR can not find a suitable HTTP interaction',
    ].join('\n');
    const { misses, exitCode } = await why(log);
    expect(misses).toEqual([
      expect.objectContaining({
        format: 'ruby-vcr',
        cassette: RUBY_CHAT,
        found: true,
        recordMode: 'none',
        method: 'POST',
        uri: 'https://api.openai.com/v1/responses',
        testId: 'RubyLLM::Chat basic chat functionality openai/gpt-5-nano can have a basic conversation',
        verdict: 'changed',
        closest: [expect.objectContaining({ interaction: 0, differs: ['path'] })],
      }),
    ]);
    expect(exitCode).toBe(1);
  });

  it("reads go-vcr's 'requested interaction not found' as genai wraps it, the body compared path by path", async () => {
    const log = [
      '=== RUN   TestClient/Scoreboard/claude-haiku-4-5-20251001/GenStream-Text',
      '    client_test.go:61: Post "https://api.anthropic.com/v1/messages": requested interaction not found; cassette "TestClient/Scoreboard/claude-haiku-4-5-20251001/GenStream-Text.yaml"; body:',
      '         {"model":"claude-haiku-4-5-20251001","max_tokens":32000,"messages":[{"role":"user","content":[{"type":"text","text":"Say hello. Use only one word."}]}],"stream":true}',
      '--- FAIL: TestClient/Scoreboard/claude-haiku-4-5-20251001/GenStream-Text (0.00s)',
    ].join('\n');
    const { misses } = await why(log);
    expect(misses).toEqual([
      expect.objectContaining({
        format: 'go-vcr',
        cassette: GO_STREAM,
        found: true,
        testId: 'TestClient/Scoreboard/claude-haiku-4-5-20251001/GenStream-Text',
        verdict: 'changed',
        closest: [expect.objectContaining({ interaction: 0, differs: ['body'], bodyPaths: ['max_tokens'] })],
      }),
    ]);
  });

  it("reads go-vcr's 'requested cassette not found' (a new test in replay-only mode) and says how to record it", async () => {
    const log = [
      '=== RUN   TestClient/Scoreboard/claude-haiku-5/GenSync-Text',
      '    client_test.go:61: requested cassette not found: testdata/TestClient/Scoreboard/claude-haiku-5/GenSync-Text.yaml',
      '--- FAIL: TestClient/Scoreboard/claude-haiku-5/GenSync-Text (0.00s)',
    ].join('\n');
    const { misses } = await why(log);
    expect(misses).toEqual([expect.objectContaining({ format: 'go-vcr', found: false, verdict: 'missing', method: null, uri: null })]);
    const human = outputOf(await runWhy({ input: log, paths: ['.'] }, {}, testContext(ROOT).context));
    expect(human).toContain('go-vcr cassette miss 1/1  no cassette to replay from  TestClient/Scoreboard/claude-haiku-5/GenSync-Text');
    // The error names the cassette relative to a package the log does not name: every package is asked.
    expect(human).toContain("record it: go test ./... -run '^TestClient$/^Scoreboard$/^claude-haiku-5$/^GenSync-Text$'");
  });

  it("reads Polly's 'Recording ... is not found' with the request it prints, and tells how to record again", async () => {
    const request = {
      url: 'https://api.openai.com/v1/chat/completions',
      method: 'POST',
      headers: {},
      body: '{"model":"gpt-5-mini","messages":[{"role":"user","content":"Write a long story about a dragon."}],"max_completion_tokens":60}',
      recordingName: 'returns-max-tokens-finish-reason',
      id: 'c0ffee',
      order: 0,
    };
    const log = [
      ' FAIL  tests/e2e/output/call.test.ts > call output > [openai:completions] returns max_tokens finish reason',
      'PollyError: [Polly] Recording for the following request is not found and `recordIfMissing` is `false`.',
      ...JSON.stringify(request, null, 2).split('\n'),
    ].join('\n');
    const { misses } = await why(log);
    expect(misses).toEqual([
      expect.objectContaining({
        format: 'polly-har',
        cassette: POLLY_CALL,
        found: true,
        testId: 'tests/e2e/output/call.test.ts > call output > [openai:completions] returns max_tokens finish reason',
        closest: [expect.objectContaining({ interaction: 0, differs: ['body'], bodyPaths: ['max_completion_tokens'] })],
      }),
    ]);
    const human = outputOf(await runWhy({ input: log, paths: ['.'] }, {}, testContext(ROOT).context));
    expect(human).toContain('Polly.js HAR recording miss 1/1  POST https://api.openai.com/v1/chat/completions');
    expect(human).toContain(`fix: re-record it: rm ${POLLY_CALL}; then run its test again with recordIfMissing`);
  });
});

describe("prune: each project's own naming rule, read from its test sources", () => {
  const prune = async (cwd: string, paths = ['.']) => {
    const outcome = await runPrune({ paths }, { json: true }, testContext(cwd).context);
    const report = JSON.parse(outputOf(outcome)) as {
      orphans: Array<{ path: string; testId: string; reason: string }>;
      namings: Array<{ container: string; judged: number }>;
      refusals: Array<{ code: string; message: string }>;
    };
    return { ...report, exitCode: outcome.exitCode };
  };

  it('finds the cassette of an example, a scoreboard model and a test that are gone, and owns the rest', async () => {
    const report = await prune(ROOT);
    expect(report.orphans.map((orphan) => [orphan.path, orphan.reason])).toEqual([
      [`${RUBY}/chat_basic_chat_functionality_openai_gpt-4_1-nano_counts_tokens_of_a_conversation.yml`, 'test-function-missing'],
      [`${GO}/TestClient/Scoreboard/claude-3-opus-20240229/GenSync-Text.yaml`, 'not-listed'],
      [`${POLLY}/stream/returns-max-tokens-finish-reason-openai.har`, 'test-function-missing'],
    ]);
    expect(report.namings).toEqual([
      expect.objectContaining({ container: 'go-vcr', judged: 3 }),
      expect.objectContaining({ container: 'polly-har', judged: 3 }),
      expect.objectContaining({ container: 'ruby-vcr', judged: 4 }),
    ]);
    expect(report.exitCode).toBe(1);
  });

  it("follows a rename: a Ruby describe, a model dropped from genai's scoreboard, Mirascope's provider folder written with ':' (before 25c2426ce)", async () => {
    const root = copyFixtures();
    const spec = join(root, 'ruby_llm/spec/ruby_llm/chat_streaming_spec.rb');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace("describe 'streaming responses'", "describe 'streamed responses'"));
    const board = join(root, 'genai/providers/anthropic/scoreboard.json');
    writeFileSync(board, readFileSync(board, 'utf8').replace('claude-haiku-4-5-20251001', 'claude-haiku-5'));
    const colon = join(root, POLLY, 'call/openai:completions');
    cpSync(join(root, POLLY, 'call/openai_completions'), colon, { recursive: true });
    const orphans = (await prune(root)).orphans.map((orphan) => [orphan.testId, orphan.reason]);
    expect(orphans).toEqual(
      expect.arrayContaining([
        ['chat_streaming_responses_anthropic_claude-haiku-4-5_supports_streaming_responses', 'test-function-missing'],
        ['providers/anthropic::TestClient/Scoreboard/claude-haiku-4-5-20251001/GenStream-Text', 'not-listed'],
        ['call/openai:completions/returns-max-tokens-finish-reason', 'test-function-missing'],
      ]),
    );
    expect(orphans).not.toContainEqual(['call/openai_completions/returns-max-tokens-finish-reason', expect.any(String)]);
  });

  it('refuses a folder it cannot read the naming of, rather than calling its cassettes orphans', async () => {
    const root = copyFixtures();
    writeFileSync(join(root, 'ruby_llm/spec/support/rspec_configuration.rb'), 'RSpec.configure { |config| config.order = :random }\n');
    writeFileSync(join(root, 'genai/providers/anthropic/client_test.go'), 'package anthropic\n\nfunc TestOther(t *testing.T) {}\n');
    const report = await prune(root);
    expect(report.orphans.map((orphan) => orphan.path)).toEqual([`${POLLY}/stream/returns-max-tokens-finish-reason-openai.har`]);
    expect(report.refusals.map((refusal) => [refusal.code, refusal.message])).toEqual([
      ['unknown-layout', expect.stringMatching(/testdata\/: 0 of 3 cassettes are named after a test of anthropic\/ \(t.Name\(\)\)/)],
      ['unknown-layout', expect.stringMatching(/vcr_cassettes\/: no example.full_description.parameterize/)],
      ['not-restorable', expect.any(String)],
    ]);
  });
});
