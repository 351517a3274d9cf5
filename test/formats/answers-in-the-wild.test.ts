import { describe, expect, it } from 'vitest';
import { run as runVerify } from '../../src/cli/commands/verify.js';
import { eventStreamFrame } from '../builders/event-stream-frame.js';
import { vcrCassette } from '../builders/vcr-cassette.js';
import { indexPaths, makeTempDir, openPath, outputOf, testContext, writeTree } from '../helpers.js';
import { join } from 'node:path';

/** Answers as providers really send them, in vcrpy cassettes, rebuilt by the shared adapters. */

const cassette = (uri: string, response: string, contentType = 'application/json') =>
  vcrCassette({ uri, body: { model: 'm', messages: [{ role: 'user', content: 'hi' }] }, headers: '      {}', response, contentType });

async function answer(text: string) {
  const root = writeTree(makeTempDir(), { 'tests/cassettes/test_x/test_y.yaml': text });
  const { entries } = await indexPaths(['tests'], root);
  const [entry] = entries;
  const result = openPath(join(root, 'tests/cassettes/test_x/test_y.yaml')).answer();
  if (!result.ok) throw new Error(result.problem.message);
  return { kind: entry!.kind, ...result.answer };
}

describe('answers seen in the wild', () => {
  it("Mistral's content as a list of parts: text parts are the text, thinking parts the reasoning", async () => {
    const body = {
      id: 'a1',
      object: 'chat.completion',
      model: 'magistral-medium-latest',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: [{ type: 'text', text: 'The user greets me.' }] },
              { type: 'text', text: 'Hello! ' },
              { type: 'text', text: 'How can I help?' },
            ],
          },
          finish_reason: 'stop',
        },
      ],
    };
    const found = await answer(cassette('https://api.mistral.ai/v1/chat/completions', JSON.stringify(body)));
    expect(found).toMatchObject({ kind: 'chat-completion', text: 'Hello! How can I help?', reasoning: 'The user greets me.' });
  });

  it('a chat completion refusal is what the model said, streamed or not', async () => {
    const body = {
      id: 'c1',
      object: 'chat.completion',
      model: 'gpt-4o',
      choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: "I can't help with that." }, finish_reason: 'stop' }],
    };
    expect(await answer(cassette('https://api.openai.com/v1/chat/completions', JSON.stringify(body)))).toMatchObject({
      text: "I can't help with that.",
    });
    const chunk = (delta: object, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: 'c2', object: 'chat.completion.chunk', model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const stream = `${chunk({ role: 'assistant', refusal: '' })}${chunk({ refusal: "I can't " })}${chunk({ refusal: 'help.' })}${chunk({}, 'stop')}data: [DONE]\n\n`;
    expect(await answer(cassette('https://api.openai.com/v1/chat/completions', stream, 'text/event-stream'))).toMatchObject({
      kind: 'chat-stream',
      text: "I can't help.",
      finishReason: 'stop',
    });
  });
});

describe('Ollama streams in cassettes', () => {
  it('newline-delimited JSON is a stream of chunks, rebuilt as the ogx recorder would', async () => {
    const chunk = (content: string, done = false) =>
      JSON.stringify({ model: 'llama3.2', created_at: '2025-01-01T00:00:00Z', message: { role: 'assistant', content }, done });
    const body = [chunk('The sky '), chunk('is blue.'), chunk('', true)].join('\n');
    const found = await answer(cassette('http://localhost:11434/api/chat', `${body}\n`, 'application/x-ndjson'));
    expect(found).toMatchObject({ kind: 'ollama-chat', text: 'The sky is blue.' });
  });
});

describe("vcrpy's older httpx layout", () => {
  it('reads status_code and content, which vcrpy still replays, as the response', async () => {
    const body = {
      id: 'c1',
      object: 'chat.completion',
      model: 'gpt-4o',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi.' }, finish_reason: 'stop' }],
    };
    const text = [
      'interactions:',
      '- request:',
      `    body: '{"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}'`,
      '    headers: {}',
      '    method: POST',
      '    uri: https://api.openai.com/v1/chat/completions',
      '  response:',
      `    content: '${JSON.stringify(body)}'`,
      '    headers:',
      '      content-type:',
      '      - application/json',
      '    http_version: HTTP/1.1',
      '    status_code: 200',
      'version: 1',
      '',
    ].join('\n');
    expect(await answer(text)).toMatchObject({ kind: 'chat-completion', text: 'Hi.' });
    const root = writeTree(makeTempDir(), { 'tests/cassettes/test_x/test_old.yaml': text });
    const { entries } = await indexPaths(['tests'], root);
    expect(entries[0]).toMatchObject({ error: null, kind: 'chat-completion' });
  });
});

describe('text completions and Bedrock invoke streams', () => {
  it("Together's and Writer's completions are text completions", async () => {
    const together = {
      id: 't1',
      object: 'text.completion',
      model: 'meta-llama/Llama-3-8b',
      choices: [{ index: 0, text: 'Paris.', finish_reason: 'eos' }],
    };
    expect(await answer(cassette('https://api.together.xyz/v1/completions', JSON.stringify(together)))).toMatchObject({
      kind: 'completion',
      text: 'Paris.',
    });
    const writer = { model: 'palmyra-x-004', choices: [{ text: 'Hello from Palmyra.', log_probs: null }] };
    expect(await answer(cassette('https://api.writer.com/v1/completions', JSON.stringify(writer)))).toMatchObject({
      kind: 'completion',
      text: 'Hello from Palmyra.',
    });
  });

  /** A Bedrock invoke stream: each chunk the model's own JSON, base64 in an event-stream frame, as !!binary. */
  function invokeStream(model: string, chunks: object[]): string {
    const frames = Buffer.concat(
      chunks.map((chunk) => eventStreamFrame('chunk', { bytes: Buffer.from(JSON.stringify(chunk)).toString('base64') })),
    );
    return vcrCassette({
      uri: `https://bedrock-runtime.us-east-1.amazonaws.com/model/${model}/invoke-with-response-stream`,
      body: { inputText: 'hi' },
      headers: '      {}',
      responseYaml: `!!binary |\n        ${frames.toString('base64')}`,
      contentType: 'application/vnd.amazon.eventstream',
    });
  }

  it("Titan's invoke stream is rebuilt from its outputText chunks", async () => {
    const text = invokeStream('amazon.titan-text-express-v1', [
      { outputText: 'The sky ', index: 0, totalOutputTextTokenCount: 3, completionReason: null, inputTextTokenCount: 2 },
      { outputText: 'is blue.', index: 0, totalOutputTextTokenCount: 6, completionReason: 'FINISH', inputTextTokenCount: 2 },
    ]);
    expect(await answer(text)).toMatchObject({ kind: 'completion', text: 'The sky is blue.', finishReason: 'FINISH' });
  });

  it("Nova's invoke stream that ends with messageStop is not flagged as cut off", async () => {
    const text = invokeStream('amazon.nova-lite-v1:0', [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { delta: { text: 'Hi there.' }, contentBlockIndex: 0 } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'end_turn' } },
      {
        metadata: { usage: { inputTokens: 2, outputTokens: 3 } },
        'amazon-bedrock-invocationMetrics': { inputTokenCount: 2, outputTokenCount: 3 },
      },
    ]);
    const root = writeTree(makeTempDir(), { 'tests/cassettes/test_x/test_nova.yaml': text });
    const outcome = await runVerify({ paths: ['tests'] }, { json: true, rule: ['stream'] }, testContext(root).context);
    expect(JSON.parse(outputOf(outcome)).problems).toEqual([]);
  });
});
