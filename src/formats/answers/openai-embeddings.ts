import * as z from 'zod/mini';
import { getArray, getObject, isObject, unwrapData } from '../../core/json/json-value.js';
import { emptyAnswer, makeUsage, type FormatAdapter } from './adapter.js';

/** `CreateEmbeddingResponse`: no text, so the answer is the vector count and size. */
export const openaiEmbeddings: FormatAdapter = {
  kind: 'embeddings',
  types: {
    // Vectors are not checked number by number: it would cost more than the rest of the file.
    'openai.types.create_embedding_response.CreateEmbeddingResponse': z.object({
      data: z.array(z.object({ embedding: z.union([z.array(z.unknown()), z.string()]), index: z.number() })),
      model: z.string(),
    }),
  },
  detect(recording) {
    const body = recording.body;
    if (!isObject(body)) return false;
    if (typeof body.__type__ === 'string') return body.__type__.endsWith('CreateEmbeddingResponse');
    const first = getArray(unwrapData(body)?.data)?.[0];
    return isObject(first) && 'embedding' in first;
  },
  reconstruct(recording) {
    const data = unwrapData(recording.body);
    const vectors = getArray(data?.data) ?? [];
    const first = getObject(vectors[0]);
    const embedding = first?.embedding;
    const answer = emptyAnswer();
    answer.facts.vectors = vectors.length;
    // base64-encoded embeddings are strings; their length says little, so only count floats
    if (Array.isArray(embedding)) answer.facts.dimensions = embedding.length;
    const usage = getObject(data?.usage);
    answer.usage = makeUsage(usage?.prompt_tokens, null, usage?.total_tokens);
    return answer;
  },
};
