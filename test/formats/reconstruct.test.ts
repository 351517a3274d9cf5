import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASSETTE_ONLY_KINDS, RECORDING_KINDS } from '../../src/core/types.js';
import { DEMO, FIXTURES, answerOf, indexPaths } from '../helpers.js';

const KINDS = join(FIXTURES, 'kinds');

/** The demo corpus holds one recording of each kind; find it by kind. */
const demo = (await indexPaths([DEMO], DEMO)).entries;
const demoOf = (kind: string) => {
  const entry = demo.find((e) => e.kind === kind);
  if (!entry) throw new Error(`no demo recording of kind ${kind}`);
  return answerOf(entry.absPath);
};

describe('classification', () => {
  it('gives every kind at least one demo recording, and none is unreadable', async () => {
    const kinds = new Set(demo.map((entry) => entry.kind));
    // Every kind cassette tells apart, but `unknown`, which a healthy corpus never needs.
    for (const kind of RECORDING_KINDS.filter((name) => name !== 'unknown' && !CASSETTE_ONLY_KINDS.includes(name))) {
      expect(kinds, kind).toContain(kind);
    }
    expect(demo.filter((entry) => entry.error !== null)).toEqual([]);
  });

  it.each([
    ['chat-stream-azure-tools.json', 'chat-stream', 10],
    ['chat-stream-two-choices.json', 'chat-stream', 6],
    ['chat-completion-reasoning.json', 'chat-completion', null],
    ['completion-non-streaming.json', 'completion', null],
    ['ollama-generate-thinking.json', 'ollama-generate', 4],
    ['ollama-chat-tools.json', 'ollama-chat', null],
    ['genai-function-call.json', 'genai', null],
    ['sse-messages-tool-use.json', 'sse-messages', 9],
    ['http-error.json', 'http', null],
    ['unknown-shape.json', 'unknown', null],
  ])('%s is %s with %s chunks', async (file, kind, chunks) => {
    const [entry] = (await indexPaths([join(KINDS, file)], KINDS)).entries;
    expect(entry).toMatchObject({ kind, chunks, error: null });
  });

  it('tells the 2025 layout apart from per-area folders', async () => {
    const layouts = new Map(demo.map((entry) => [entry.id, entry.layout]));
    expect([...layouts.values()].filter((layout) => layout === 'legacy')).toHaveLength(1);
    expect(demo.find((entry) => entry.layout === 'legacy')?.nameHash).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('reconstruction', () => {
  it('joins a chat stream, its reasoning and tool-call pieces, skipping the Azure filter chunk', async () => {
    const answer = answerOf(join(KINDS, 'chat-stream-azure-tools.json'));
    expect(answer).toMatchObject({
      text: null,
      reasoning: 'The user wants two cities.',
      toolCalls: [
        { id: 'call_paris', name: 'get_weather', arguments: { city: 'Paris' } },
        { id: 'call_rome', name: 'get_weather', arguments: { city: 'Rome' } },
      ],
      finishReason: 'tool_calls',
      usage: { prompt: 60, completion: 40, total: 100 },
    });
  });

  it('keeps choice 0 as the answer and the other choices beside it', async () => {
    const answer = answerOf(join(KINDS, 'chat-stream-two-choices.json'));
    expect(answer.text).toBe('Red');
    expect(answer.finishReason).toBe('length');
    expect(answer.otherChoices).toEqual([{ index: 1, text: 'Blue', reasoning: null, toolCalls: [], finishReason: 'stop' }]);
  });

  it('reads the text of the demo chat stream', async () => {
    expect(demoOf('chat-stream')).toMatchObject({
      text: 'The capital of France is Paris, known for the Eiffel Tower and the Louvre.',
      finishReason: 'stop',
      usage: { prompt: 24, completion: 17, total: 41 },
    });
  });

  it('reads message content, reasoning and tool calls of a chat completion', async () => {
    expect(answerOf(join(KINDS, 'chat-completion-reasoning.json'))).toMatchObject({
      text: '4',
      reasoning: 'Simple arithmetic: 2+2=4.',
      finishReason: 'stop',
      usage: { prompt: 70, completion: 12, total: 82 },
    });
    expect(demoOf('chat-completion').toolCalls).toEqual([{ id: 'call_8mB0cJcQ3fN7', name: 'get_weather', arguments: { city: 'Tokyo' } }]);
  });

  it('reads text completions, streamed and not', async () => {
    expect(answerOf(join(KINDS, 'completion-non-streaming.json'))).toMatchObject({ text: 'blue.', finishReason: 'stop' });
    expect(demoOf('completion')).toMatchObject({ text: 'Blue.\n\nThe rhyme is traditional.', finishReason: 'stop' });
  });

  it('reads Ollama generate with thinking, and chat with tool calls', async () => {
    expect(answerOf(join(KINDS, 'ollama-generate-thinking.json'))).toMatchObject({
      text: 'Apple',
      reasoning: 'A fruit: apple.',
      finishReason: 'stop',
      usage: { prompt: 15, completion: 9, total: 24 },
    });
    expect(answerOf(join(KINDS, 'ollama-chat-tools.json')).toolCalls).toEqual([
      { id: null, name: 'get_weather', arguments: { city: 'Oslo' } },
    ]);
    expect(demoOf('ollama-chat').text).toBe('Hello there, how are you doing today?');
    expect(demoOf('ollama-generate').text).toMatch(/^ ?(safe| blue)$/);
  });

  it('describes payloads that are not text', async () => {
    expect(demoOf('embeddings').facts).toEqual({ vectors: 1, dimensions: 8 });
    expect(demoOf('ollama-embeddings').facts).toEqual({ vectors: 1, dimensions: 6 });
    expect(demoOf('model-list').facts).toEqual({ models: ['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small'] });
    expect(demoOf('ollama-tags').facts).toEqual({ models: ['llama3.2:3b-instruct-fp16', 'all-minilm:l6-v2'] });
    expect(demoOf('ollama-ps').facts).toEqual({ loaded: ['llama3.2:3b-instruct-fp16'] });
    expect(demoOf('ollama-pull').facts).toEqual({ status: 'success' });
    expect(demoOf('file-processing')).toMatchObject({ text: expect.stringContaining('Cassette demo document'), facts: { chunks: 1 } });
    expect(demoOf('tool-invocation').text).toContain('Hopfield');
  });

  it('reads google-genai parts: thoughts as reasoning, function calls as tool calls', async () => {
    expect(answerOf(join(KINDS, 'genai-function-call.json'))).toMatchObject({
      text: null,
      reasoning: 'I should look up Lima.',
      toolCalls: [{ id: 'fc_1', name: 'get_weather', arguments: { city: 'Lima' } }],
      finishReason: 'STOP',
      usage: { prompt: 30, completion: 20, total: 50 },
    });
    expect(demoOf('genai')).toMatchObject({ text: 'Humans live on planet Earth.', usage: { prompt: 7, completion: 6, total: 13 } });
  });

  it('reads /v1/messages events: text, thinking, tool input joined from partial JSON', async () => {
    expect(answerOf(join(KINDS, 'sse-messages-tool-use.json'))).toMatchObject({
      text: 'Checking.',
      toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: { city: 'Cairo' } }],
      finishReason: 'tool_use',
      usage: { prompt: 40, completion: 22, total: 62 },
    });
    expect(demoOf('sse-messages')).toMatchObject({ text: '1, 2, 3, 4, 5', reasoning: 'Simple counting.', finishReason: 'end_turn' });
  });

  it('reads /v1beta/interactions events', async () => {
    expect(demoOf('sse-interactions')).toMatchObject({
      text: '1, 2, 3, 4, 5',
      finishReason: 'completed',
      usage: { prompt: 13, completion: 12, total: 25 },
    });
  });

  it('reads recorded errors: exceptions and http error bodies', async () => {
    expect(demoOf('exception').error).toEqual({
      type: 'BadRequestError',
      status: 400,
      message: expect.stringContaining('invalid image input'),
    });
    expect(answerOf(join(KINDS, 'http-error.json')).error).toEqual({
      type: 'invalid_request_error',
      status: 400,
      message: 'messages is required',
    });
    expect(answerOf(join(KINDS, 'http-error.json')).facts).toEqual({ status: 400 });
    expect(demoOf('http')).toMatchObject({
      facts: { status: 200 },
      reasoning: 'We have to call the get_weather function.',
      toolCalls: [{ id: 'call_kp56ga0b', name: 'get_weather', arguments: { location: 'San Francisco' } }],
    });
  });

  it('gives an unknown shape an empty answer rather than failing', async () => {
    expect(answerOf(join(KINDS, 'unknown-shape.json'))).toMatchObject({ text: null, toolCalls: [], error: null });
  });

  it('covers every fixture file in test/fixtures/kinds', async () => {
    expect(readdirSync(KINDS).filter((f) => f.endsWith('.json'))).toHaveLength(10);
  });
});
