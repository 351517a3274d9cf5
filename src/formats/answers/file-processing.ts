import * as z from 'zod/mini';
import { getArray, getString, isObject, unwrapData } from '../../core/json/json-value.js';
import { emptyAnswer, type FormatAdapter } from './adapter.js';

/** File processor calls `{provider, api, file_id}` answered by a `ProcessFileResponse` of text chunks. */
const processFile = z.object({ chunks: z.array(z.object({ content: z.string() })) });

export const fileProcessing: FormatAdapter = {
  kind: 'file-processing',
  types: {
    'llama_stack_api.file_processors.models.ProcessFileResponse': processFile,
    'ogx_api.file_processors.models.ProcessFileResponse': processFile,
  },
  detect: (recording) => recording.shape === 'file-processing',
  reconstruct(recording) {
    const answer = emptyAnswer();
    const chunks = getArray(unwrapData(recording.body)?.chunks) ?? [];
    const texts = chunks.map((chunk) => (isObject(chunk) ? getString(chunk.content) : null)).filter((text) => text !== null);
    if (texts.length > 0) answer.text = texts.join('\n\n');
    answer.facts.chunks = chunks.length;
    answer.facts.file = getString(recording.request.file_id) ?? '?';
    return answer;
  },
};
