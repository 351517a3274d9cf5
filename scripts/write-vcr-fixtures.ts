/**
 * Writes test/fixtures/vcr/: a small Python project's cassettes, one per container form and
 * answer shape, written the way vcrpy (PyYAML), pydantic-ai's serializer and langchain-aws
 * write them. Run with `npm run fixtures:vcr`; the output is committed. What each cassette
 * must read as is asserted by hand in test/formats/vcr.test.ts, never produced from here.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import { eventStreamFrame } from '../test/builders/event-stream-frame.js';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'vcr');
type Json = Record<string, unknown>;

// Keys shaped like real ones (random-looking), never real: the secret rule must find them.
const OPENAI_KEY = 'sk-proj-Qm7vT2xLp9RkW4nZ8cYb3HsJ6dFg1AeU5oVi0qNt';
const GOOGLE_KEY = 'AIzaSyD4kP9wQ2xR7mN3vB8cL6hJ1fT5gY0uE2s';
const AWS_KEY_ID = 'AKIAQ4ZK7TB3WXNE5PLM';

const headers = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([name, value]) => [name, [value]]));
const ok = { code: 200, message: 'OK' };

/** One vcrpy interaction, as PyYAML writes it: keys sorted, body a string (or bytes). */
function interaction(request: Json, response: Json): Json {
  return { request: { body: null, headers: {}, method: 'POST', ...request }, response: { headers: {}, status: ok, ...response } };
}

const sse = (events: unknown[], done = true) =>
  `${events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')}${done ? 'data: [DONE]\n\n' : ''}`;
const named = (events: Array<[string, unknown]>) =>
  events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');

function chatChunk(delta: Json, finish: string | null = null, usage: Json | null = null): Json {
  return {
    id: 'chatcmpl-Bx1',
    object: 'chat.completion.chunk',
    created: 1_750_000_000,
    model: 'gpt-4o-2024-08-06',
    choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }],
    ...(usage ? { usage } : {}),
  };
}

const chatRequest = (stream: boolean) =>
  JSON.stringify({ messages: [{ role: 'user', content: 'What is the capital of France?' }], model: 'gpt-4o', stream });
const anthropicEvents: Array<[string, Json]> = [
  ['message_start', { type: 'message_start', message: { id: 'msg_01', role: 'assistant', usage: { input_tokens: 14, output_tokens: 1 } } }],
  ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
  ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Paris is ' } }],
  ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'the capital.' } }],
  ['content_block_stop', { type: 'content_block_stop', index: 0 }],
  ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 6 } }],
  ['message_stop', { type: 'message_stop' }],
];

const cassettes: Record<string, Json | string | Buffer> = {
  'tests/models/cassettes/test_openai/test_chat_stream.yaml': {
    interactions: [
      interaction(
        {
          body: chatRequest(true),
          headers: headers({ authorization: `Bearer ${OPENAI_KEY}`, 'content-type': 'application/json' }),
          uri: 'https://api.openai.com/v1/chat/completions',
        },
        {
          body: {
            string: sse([
              chatChunk({ role: 'assistant', content: '' }),
              chatChunk({ content: 'The capital of France ' }),
              chatChunk({ content: 'is Paris.' }),
              chatChunk({}, 'stop'),
              chatChunk({}, null, { prompt_tokens: 14, completion_tokens: 7, total_tokens: 21 }),
            ]),
          },
          headers: headers({ 'content-type': 'text/event-stream; charset=utf-8' }),
        },
      ),
    ],
    version: 1,
  },
  // pydantic-ai's serializer: lower-case headers, JSON bodies as `parsed_body` trees.
  'tests/models/cassettes/test_openai/test_chat_json[gpt-4o].yaml': {
    interactions: [
      {
        request: {
          headers: headers({ 'content-type': 'application/json' }),
          method: 'POST',
          parsed_body: {
            messages: [{ content: 'Weather in Paris?', role: 'user' }],
            model: 'gpt-4o',
            tools: [{ type: 'function', function: { name: 'get_weather' } }],
          },
          uri: 'https://api.openai.com/v1/chat/completions',
        },
        response: {
          headers: headers({ 'content-type': 'application/json' }),
          parsed_body: {
            id: 'chatcmpl-Bx2',
            object: 'chat.completion',
            model: 'gpt-4o-2024-08-06',
            choices: [
              {
                index: 0,
                finish_reason: 'tool_calls',
                message: {
                  role: 'assistant',
                  content: null,
                  tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city": "Paris"}' } }],
                },
              },
            ],
            usage: { prompt_tokens: 30, completion_tokens: 9, total_tokens: 39 },
          },
          status: ok,
        },
      },
    ],
    version: 1,
  },
  'tests/models/cassettes/test_openai/TestAgent.test_two_calls.yaml': {
    interactions: [1, 2].map((turn) =>
      interaction(
        {
          body: JSON.stringify({ messages: Array.from({ length: turn }, () => ({ role: 'user', content: 'hi' })), model: 'gpt-4o-mini' }),
          uri: 'https://api.openai.com/v1/chat/completions',
        },
        {
          body: {
            string: JSON.stringify({
              id: `c${turn}`,
              object: 'chat.completion',
              model: 'gpt-4o-mini',
              choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: `answer ${turn}` } }],
            }),
          },
          headers: headers({ 'content-type': 'application/json' }),
        },
      ),
    ),
    version: 1,
  },
  'tests/models/cassettes/test_openai/test_embeddings.yaml': {
    interactions: [
      interaction(
        { body: JSON.stringify({ input: ['a', 'b'], model: 'text-embedding-3-small' }), uri: 'https://api.openai.com/v1/embeddings' },
        {
          body: {
            string: JSON.stringify({
              object: 'list',
              model: 'text-embedding-3-small',
              data: [0, 1].map((index) => ({ object: 'embedding', index, embedding: [0.1, 0.2, 0.3] })),
              usage: { prompt_tokens: 2, total_tokens: 2 },
            }),
          },
          headers: headers({ 'content-type': 'application/json' }),
        },
      ),
    ],
    version: 1,
  },
  'tests/models/cassettes/test_anthropic/test_messages_stream.yaml': {
    interactions: [
      interaction(
        {
          body: JSON.stringify({
            model: 'claude-sonnet-4-5',
            max_tokens: 100,
            stream: true,
            messages: [{ role: 'user', content: 'Capital of France?' }],
          }),
          headers: headers({ 'x-api-key': 'FILTERED' }),
          uri: 'https://api.anthropic.com/v1/messages',
        },
        { body: { string: named(anthropicEvents) }, headers: headers({ 'content-type': 'text/event-stream' }) },
      ),
    ],
    version: 1,
  },
  // Stored compressed, as recorded: the body is gzip bytes (`!!binary`).
  'tests/models/cassettes/test_anthropic/test_messages_gzip.yaml': {
    interactions: [
      interaction(
        {
          body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Capital of Spain?' }] }),
          uri: 'https://api.anthropic.com/v1/messages',
        },
        {
          body: {
            string: gzipSync(
              JSON.stringify({
                id: 'msg_02',
                type: 'message',
                role: 'assistant',
                model: 'claude-sonnet-4-5',
                content: [{ type: 'text', text: 'Madrid.' }],
                stop_reason: 'end_turn',
                usage: { input_tokens: 12, output_tokens: 3 },
              }),
            ),
          },
          headers: headers({ 'content-encoding': 'gzip', 'content-type': 'application/json' }),
        },
      ),
    ],
    version: 1,
  },
  'tests/models/cassettes/test_google/test_generate_sse.yaml': {
    interactions: [
      interaction(
        {
          body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Capital of Italy?' }] }] }),
          uri: `https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=${GOOGLE_KEY}`,
        },
        {
          body: {
            string: `${[
              { candidates: [{ content: { parts: [{ text: 'Rome' }], role: 'model' } }] },
              {
                candidates: [{ content: { parts: [{ text: ' is the capital.' }], role: 'model' }, finishReason: 'STOP' }],
                usageMetadata: { promptTokenCount: 6, candidatesTokenCount: 5, totalTokenCount: 11 },
              },
            ]
              .map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`)
              .join('')}`,
          },
          headers: headers({ 'content-type': 'text/event-stream' }),
        },
      ),
    ],
    version: 1,
  },
  'tests/models/cassettes/test_bedrock/test_converse.yaml': {
    interactions: [
      interaction(
        {
          body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Weather in Oslo?' }] }] }),
          headers: headers({
            Authorization: `AWS4-HMAC-SHA256 Credential=${AWS_KEY_ID}/20250101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=${'ab12'.repeat(16)}`,
          }),
          uri: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-v1%3A0/converse',
        },
        {
          body: {
            string: JSON.stringify({
              output: {
                message: {
                  role: 'assistant',
                  content: [{ text: 'Let me check.' }, { toolUse: { toolUseId: 'tu_1', name: 'weather', input: { city: 'Oslo' } } }],
                },
              },
              stopReason: 'tool_use',
              usage: { inputTokens: 20, outputTokens: 12, totalTokens: 32 },
            }),
          },
          headers: headers({ 'content-type': 'application/json' }),
        },
      ),
    ],
    version: 1,
  },
  'tests/models/cassettes/test_bedrock/test_converse_stream.yaml': {
    interactions: [
      interaction(
        {
          body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }),
          uri: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.nova-lite-v1%3A0/converse-stream',
        },
        {
          body: {
            string: Buffer.concat([
              eventStreamFrame('messageStart', { role: 'assistant' }),
              eventStreamFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hello' } }),
              eventStreamFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: ' there!' } }),
              eventStreamFrame('contentBlockStop', { contentBlockIndex: 0 }),
              eventStreamFrame('messageStop', { stopReason: 'end_turn' }),
              eventStreamFrame('metadata', { usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 } }),
            ]),
          },
          headers: headers({ 'content-type': 'application/vnd.amazon.eventstream' }),
        },
      ),
    ],
    version: 1,
  },
  'tests/models/cassettes/test_bedrock/test_invoke_stream.yaml': {
    interactions: [
      interaction(
        {
          body: JSON.stringify({
            anthropic_version: 'bedrock-2023-05-31',
            max_tokens: 50,
            messages: [{ role: 'user', content: 'Capital?' }],
          }),
          uri: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream',
        },
        {
          body: {
            string: Buffer.concat(
              anthropicEvents.map(([, data]) => eventStreamFrame('chunk', { bytes: Buffer.from(JSON.stringify(data)).toString('base64') })),
            ),
          },
          headers: headers({ 'content-type': 'application/vnd.amazon.eventstream' }),
        },
      ),
    ],
    version: 1,
  },
  'tests/models/cassettes/test_openai_responses/test_responses_stream.yaml': {
    interactions: [
      interaction(
        {
          body: JSON.stringify({ model: 'gpt-4o', input: 'Capital of France?', stream: true }),
          uri: 'https://api.openai.com/v1/responses',
        },
        {
          body: {
            string: named([
              [
                'response.created',
                { type: 'response.created', response: { id: 'resp_1', object: 'response', status: 'in_progress', output: [] } },
              ],
              ['response.output_text.delta', { type: 'response.output_text.delta', output_index: 0, delta: 'Paris' }],
              ['response.output_text.delta', { type: 'response.output_text.delta', output_index: 0, delta: '.' }],
              [
                'response.completed',
                {
                  type: 'response.completed',
                  response: {
                    id: 'resp_1',
                    object: 'response',
                    status: 'completed',
                    output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Paris.' }] }],
                    usage: { input_tokens: 9, output_tokens: 2, total_tokens: 11 },
                  },
                },
              ],
            ]),
          },
          headers: headers({ 'content-type': 'text/event-stream' }),
        },
      ),
    ],
    version: 1,
  },
  'tests/models/cassettes/test_openai_responses/test_responses_json.yaml': {
    interactions: [
      interaction(
        { body: JSON.stringify({ model: 'o4-mini', input: 'Add 2 and 3' }), uri: 'https://api.openai.com/v1/responses' },
        {
          body: {
            string: JSON.stringify({
              id: 'resp_2',
              object: 'response',
              status: 'completed',
              output: [
                { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Use the add tool.' }] },
                { type: 'function_call', call_id: 'call_9', name: 'add', arguments: '{"a":2,"b":3}' },
              ],
              usage: { input_tokens: 15, output_tokens: 20, total_tokens: 35 },
            }),
          },
          headers: headers({ 'content-type': 'application/json' }),
        },
      ),
    ],
    version: 1,
  },
  // Anything else is HTTP: a download of bytes that are no text, an error body.
  'tests/models/cassettes/test_download/test_image_and_error.yaml': {
    interactions: [
      interaction(
        { method: 'GET', uri: 'https://example.com/cat.png' },
        {
          body: { string: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]) },
          headers: headers({ 'content-type': 'image/png' }),
        },
      ),
      interaction(
        { body: chatRequest(false), uri: 'https://api.openai.com/v1/chat/completions' },
        {
          body: {
            string: JSON.stringify({
              error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' },
            }),
          },
          headers: headers({ 'content-type': 'application/json' }),
          status: { code: 401, message: 'Unauthorized' },
        },
      ),
    ],
    version: 1,
  },
  // What goes wrong.
  'tests/models/cassettes/test_broken/test_cut_stream.yaml': {
    interactions: [
      interaction(
        { body: chatRequest(true), uri: 'https://api.openai.com/v1/chat/completions' },
        {
          body: { string: sse([chatChunk({ role: 'assistant', content: '' }), chatChunk({ content: 'The capital' })], false) },
          headers: headers({ 'content-type': 'text/event-stream' }),
        },
      ),
    ],
    version: 1,
  },
  'tests/models/cassettes/test_broken/test_no_response.yaml': {
    interactions: [{ request: { body: null, headers: {}, method: 'GET', uri: 'https://example.com/' } }],
    version: 1,
  },
  'tests/models/cassettes/test_broken/test_not_yaml.yaml': 'interactions:\n- request: {method: POST\n  uri: [unclosed\n',
  // PyYAML accepts a quoted body continued at its key's indentation; the YAML spec does not.
  'tests/models/cassettes/test_broken/test_pyyaml_quirk.yaml': [
    'interactions:',
    '- request:',
    `    body: '{"messages": [{"role": "user", "content": "a long question that PyYAML`,
    `    folded"}], "model": "gpt-4o"}'`,
    '    headers: {}',
    '    method: POST',
    '    uri: https://api.openai.com/v1/chat/completions',
    '  response:',
    '    body:',
    `      string: '{"object": "chat.completion", "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "Folded."}}]}'`,
    '    headers: {}',
    '    status:',
    '      code: 200',
    '      message: OK',
    'version: 1',
    '',
  ].join('\n'),
  // Other dialects: read as unsupported, never an error.
  'tests/realtime/cassettes/test_voice/test_turn.yaml': {
    version: 1,
    interactions: [{ kind: 'message', direction: 'received', data: { type: 'session.created', event_id: 'event_1' } }],
  },
  'tests/models/cassettes/test_xai/test_grpc.xai.yaml': {
    version: 1,
    interactions: [{ request_sample: { json: { model: 'grok-4' } }, response_sample: { json: { outputs: [] } } }],
  },
  // A test that made no HTTP call: vcrpy still writes its cassette, with no interactions.
  'tests/models/cassettes/test_openai/test_no_calls.yaml': 'interactions: []\nversion: 1\n',
};

/** YAML as PyYAML writes it (block style, `!!binary` for bytes); a string is written as it is. */
function toYaml(value: Json | string): string {
  if (typeof value === 'string') return value;
  return stringify(value, { version: '1.1', lineWidth: 80, minContentWidth: 20 });
}

rmSync(OUT, { recursive: true, force: true });
for (const [path, value] of Object.entries(cassettes)) {
  mkdirSync(dirname(join(OUT, path)), { recursive: true });
  writeFileSync(join(OUT, path), Buffer.isBuffer(value) ? value : toYaml(value as Json | string));
}
// langchain-aws: a gzipped YAML of parallel `requests` and `responses` lists, bodies as bytes.
mkdirSync(join(OUT, 'tests', 'cassettes'), { recursive: true });
writeFileSync(
  join(OUT, 'tests', 'cassettes', 'test_agent[v1].yaml.gz'),
  gzipSync(
    toYaml({
      requests: [
        {
          body: Buffer.from(JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] })),
          headers: headers({ authorization: '**REDACTED**' }),
          method: 'POST',
          uri: 'https://bedrock-runtime.us-west-2.amazonaws.com/model/us.anthropic.claude-sonnet-4-5/converse',
        },
      ],
      responses: [
        {
          body: {
            string: Buffer.from(
              JSON.stringify({
                output: { message: { role: 'assistant', content: [{ text: 'Hello!' }] } },
                stopReason: 'end_turn',
                usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
              }),
            ),
          },
          headers: headers({ 'Content-Type': 'application/json' }),
          status: ok,
        },
      ],
    }),
  ),
);
// The test modules the cassettes belong to (for prune): pydantic-ai's layout.
writeFileSync(join(OUT, 'tests', 'models', 'test_openai.py'), 'import pytest\n\n\n@pytest.mark.vcr\ndef test_chat_stream():\n    ...\n');
