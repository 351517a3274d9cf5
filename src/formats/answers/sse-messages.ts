import { getObject, getString, isObject, type JsonObject } from '../../core/json/json-value.js';
import { ChoiceBuilder, answerFromChoices, makeError, makeUsage, type FormatAdapter, type ToolCallDraft } from './adapter.js';
import { countSseEvents, isSseLines, parseSseLines } from '../decode/sse.js';
import type { Answer } from '../../core/types.js';

/**
 * Anthropic-style `/v1/messages` streams: raw SSE lines (ogx's http recordings), or the
 * events' data objects (a cassette's stream, Bedrock's invoke-with-response-stream).
 */
export const sseMessages: FormatAdapter = {
  kind: 'sse-messages',
  detect: (recording) =>
    (isSseLines(recording.body) &&
      (recording.endpoint?.endsWith('/messages') === true || recording.body.some((line) => line.startsWith('event: message_start')))) ||
    (Array.isArray(recording.body) && recording.body.slice(0, 3).some((event) => isObject(event) && event.type === 'message_start')),
  countChunks: (recording) =>
    isSseLines(recording.body) ? countSseEvents(recording.body) : Array.isArray(recording.body) ? recording.body.length : null,
  reconstruct(recording) {
    const builder = new ChoiceBuilder(0);
    const blocks = new Map<number, { type: string | null; call: ToolCallDraft | null }>();
    let prompt: unknown = null;
    let completion: unknown = null;
    let error = null;
    const events = isSseLines(recording.body) ? parseSseLines(recording.body).map((event) => event.data) : (recording.body as unknown[]);
    for (const data of events) {
      if (!isObject(data)) continue;
      const index = typeof data.index === 'number' ? data.index : 0;
      switch (data.type) {
        case 'message_start': {
          const usage = getObject(getObject(data.message)?.usage);
          prompt = usage?.input_tokens ?? prompt;
          break;
        }
        case 'content_block_start': {
          const block = getObject(data.content_block);
          const type = getString(block?.type);
          let call: ToolCallDraft | null = null;
          if (type === 'tool_use' || type === 'server_tool_use') {
            call = builder.toolCall(index);
            call.id = getString(block?.id);
            call.name = getString(block?.name);
          }
          blocks.set(index, { type, call });
          break;
        }
        case 'content_block_delta': {
          const delta = getObject(data.delta);
          if (delta?.type === 'text_delta') builder.addText(delta.text);
          else if (delta?.type === 'thinking_delta') builder.addReasoning(delta.thinking);
          else if (delta?.type === 'input_json_delta' && typeof delta.partial_json === 'string') {
            const block = blocks.get(index);
            const call = block?.call ?? builder.toolCall(index);
            call.arguments += delta.partial_json;
          }
          break;
        }
        case 'message_delta': {
          const reason = getString(getObject(data.delta)?.stop_reason);
          if (reason) builder.finishReason = reason;
          const usage = getObject(data.usage);
          completion = usage?.output_tokens ?? completion;
          prompt = usage?.input_tokens ?? prompt;
          break;
        }
        case 'error': {
          const detail = getObject(data.error);
          error = makeError(detail?.type, null, detail?.message);
          break;
        }
      }
    }
    return answerFromChoices([builder], { usage: makeUsage(prompt, completion, null), error });
  },
};

/** A non-streamed Anthropic message body: `content[]` blocks. */
export function reconstructMessageBody(body: JsonObject): Answer {
  const builder = new ChoiceBuilder(0);
  for (const block of Array.isArray(body.content) ? body.content : []) {
    if (!isObject(block)) continue;
    if (block.type === 'text') builder.addText(block.text);
    else if (block.type === 'thinking') builder.addReasoning(block.thinking);
    else if (block.type === 'tool_use' || block.type === 'server_tool_use') builder.addStructuredCall(block.id, block.name, block.input);
  }
  builder.finishReason = getString(body.stop_reason);
  const usage = getObject(body.usage);
  return answerFromChoices([builder], { usage: makeUsage(usage?.input_tokens, usage?.output_tokens, null) });
}
