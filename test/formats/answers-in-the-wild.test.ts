import { describe, expect, it } from 'vitest';
import { indexPaths, makeTempDir, openPath, writeTree } from '../helpers.js';
import { join } from 'node:path';

/** Answers as providers really send them, in vcrpy cassettes, rebuilt by the shared adapters. */

const yamlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

function cassette(uri: string, response: string, contentType = 'application/json'): string {
  return [
    'interactions:',
    '- request:',
    `    body: ${yamlString(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }))}`,
    '    headers: {}',
    '    method: POST',
    `    uri: ${uri}`,
    '  response:',
    '    body:',
    // A block scalar, as vcrpy writes a body of several lines: a quoted one folds single line breaks.
    `      string: |\n${response
      .split('\n')
      .map((line) => (line === '' ? '' : `        ${line}`))
      .join('\n')}`,
    '    headers:',
    '      content-type:',
    `      - ${contentType}`,
    '    status:',
    '      code: 200',
    '      message: OK',
    'version: 1',
    '',
  ].join('\n');
}

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
