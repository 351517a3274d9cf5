import type { HttpExchange } from '../../formats/containers/view-interaction.js';
import { getArray, isObject } from '../json/json-value.js';
import { hit, type Hit } from './define-rule.js';

/** A cassette interaction's structure: what vcrpy needs to replay it, and bodies that do not decode. */
export function checkInteractionStructure(facts: HttpExchange): Hit[] {
  const hits = facts.problems.map((problem) => hit('schema/interaction', { problem }));
  if (facts.request.problem) hits.push(hit('schema/body', { side: 'request', problem: facts.request.problem }));
  if (facts.response.problem) hits.push(hit('schema/body', { side: 'response', problem: facts.response.problem }));
  return hits;
}

/**
 * A streamed response must parse and end: every SSE event's data is JSON (or `[DONE]`), and
 * the stream closes as its API does (`[DONE]`, `message_stop`, `response.completed`, a final
 * Gemini `finishReason`, Bedrock's `messageStop`); an AWS event stream ends on a frame.
 */
export function checkInteractionStream(facts: HttpExchange): Hit[] {
  const { response } = facts;
  const hits: Hit[] = [];
  if (response.sse) {
    const events = response.sse.map((event) => event.data);
    // Only the LLM streams cassette knows are held to JSON events and an end: Replicate streams
    // plain text, an MCP reply is one JSON-RPC message, and both are fine as they are.
    const expected = expectedEnd(events);
    if (expected !== null) {
      const bad = events.filter((data) => typeof data === 'string' && data !== '[DONE]' && data.trim() !== '');
      if (bad.length > 0) hits.push(hit('stream/bad-events', { count: bad.length, first: String(bad[0]).slice(0, 40) }));
      if (!sseEnds(events)) hits.push(hit('stream/no-end', { events: events.length, expected }));
    }
  }
  if (response.events) {
    if (response.truncated) hits.push(hit('stream/truncated-frames', {}));
    else if (response.events.length > 0 && !eventStreamEnds(response.events))
      hits.push(hit('stream/no-end', { events: response.events.length, expected: 'messageStop or message_stop' }));
  }
  return hits;
}

function sseEnds(events: readonly unknown[]): boolean {
  if (events.includes('[DONE]')) return true;
  const objects = events.filter(isObject);
  if (objects.some((event) => event.type === 'message_stop' || /^response\.(completed|incomplete|failed)$/.test(String(event.type))))
    return true;
  if (objects.some((event) => event.type === 'error' || isObject(event.error))) return true; // an error ends a stream too
  const last = objects.at(-1);
  // Gemini: the last chunk's candidates carry the finish reason. Chat chunks: a finish_reason, then usage.
  return (
    (getArray(last?.candidates) ?? []).some((candidate) => isObject(candidate) && typeof candidate.finishReason === 'string') ||
    objects.some((event) => (getArray(event.choices) ?? []).some((choice) => isObject(choice) && typeof choice.finish_reason === 'string'))
  );
}

/** What a stream of this shape ends with, or null for a stream that is no LLM answer cassette knows. */
function expectedEnd(events: readonly unknown[]): string | null {
  const first = events.find(isObject);
  if (!first) return null;
  if (typeof first.type === 'string' && first.type.startsWith('message_')) return 'message_stop';
  if (typeof first.type === 'string' && first.type.startsWith('response.')) return 'response.completed';
  if (Array.isArray(first.candidates)) return 'a finishReason on the last chunk';
  if (
    first.object === 'chat.completion.chunk' ||
    (getArray(first.choices)?.some((choice) => isObject(choice) && 'delta' in choice) ?? false)
  )
    return '[DONE] or a finish_reason';
  return null;
}

function eventStreamEnds(events: ReadonlyArray<{ type: string | null; payload: unknown }>): boolean {
  return events.some(
    (event) =>
      event.type === 'messageStop' ||
      event.type?.endsWith('Exception') === true ||
      // An invoke stream's chunk is the model's own: Anthropic's message_stop, or a stop reason.
      (event.type === 'chunk' &&
        isObject(event.payload) &&
        (event.payload.type === 'message_stop' ||
          hasStopReason(event.payload) ||
          // Nova's invoke stream ends with its own messageStop; every Bedrock invoke stream's last chunk carries the invocation metrics.
          isObject(event.payload.messageStop) ||
          isObject(event.payload['amazon-bedrock-invocationMetrics']))),
  );
}

function hasStopReason(chunk: Record<string, unknown>): boolean {
  return ['stop_reason', 'finish_reason', 'completionReason', 'stopReason'].some((key) => typeof chunk[key] === 'string');
}
