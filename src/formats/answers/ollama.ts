import * as z from 'zod/mini';
import { getArray, getObject, getString, isObject, unwrapData, type JsonObject } from '../../core/json/json-value.js';
import { ChoiceBuilder, answerFromChoices, emptyAnswer, makeUsage, type FormatAdapter } from './adapter.js';
import type { Envelope } from '../../core/load/envelope.js';
import type { Answer, RecordingKind } from '../../core/types.js';

/**
 * Ollama's native API (`ollama._types.*`). The endpoint decides the kind; the `__type__`
 * decides it when the endpoint is missing.
 */
const ENDPOINT_KINDS: Record<string, RecordingKind> = {
  '/api/generate': 'ollama-generate',
  '/api/chat': 'ollama-chat',
  '/api/ps': 'ollama-ps',
  '/api/tags': 'ollama-tags',
  '/api/pull': 'ollama-pull',
  '/api/embeddings': 'ollama-embeddings',
  '/api/embed': 'ollama-embeddings',
};

function detectOllamaKind(recording: Envelope): RecordingKind | null {
  const byEndpoint = recording.endpoint ? ENDPOINT_KINDS[recording.endpoint] : undefined;
  if (byEndpoint) return byEndpoint;
  const first = Array.isArray(recording.body) ? recording.body[0] : recording.body;
  const type = isObject(first) ? getString(first.__type__) : null;
  if (type === null) return null;
  return ollamaAdapters.find((adapter) => adapter.types && type in adapter.types)?.kind ?? null;
}

function pieces(recording: Envelope): JsonObject[] {
  const items = Array.isArray(recording.body) ? recording.body : [recording.body];
  return items.map(unwrapData).filter((data): data is JsonObject => data !== null);
}

/** Text pieces, then the `done: true` piece with the reason and the token counts. */
function reconstructGeneration(recording: Envelope, read: (piece: JsonObject, builder: ChoiceBuilder) => void): Answer {
  const builder = new ChoiceBuilder(0);
  let usage = null;
  for (const piece of pieces(recording)) {
    read(piece, builder);
    const reason = getString(piece.done_reason);
    if (reason) builder.finishReason = reason;
    usage = makeUsage(piece.prompt_eval_count, piece.eval_count, null) ?? usage;
  }
  return answerFromChoices([builder], { usage });
}

function adapter(kind: RecordingKind, types: Record<string, z.ZodMiniType>, reconstruct: (recording: Envelope) => Answer): FormatAdapter {
  return { kind, types, detect: (recording) => detectOllamaKind(recording) === kind, reconstruct };
}

const modelsSchema = z.object({ models: z.array(z.object({ model: z.string() })) });

const ollamaGenerate = adapter(
  'ollama-generate',
  { 'ollama._types.GenerateResponse': z.object({ model: z.string(), response: z.optional(z.nullable(z.string())) }) },
  (recording) =>
    reconstructGeneration(recording, (piece, builder) => {
      builder.addText(piece.response);
      builder.addReasoning(piece.thinking);
    }),
);

const ollamaChat = adapter(
  'ollama-chat',
  { 'ollama._types.ChatResponse': z.object({ model: z.string(), message: z.optional(z.nullable(z.object({ role: z.string() }))) }) },
  (recording) =>
    reconstructGeneration(recording, (piece, builder) => {
      const message = getObject(piece.message);
      if (!message) return;
      builder.addText(message.content);
      builder.addReasoning(message.thinking);
      for (const call of getArray(message.tool_calls) ?? []) {
        const fn = getObject(isObject(call) ? call.function : null);
        if (!fn) continue;
        const draft = builder.addToolCall();
        draft.name = getString(fn.name);
        draft.parsed = fn.arguments ?? null;
      }
    }),
);

function modelNames(recording: Envelope): string[] {
  const data = pieces(recording)[0];
  return (getArray(data?.models) ?? [])
    .map((model) => (isObject(model) ? (getString(model.model) ?? getString(model.name)) : null))
    .filter((name): name is string => name !== null);
}

const ollamaPs = adapter('ollama-ps', { 'ollama._types.ProcessResponse': modelsSchema }, (recording) => {
  const answer = emptyAnswer();
  answer.facts.loaded = modelNames(recording);
  return answer;
});

const ollamaTags = adapter('ollama-tags', { 'ollama._types.ListResponse': modelsSchema }, (recording) => {
  const answer = emptyAnswer();
  answer.facts.models = modelNames(recording);
  return answer;
});

const ollamaPull = adapter(
  'ollama-pull',
  { 'ollama._types.ProgressResponse': z.object({ status: z.nullable(z.string()) }) },
  (recording) => {
    const answer = emptyAnswer();
    const all = pieces(recording);
    const status = getString(all[all.length - 1]?.status);
    if (status) answer.facts.status = status;
    return answer;
  },
);

const ollamaEmbeddings = adapter(
  'ollama-embeddings',
  {
    'ollama._types.EmbedResponse': z.object({ embeddings: z.array(z.unknown()) }),
    'ollama._types.EmbeddingsResponse': z.object({ embedding: z.array(z.unknown()) }),
  },
  (recording) => {
    const answer = emptyAnswer();
    const data = pieces(recording)[0];
    const vectors = getArray(data?.embeddings) ?? (Array.isArray(data?.embedding) ? [data.embedding] : []);
    answer.facts.vectors = vectors.length;
    if (Array.isArray(vectors[0])) answer.facts.dimensions = vectors[0].length;
    answer.usage = makeUsage(data?.prompt_eval_count, null, null);
    return answer;
  },
);

export const ollamaAdapters = [ollamaGenerate, ollamaChat, ollamaPs, ollamaTags, ollamaPull, ollamaEmbeddings];
