/**
 * Writes the demo corpus under recordings/: one recording of each kind, laid out like a real
 * llama-stack/ogx project and named by its request hash, as the recorder would name it.
 * Run with `npm run demo:write`; the output is committed.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parsePythonJson } from '../src/core/json/parse-json.js';
import { pythonJsonDumps } from '../src/core/json/pyjson.js';
import { computeRequestHash } from '../src/core/hash/request-hash.js';
import { type HashScheme } from '../src/core/hash/schemes.js';

const ROOT = join(import.meta.dirname, '..', 'recordings');
const TESTS = 'tests/integration';

type Json = Record<string, unknown>;

interface Demo {
  area: string;
  testId: string | null;
  request: Json;
  response: Json;
  /** Response objects whose `id`/`created` the recorder normalises. */
  normalise?: 'openai' | 'ollama' | 'none';
  modelIds?: string[];
  scheme?: HashScheme;
}

const chunk = (data: Json): Json => ({ __type__: 'openai.types.chat.chat_completion_chunk.ChatCompletionChunk', __data__: data });
const openaiRequest = (body: Json, endpoint = '/v1/chat/completions'): Json => ({
  method: 'POST',
  url: `https://api.openai.com/v1${endpoint}`,
  headers: {},
  body,
  endpoint,
  model: body.model,
  provider_metadata: { openai_sdk_version: '2.31.0' },
});
const ollamaRequest = (endpoint: string, body: Json): Json => ({
  method: 'POST',
  url: `http://localhost:11434${endpoint}`,
  headers: {},
  body,
  endpoint,
  model: (body.model as string | undefined) ?? '',
});
const streamChunk = (delta: Json, finish: string | null = null, usage: Json | null = null, choices = true): Json =>
  chunk({
    id: 'ID',
    choices: choices
      ? [
          {
            delta: { content: null, function_call: null, refusal: null, role: 'assistant', tool_calls: null, ...delta },
            finish_reason: finish,
            index: 0,
            logprobs: null,
          },
        ]
      : [],
    created: 0,
    model: 'gpt-4o-2024-08-06',
    object: 'chat.completion.chunk',
    service_tier: 'default',
    system_fingerprint: 'fp_cbf1785567',
    usage,
    obfuscation: 'x1Yk',
  });
const words = (text: string): string[] => text.match(/\S+\s*/g) ?? [];
const ollamaPiece = (fields: Json, done = false): Json => ({
  model: 'llama3.2:3b-instruct-fp16',
  created_at: '1970-01-01T00:00:00.000000Z',
  done,
  done_reason: done ? 'stop' : null,
  total_duration: done ? 0 : null,
  load_duration: done ? 0 : null,
  prompt_eval_count: done ? 31 : null,
  prompt_eval_duration: done ? 0 : null,
  eval_count: done ? 12 : null,
  eval_duration: done ? 0 : null,
  ...fields,
});

const answer = 'The capital of France is Paris, known for the Eiffel Tower and the Louvre.';

const demos: Demo[] = [
  {
    area: 'inference',
    testId: `${TESTS}/inference/test_openai_completion.py::test_openai_chat_completion_streaming[txt=openai/gpt-4o-inference:chat_completion:streaming_01]`,
    request: openaiRequest({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.7,
    }),
    response: {
      body: [
        ...words(answer).map((word, i) => streamChunk(i === 0 ? { content: word } : { content: word, role: null })),
        streamChunk({ role: null }, 'stop'),
        streamChunk({}, null, { completion_tokens: 17, prompt_tokens: 24, total_tokens: 41 }, false),
      ],
      is_streaming: true,
    },
    normalise: 'openai',
  },
  {
    area: 'inference',
    testId: `${TESTS}/inference/test_openai_completion.py::test_openai_chat_completion_with_tool_choice[txt=openai/gpt-4o]`,
    request: openaiRequest({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What is the weather in Tokyo?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Get the weather for a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      ],
      tool_choice: 'required',
      stream: false,
    }),
    response: {
      body: {
        __type__: 'openai.types.chat.chat_completion.ChatCompletion',
        __data__: {
          id: 'ID',
          choices: [
            {
              finish_reason: 'tool_calls',
              index: 0,
              logprobs: null,
              message: {
                content: null,
                refusal: null,
                role: 'assistant',
                annotations: [],
                audio: null,
                function_call: null,
                tool_calls: [
                  { id: 'call_8mB0cJcQ3fN7', function: { arguments: '{"city":"Tokyo"}', name: 'get_weather' }, type: 'function' },
                ],
              },
            },
          ],
          created: 0,
          model: 'gpt-4o-2024-08-06',
          object: 'chat.completion',
          service_tier: 'default',
          system_fingerprint: 'fp_cbf1785567',
          usage: { completion_tokens: 15, prompt_tokens: 61, total_tokens: 76 },
        },
      },
      is_streaming: false,
    },
    normalise: 'openai',
  },
  {
    area: 'inference',
    testId: `${TESTS}/inference/test_openai_completion.py::test_openai_completion_streaming[txt=ollama/llama3.2:3b-instruct-fp16-inference:completion:sanity]`,
    request: {
      method: 'POST',
      url: 'http://localhost:11434/v1/v1/completions',
      headers: {},
      body: {
        model: 'llama3.2:3b-instruct-fp16',
        prompt: 'Respond to this question and explain your answer. Complete the sentence: Roses are red, violets are ',
        stream: true,
        max_tokens: 50,
      },
      endpoint: '/v1/completions',
      model: 'llama3.2:3b-instruct-fp16',
    },
    response: {
      body: ['Blue', '.\n\n', 'The rhyme', ' is traditional.'].map((text, i, all) => ({
        __type__: 'openai.types.completion.Completion',
        __data__: {
          id: 'ID',
          choices: [{ finish_reason: i === all.length - 1 ? 'stop' : null, index: 0, logprobs: null, text }],
          created: 0,
          model: 'llama3.2:3b-instruct-fp16',
          object: 'text_completion',
          system_fingerprint: 'fp_ollama',
          usage: null,
        },
      })),
      is_streaming: true,
    },
    normalise: 'openai',
  },
  {
    area: 'inference',
    testId: `${TESTS}/inference/test_openai_embeddings.py::test_openai_embeddings_single_string[emb=openai/text-embedding-3-small]`,
    request: openaiRequest({ model: 'text-embedding-3-small', input: 'Hello, world!', encoding_format: 'float' }, '/v1/embeddings'),
    response: {
      body: {
        __type__: 'openai.types.create_embedding_response.CreateEmbeddingResponse',
        __data__: {
          data: [
            {
              embedding: [-0.0025737302, -0.02274913, 0.020157985, 0.011593728, -0.0041237564, 0.031925406, 0.0007721046, -0.018273815],
              index: 0,
              object: 'embedding',
            },
          ],
          model: 'text-embedding-3-small',
          object: 'list',
          usage: { prompt_tokens: 4, total_tokens: 4 },
        },
      },
      is_streaming: false,
    },
    normalise: 'none',
  },
  {
    area: 'inference',
    testId: `${TESTS}/inference/test_provider_error_recording.py::TestProviderErrorRecording::test_provider_rejects_invalid_base64_image[txt=ollama/llama3.2:3b-instruct-fp16]`,
    request: {
      method: 'POST',
      url: 'http://localhost:11434/v1/v1/chat/completions',
      headers: {},
      body: {
        model: 'llama3.2:3b-instruct-fp16',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this image?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,not_valid_base64!!!' } },
            ],
          },
        ],
      },
      endpoint: '/v1/chat/completions',
      model: 'llama3.2:3b-instruct-fp16',
    },
    response: {
      body: null,
      is_streaming: false,
      is_exception: true,
      exception_data: {
        category: 'provider_sdk',
        provider: 'openai',
        type: 'BadRequestError',
        message: "Error code: 400 - {'error': {'message': 'invalid image input', 'type': 'invalid_request_error'}}",
        status_code: 400,
        body: { message: 'invalid image input', type: 'invalid_request_error', param: null, code: null },
      },
      exception_message: "Error code: 400 - {'error': {'message': 'invalid image input', 'type': 'invalid_request_error'}}",
    },
  },
  {
    area: 'common',
    testId: null,
    request: { method: 'POST', url: 'https://api.openai.com/v1/v1/models', headers: {}, body: {}, endpoint: '/v1/models', model: '' },
    response: {
      body: ['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small'].map((id, i) => ({
        __type__: 'openai.types.model.Model',
        __data__: { id, created: 1715367049 + i, object: 'model', owned_by: 'system' },
      })),
      is_streaming: false,
    },
    modelIds: ['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small'],
  },
  {
    area: 'safety',
    testId: `${TESTS}/safety/test_safety.py::test_safe_examples[shield=llama-guard]`,
    request: ollamaRequest('/api/generate', {
      model: 'llama-guard3:1b',
      raw: true,
      prompt:
        "Task: Check if there is unsafe content in 'User' messages.\n\nUser: What is the most famous murder case in the US?\n\nProvide your safety assessment:",
      options: { temperature: 0.1 },
      stream: false,
    }),
    response: {
      body: {
        __type__: 'ollama._types.GenerateResponse',
        __data__: ollamaPiece({ model: 'llama-guard3:1b', response: 'safe', thinking: null, context: null }, true),
      },
      is_streaming: false,
    },
  },
  {
    area: 'agents',
    testId: `${TESTS}/agents/test_agents.py::test_agent_simple[txt=ollama/llama3.2:3b-instruct-fp16]`,
    request: ollamaRequest('/api/chat', {
      model: 'llama3.2:3b-instruct-fp16',
      messages: [{ role: 'user', content: 'Give me a sentence that contains the word: hello' }],
      stream: true,
      options: { temperature: 0.1 },
    }),
    response: {
      body: [
        ...words('Hello there, how are you doing today?').map((word) =>
          ollamaPiece({ message: { role: 'assistant', content: word, thinking: null, images: null, tool_calls: null } }),
        ),
        ollamaPiece({ message: { role: 'assistant', content: '', thinking: null, images: null, tool_calls: null } }, true),
      ].map((data) => ({ __type__: 'ollama._types.ChatResponse', __data__: data })),
      is_streaming: true,
    },
  },
  {
    area: 'common',
    testId: null,
    request: ollamaRequest('/api/ps', {}),
    response: {
      body: {
        __type__: 'ollama._types.ProcessResponse',
        __data__: {
          models: [
            {
              model: 'llama3.2:3b-instruct-fp16',
              name: 'llama3.2:3b-instruct-fp16',
              digest: '195a8c01d91ec3cb1e0aad4624a51f2602c51fa7d96110f8ab5a20c84081804d',
              expires_at: '2026-04-14T10:12:27.000000-07:00',
              size: 7919570944,
              size_vram: 7919570944,
              details: {
                parent_model: '',
                format: 'gguf',
                family: 'llama',
                families: ['llama'],
                parameter_size: '3.2B',
                quantization_level: 'F16',
              },
            },
          ],
        },
      },
      is_streaming: false,
    },
  },
  {
    area: 'common',
    testId: null,
    request: ollamaRequest('/api/tags', {}),
    response: {
      body: {
        __type__: 'ollama._types.ListResponse',
        __data__: {
          models: [
            {
              model: 'llama3.2:3b-instruct-fp16',
              modified_at: '2026-03-01T12:00:00.000000-07:00',
              digest: '195a8c01d91ec3cb1e0aad4624a51f2602c51fa7d96110f8ab5a20c84081804d',
              size: 6433703586,
              details: {
                parent_model: '',
                format: 'gguf',
                family: 'llama',
                families: ['llama'],
                parameter_size: '3.2B',
                quantization_level: 'F16',
              },
            },
            {
              model: 'all-minilm:l6-v2',
              modified_at: '2026-03-01T12:00:00.000000-07:00',
              digest: '1b226e2802dbb772b5fc32a58f103ca1804ef7501331012de126ab22f67475ef',
              size: 45960996,
              details: {
                parent_model: '',
                format: 'gguf',
                family: 'bert',
                families: ['bert'],
                parameter_size: '23M',
                quantization_level: 'F16',
              },
            },
          ],
        },
      },
      is_streaming: false,
    },
  },
  {
    area: 'common',
    testId: null,
    request: ollamaRequest('/api/pull', { model: 'all-minilm:l6-v2', insecure: false, stream: false }),
    response: {
      body: { __type__: 'ollama._types.ProgressResponse', __data__: { status: 'success', completed: null, total: null, digest: null } },
      is_streaming: false,
    },
  },
  {
    area: 'vector_io',
    testId: `${TESTS}/vector_io/test_vector_io.py::test_insert_chunks[emb=ollama/all-minilm:l6-v2]`,
    request: ollamaRequest('/api/embeddings', { model: 'all-minilm:l6-v2', input: ['Python is a programming language.'] }),
    response: {
      body: {
        __type__: 'ollama._types.EmbedResponse',
        __data__: {
          model: 'all-minilm:l6-v2',
          created_at: null,
          done: null,
          done_reason: null,
          total_duration: 0,
          load_duration: 0,
          prompt_eval_count: 6,
          prompt_eval_duration: null,
          eval_count: null,
          eval_duration: null,
          embeddings: [[-0.062299512, 0.04314291, -0.056856677, 0.01859327, 0.029741663, -0.012840509]],
        },
      },
      is_streaming: false,
    },
  },
  {
    area: 'tool_runtime',
    testId: `${TESTS}/tool_runtime/test_builtin_tools.py::test_web_search[txt=openai/gpt-4o]`,
    request: {
      test_id: `${TESTS}/tool_runtime/test_builtin_tools.py::test_web_search[txt=openai/gpt-4o]`,
      provider: 'tavily',
      tool_name: 'web_search',
      kwargs: { query: 'Who won the 2024 Nobel Prize in Physics?' },
    },
    response: {
      body: {
        __type__: 'ogx_api.tools.ToolInvocationResult',
        __data__: {
          content:
            '{"query": "Who won the 2024 Nobel Prize in Physics?", "top_k": [{"url": "https://www.nobelprize.org/prizes/physics/2024/summary/", "title": "The Nobel Prize in Physics 2024", "content": "John J. Hopfield and Geoffrey E. Hinton, for foundational discoveries that enable machine learning with artificial neural networks."}]}',
          error_message: null,
          error_code: null,
          metadata: null,
        },
      },
      is_streaming: false,
    },
  },
  {
    area: 'files',
    testId: `${TESTS}/files/test_file_processors.py::test_process_pdf[provider=pypdf]`,
    request: {
      test_id: `${TESTS}/files/test_file_processors.py::test_process_pdf[provider=pypdf]`,
      provider: 'pypdf',
      api: 'file_processors',
      file_id: 'file-0f3b2c1d4e5a',
    },
    response: {
      body: {
        __type__: 'ogx_api.file_processors.models.ProcessFileResponse',
        __data__: {
          chunks: [
            {
              content: 'Cassette demo document\nRecordings are one JSON file per API call.',
              chunk_id: '9d2c1f0e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
              metadata: { filename: 'demo.pdf', page_count: 1 },
            },
          ],
          metadata: { processor: 'pypdf', page_count: 1 },
        },
      },
      is_streaming: false,
    },
  },
  {
    area: 'messages',
    testId: `${TESTS}/messages/test_messages.py::test_messages_non_streaming_tool_use[txt=ollama/gpt-oss:20b]`,
    request: {
      test_id: `${TESTS}/messages/test_messages.py::test_messages_non_streaming_tool_use[txt=ollama/gpt-oss:20b]`,
      url: 'http://0.0.0.0:11434/v1/messages',
      method: 'POST',
      payload: {
        model: 'gpt-oss:20b',
        messages: [{ role: 'user', content: 'What is the weather in San Francisco?' }],
        tools: [
          {
            name: 'get_weather',
            description: 'Get the weather',
            input_schema: { type: 'object', properties: { location: { type: 'string' } } },
          },
        ],
        max_tokens: 256,
        stream: false,
      },
    },
    response: {
      status: 200,
      body: {
        id: 'msg_bb605b97294478b8b0c12d33',
        type: 'message',
        role: 'assistant',
        model: 'gpt-oss:20b',
        content: [
          { type: 'thinking', thinking: 'We have to call the get_weather function.' },
          { type: 'tool_use', id: 'call_kp56ga0b', name: 'get_weather', input: { location: 'San Francisco' } },
        ],
        stop_reason: 'tool_use',
        usage: { input_tokens: 152, output_tokens: 31 },
      },
      is_streaming: false,
    },
  },
  {
    area: 'messages',
    testId: `${TESTS}/messages/test_messages.py::test_messages_streaming_collects_full_text[txt=ollama/gpt-oss:20b]`,
    request: {
      test_id: `${TESTS}/messages/test_messages.py::test_messages_streaming_collects_full_text[txt=ollama/gpt-oss:20b]`,
      url: 'http://0.0.0.0:11434/v1/messages',
      method: 'POST',
      payload: {
        model: 'gpt-oss:20b',
        messages: [{ role: 'user', content: 'Count from 1 to 5, separated by commas.' }],
        max_tokens: 64,
        stream: true,
      },
    },
    response: {
      body: sseLines([
        [
          'message_start',
          {
            type: 'message_start',
            message: {
              id: 'msg_812f019850cce212423fb87a',
              type: 'message',
              role: 'assistant',
              model: 'gpt-oss:20b',
              content: [],
              usage: { input_tokens: 10, output_tokens: 0 },
            },
          },
        ],
        ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } }],
        ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Simple counting.' } }],
        ['content_block_stop', { type: 'content_block_stop', index: 0 }],
        ['content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }],
        ['content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: '1, 2, 3' } }],
        ['content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: ', 4, 5' } }],
        ['content_block_stop', { type: 'content_block_stop', index: 1 }],
        ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 14 } }],
        ['message_stop', { type: 'message_stop' }],
      ]),
      is_streaming: true,
    },
  },
  {
    area: 'interactions',
    testId: `${TESTS}/interactions/test_interactions.py::test_interactions_streaming_basic[txt=gemini/gemini-2.5-flash-lite]`,
    request: {
      test_id: `${TESTS}/interactions/test_interactions.py::test_interactions_streaming_basic[txt=gemini/gemini-2.5-flash-lite]`,
      url: 'https://generativelanguage.googleapis.com/v1beta/interactions',
      method: 'POST',
      payload: { model: 'gemini-2.5-flash-lite', input: 'Count from 1 to 5, separated by commas.', stream: true },
    },
    response: {
      body: sseLines([
        [
          'interaction.start',
          {
            interaction: { id: 'v1_demo', status: 'in_progress', object: 'interaction', model: 'gemini-2.5-flash-lite' },
            event_type: 'interaction.start',
          },
        ],
        ['content.start', { index: 0, content: { type: 'text' }, event_type: 'content.start' }],
        ['content.delta', { index: 0, delta: { text: '1, 2, ', type: 'text' }, event_type: 'content.delta' }],
        ['content.delta', { index: 0, delta: { text: '3, 4, 5', type: 'text' }, event_type: 'content.delta' }],
        ['content.stop', { index: 0, event_type: 'content.stop' }],
        [
          'interaction.complete',
          {
            interaction: {
              id: 'v1_demo',
              status: 'completed',
              usage: { total_tokens: 25, total_input_tokens: 13, total_output_tokens: 12 },
              role: 'model',
            },
            event_type: 'interaction.complete',
          },
        ],
      ]),
      is_streaming: true,
    },
  },
  {
    area: 'responses',
    testId: `${TESTS}/responses/test_basic_responses.py::test_response_streaming_basic[openai_client-txt=vertexai/publishers/google/models/gemini-2.0-flash-earth]`,
    request: {
      method: 'POST',
      url: 'vertexai:///generate_content_stream',
      headers: {},
      body: {
        model: 'publishers/google/models/gemini-2.0-flash',
        contents: [{ role: 'user', parts: [{ text: 'Which planet do humans live on?' }] }],
        config: {},
      },
      endpoint: '/generate_content_stream',
      model: 'publishers/google/models/gemini-2.0-flash',
      provider_metadata: { provider: 'vertexai' },
    },
    response: {
      body: [
        {
          candidates: [{ content: { parts: [{ text: 'Humans live on' }], role: 'model' } }],
          model_version: 'gemini-2.0-flash',
          usage_metadata: { traffic_type: 'ON_DEMAND' },
        },
        {
          candidates: [{ content: { parts: [{ text: ' planet Earth.' }], role: 'model' }, finish_reason: 'STOP' }],
          model_version: 'gemini-2.0-flash',
          usage_metadata: { candidates_token_count: 6, prompt_token_count: 7, total_token_count: 13, traffic_type: 'ON_DEMAND' },
        },
      ],
      is_streaming: true,
    },
  },
];

function sseLines(events: Array<[string, Json]>): string[] {
  return events.flatMap(([event, data]) => [`event: ${event}`, `data: ${JSON.stringify(data)}`, '']);
}

/** As Python's json.dump(indent=2) writes it, which is also what JSON.stringify gives for ASCII text. */
function serialise(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function hashOf(recording: Json, scheme: HashScheme = 'E7'): string {
  // Hash what the file will say, read back losslessly, exactly as verify will.
  const parsed = parsePythonJson(serialise(recording), { lossless: true }) as Json;
  // File-processing names cannot be derived from the file; name it by its whole request.
  return computeRequestHash(parsed, scheme) ?? createHash('sha256').update(pythonJsonDumps(parsed.request)).digest('hex');
}

function normaliseResponse(response: Json, hash: string): void {
  const items = Array.isArray(response.body) ? response.body : [response.body];
  for (const item of items) {
    const data = (item as Json | null)?.__data__ as Json | undefined;
    if (!data || data.object === 'model') continue;
    if ('id' in data) data.id = `rec-${hash.slice(0, 12)}`;
    if ('created' in data) data.created = 0;
  }
}

function main(): void {
  rmSync(ROOT, { recursive: true, force: true });
  for (const demo of demos) {
    const recording: Json = { test_id: demo.testId, request: demo.request, response: demo.response, id_normalization_mapping: {} };
    const hash = hashOf(recording);
    normaliseResponse(demo.response, hash);
    const name = demo.modelIds
      ? `models-${hash}-${createHash('sha256')
          .update([...new Set(demo.modelIds)].sort().join('|'))
          .digest('hex')
          .slice(0, 8)}.json`
      : `${hash}.json`;
    write(join(ROOT, TESTS, demo.area, 'recordings', name), serialise(recording));
  }
  writeLegacyArea();
}

/** A 2025-layout tree: responses/<12hex>.json named by the E2 hash, and its index.sqlite. */
function writeLegacyArea(): void {
  const recording: Json = {
    request: ollamaRequest('/api/generate', {
      model: 'llama3.2:3b-instruct-fp16',
      raw: true,
      prompt: '<|begin_of_text|>Complete the sentence using one word: Roses are red, violets are ',
      options: { temperature: 0.1 },
      stream: false,
    }),
    response: {
      body: {
        __type__: 'ollama._types.GenerateResponse',
        __data__: {
          ...ollamaPiece({ response: ' blue', thinking: null, context: null }, true),
          created_at: '2025-07-29T23:23:09.123456Z',
          total_duration: 249137667,
          load_duration: 152509542,
          prompt_eval_duration: 71000000,
          eval_duration: 24000000,
        },
      },
      is_streaming: false,
    },
  };
  const hash = hashOf(recording, 'E2');
  const dir = join(ROOT, TESTS, 'recordings');
  write(join(dir, 'responses', `${hash.slice(0, 12)}.json`), serialise(recording));
  // Python writes the index the way the 2025 recorder did; node 20 has no sqlite module.
  execFileSync('python3', ['-c', LEGACY_INDEX, join(dir, 'index.sqlite'), hash, `${hash.slice(0, 12)}.json`]);
}

const LEGACY_INDEX = `
import sqlite3, sys
path, request_hash, response_file = sys.argv[1:4]
db = sqlite3.connect(path)
db.execute("""CREATE TABLE recordings (
                    request_hash TEXT PRIMARY KEY,
                    response_file TEXT,
                    endpoint TEXT,
                    model TEXT,
                    timestamp TEXT,
                    is_streaming BOOLEAN
                )""")
db.execute("INSERT INTO recordings VALUES (?, ?, ?, ?, ?, ?)",
           (request_hash, response_file, "/api/generate", "llama3.2:3b-instruct-fp16", "2025-07-29 23:23:09", 0))
db.commit()
db.close()
`;

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${text}\n`);
}

main();
