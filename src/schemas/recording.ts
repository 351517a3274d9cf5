import * as z from 'zod/mini';

/** The envelope every recording shares (FORMAT.md section 1). Other keys are allowed. */
export const envelopeSchema = z.object({
  test_id: z.optional(z.nullable(z.string())),
  request: z.record(z.string(), z.unknown()),
  response: z.object({
    is_streaming: z.boolean(),
    is_exception: z.optional(z.boolean()),
  }),
});

const id = z.string();
const index = z.number();

const chatChunk = z.object({
  id,
  choices: z.array(z.object({ index, delta: z.record(z.string(), z.unknown()) })),
  created: z.number(),
  model: z.string(),
});
const chatCompletion = z.object({
  id,
  choices: z.array(z.object({ index, message: z.object({ role: z.string() }) })),
  created: z.number(),
  model: z.string(),
});
const completion = z.object({ id, choices: z.array(z.object({ index, text: z.string() })), created: z.number(), model: z.string() });
// Vectors are not checked number by number: it would cost more than the rest of the file.
const embeddings = z.object({
  data: z.array(z.object({ embedding: z.union([z.array(z.unknown()), z.string()]), index })),
  model: z.string(),
});
const model = z.object({ id: z.string() });
const ollamaModels = z.object({ models: z.array(z.object({ model: z.string() })) });
const toolResult = z.object({ content: z.optional(z.unknown()), error_message: z.optional(z.nullable(z.string())) });
const processFile = z.object({ chunks: z.array(z.object({ content: z.string() })) });

/**
 * `__data__` schemas by `__type__`: the fields that reconstruction and replay rely on.
 * A `__type__` missing here is reported by the `unknown-type` rule instead.
 */
export const TYPE_SCHEMAS: ReadonlyMap<string, z.ZodMiniType> = new Map<string, z.ZodMiniType>([
  ['openai.types.chat.chat_completion_chunk.ChatCompletionChunk', chatChunk],
  ['openai.types.chat.chat_completion.ChatCompletion', chatCompletion],
  ['openai.types.completion.Completion', completion],
  ['openai.types.create_embedding_response.CreateEmbeddingResponse', embeddings],
  ['openai.types.model.Model', model],
  ['ollama._types.GenerateResponse', z.object({ model: z.string(), response: z.optional(z.nullable(z.string())) })],
  ['ollama._types.ChatResponse', z.object({ model: z.string(), message: z.optional(z.nullable(z.object({ role: z.string() }))) })],
  ['ollama._types.EmbedResponse', z.object({ embeddings: z.array(z.unknown()) })],
  ['ollama._types.EmbeddingsResponse', z.object({ embedding: z.array(z.unknown()) })],
  ['ollama._types.ProcessResponse', ollamaModels],
  ['ollama._types.ListResponse', ollamaModels],
  ['ollama._types.ProgressResponse', z.object({ status: z.nullable(z.string()) })],
  ['ogx_api.tools.ToolInvocationResult', toolResult],
  ['llama_stack_api.tools.ToolInvocationResult', toolResult],
  ['llama_stack.apis.tools.ToolInvocationResult', toolResult],
  ['llama_stack_api.file_processors.models.ProcessFileResponse', processFile],
  ['ogx_api.file_processors.models.ProcessFileResponse', processFile],
]);
