import type * as z from 'zod/mini';
import type { Envelope } from '../../core/load/envelope.js';
import type { FormatAdapter } from './adapter.js';
import { anthropicMessage } from './anthropic-message.js';
import { bedrockConverse, bedrockConverseStream } from './bedrock-converse.js';
import { bedrockTitan } from './bedrock-titan.js';
import { cohereChat } from './cohere-chat.js';
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
import { openaiResponses, openaiResponsesStream } from './openai-responses.js';
import { sseInteractions } from './sse-interactions.js';
import { sseMessages } from './sse-messages.js';
import { toolInvocation } from './tool-invocation.js';
import { unknown } from './unknown.js';

/** The answer shapes both families share, told apart by their bodies. */
const BODY_SHAPES: readonly FormatAdapter[] = [
  ...ollamaAdapters,
  genai,
  openaiChatStream,
  openaiCompletion,
  openaiChatCompletion,
  openaiEmbeddings,
];

/**
 * Order matters: the first adapter whose `detect` accepts a recording owns it. Request
 * shapes and exceptions are certain and go first; body-shape guesses come after; `unknown`
 * takes the rest.
 */
const ADAPTERS: readonly FormatAdapter[] = [
  exception,
  toolInvocation,
  fileProcessing,
  sseMessages,
  sseInteractions,
  modelList,
  ...BODY_SHAPES,
  httpPayload,
  unknown,
];

/**
 * A cassette interaction is raw HTTP: the provider's own JSON and streams, no `__type__`s.
 * The shapes both families share come first; `http` (status, content type) takes the rest.
 */
const CASSETTE_ADAPTERS: readonly FormatAdapter[] = [
  sseMessages,
  ...BODY_SHAPES,
  openaiResponses,
  openaiResponsesStream,
  anthropicMessage,
  bedrockConverse,
  bedrockConverseStream,
  bedrockTitan,
  cohereChat,
  modelList,
  httpPayload,
];

/** The adapter of a recording: an ogx envelope's, or (`rawHttp`) a cassette interaction's, whichever container held it. */
export function findAdapter(recording: Envelope, rawHttp = false): FormatAdapter {
  return (rawHttp ? CASSETTE_ADAPTERS : ADAPTERS).find((adapter) => adapter.detect(recording)) ?? unknown;
}

/** `__data__` schemas by `__type__`, from the adapters that own them. A type missing here is reported by `unknown-type`. */
export const TYPE_SCHEMAS: ReadonlyMap<string, z.ZodMiniType> = new Map(ADAPTERS.flatMap((adapter) => Object.entries(adapter.types ?? {})));
