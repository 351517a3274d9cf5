import type { Envelope } from '../core/load/envelope.js';
import type { FormatAdapter } from './adapter.js';
import { exception } from './exception.js';
import { fileProcessing } from './file-processing.js';
import { genai } from './genai.js';
import { httpPayload } from './http-payload.js';
import { modelList } from './model-list.js';
import { ollamaAdapters } from './ollama.js';
import { openaiChatCompletion } from './openai-chat-completion.js';
import { openaiChatStream } from './openai-chat-stream.js';
import { openaiCompletion } from './openai-completion.js';
import { openaiEmbeddings } from './openai-embeddings.js';
import { sseInteractions } from './sse-interactions.js';
import { sseMessages } from './sse-messages.js';
import { toolInvocation } from './tool-invocation.js';
import { unknown } from './unknown.js';

/**
 * Order matters: the first adapter whose `detect` accepts a recording owns it. Request
 * shapes and exceptions are certain and go first; body-shape guesses come after; `unknown`
 * takes the rest.
 */
export const ADAPTERS: readonly FormatAdapter[] = [
  exception,
  toolInvocation,
  fileProcessing,
  sseMessages,
  sseInteractions,
  modelList,
  ...ollamaAdapters,
  genai,
  openaiChatStream,
  openaiCompletion,
  openaiChatCompletion,
  openaiEmbeddings,
  httpPayload,
  unknown,
];

export function findAdapter(recording: Envelope): FormatAdapter {
  return ADAPTERS.find((adapter) => adapter.detect(recording)) ?? unknown;
}

export function countChunks(adapter: FormatAdapter, recording: Envelope): number | null {
  if (adapter.countChunks) return adapter.countChunks(recording);
  return Array.isArray(recording.body) ? recording.body.length : null;
}
