import { getArray, isObject, unwrapData } from '../../json/json-value.js';
import type { RecordingKind } from '../../types.js';
import { defineRule, hit, type FileRule, type Hit } from '../define-rule.js';
import { checkInteractionStream } from '../http-checks.js';

// Kinds whose body is a list even when nothing was streamed.
const LIST_BODIES = new Set<RecordingKind>(['model-list', 'unknown']);

/** `is_streaming` must agree with the body and the request; a stream must have chunks and an end. */
export const streamRule = defineRule<'stream', FileRule<'stream'>>({
  name: 'stream',
  scope: 'file',
  defaultSeverity: 'error',
  formats: ['ogx', 'vcr'],
  description:
    "`is_streaming` disagrees with the body or with the request's `stream`; an empty stream; a chat stream that never sets `finish_reason`; in a cassette, SSE events of a known LLM stream that are not JSON, a stream with no end event (`[DONE]`, `message_stop`, `response.completed`, a final Gemini `finishReason`, Bedrock's `messageStop`) and an AWS event stream cut inside a frame",
  check(recording) {
    if (recording.http) return checkInteractionStream(recording.http);
    const { envelope, entry } = recording;
    if (!envelope || envelope.isStreaming === null || entry.kind === 'exception') return [];
    const hits: Hit[] = [];
    const body = envelope.body;
    const streaming = envelope.isStreaming;
    if (streaming && !Array.isArray(body)) hits.push(hit('stream/flag-without-chunks', {}));
    if (!streaming && Array.isArray(body) && !LIST_BODIES.has(entry.kind)) hits.push(hit('stream/chunks-without-flag', {}));
    const requested = envelope.requestBody?.stream;
    if (typeof requested === 'boolean' && requested !== streaming) {
      hits.push(hit('stream/request-mismatch', { requested, recorded: streaming }));
    }
    if (streaming && Array.isArray(body) && body.length === 0) hits.push(hit('stream/empty', {}));
    if (entry.kind === 'chat-stream' && Array.isArray(body) && body.length > 0 && !hasFinishReason(body)) {
      hits.push(hit('stream/unfinished', { chunks: body.length }));
    }
    return hits;
  },
});

function hasFinishReason(chunks: unknown[]): boolean {
  // The finish reason is near the end: look from there.
  for (let i = chunks.length - 1; i >= 0; i--) {
    for (const choice of getArray(unwrapData(chunks[i])?.choices) ?? []) {
      if (isObject(choice) && typeof choice.finish_reason === 'string' && choice.finish_reason !== '') return true;
    }
  }
  return false;
}
