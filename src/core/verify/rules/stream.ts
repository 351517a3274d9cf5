import { getArray, isObject, unwrapData } from '../../json/json-value.js';
import { messages } from '../messages.js';
import type { RecordingKind } from '../../types.js';
import type { FileRule, RuleHit } from '../types.js';

// Kinds whose body is a list even when nothing was streamed.
const LIST_BODIES = new Set<RecordingKind>(['model-list', 'unknown']);

/** `is_streaming` must agree with the body and the request; a stream must have chunks and an end. */
export const streamRule: FileRule = {
  rule: 'stream',
  check(file) {
    const { envelope, entry } = file;
    if (!envelope || envelope.isStreaming === null || entry.kind === 'exception') return [];
    const hits: RuleHit[] = [];
    const body = envelope.body;
    const streaming = envelope.isStreaming;
    if (streaming && !Array.isArray(body)) hits.push({ message: messages.streamFlagBody(true) });
    if (!streaming && Array.isArray(body) && !LIST_BODIES.has(entry.kind)) hits.push({ message: messages.streamFlagBody(false) });
    const requested = envelope.requestBody?.stream;
    if (typeof requested === 'boolean' && requested !== streaming) hits.push({ message: messages.streamFlagRequest(requested, streaming) });
    if (streaming && Array.isArray(body) && body.length === 0) hits.push({ message: messages.emptyStream() });
    if (entry.kind === 'chat-stream' && Array.isArray(body) && body.length > 0 && !hasFinishReason(body)) {
      hits.push({ message: messages.unfinishedStream(body.length) });
    }
    return hits;
  },
};

function hasFinishReason(chunks: unknown[]): boolean {
  // The finish reason is near the end: look from there.
  for (let i = chunks.length - 1; i >= 0; i--) {
    for (const choice of getArray(unwrapData(chunks[i])?.choices) ?? []) {
      if (isObject(choice) && typeof choice.finish_reason === 'string' && choice.finish_reason !== '') return true;
    }
  }
  return false;
}
