import { isObject, type JsonObject } from '../../core/json/json-value.js';
import { ChoiceBuilder, answerFromChoices, makeUsage, type FormatAdapter } from './adapter.js';

/**
 * Cohere's v2 chat (`/v2/chat`): a message of `content` parts, a `tool_plan` (its reasoning
 * before tool calls) and `tool_calls`, `finish_reason` in capitals, `usage.tokens`; streamed
 * as `message-start`, `content-delta`, `tool-plan-delta`, `tool-call-start`/`-delta` and
 * `message-end` events.
 */
export const cohereChat: FormatAdapter = {
  kind: 'cohere-chat',
  detect: (recording) => {
    const body = recording.body;
    if (Array.isArray(body)) return isObject(body[0]) && body[0].type === 'message-start' && isObject(body[0].delta);
    return isObject(body) && isObject(body.message) && typeof body.finish_reason === 'string' && 'usage' in body && !('choices' in body);
  },
  countChunks: (recording) => (Array.isArray(recording.body) ? recording.body.length : null),
  reconstruct(recording) {
    const builder = new ChoiceBuilder(0);
    let usage: unknown = null;
    if (!Array.isArray(recording.body)) {
      const body = recording.body as JsonObject;
      const message = body.message as JsonObject;
      builder.addContent(message.content);
      builder.addReasoning(message.tool_plan);
      for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) addCall(builder, call);
      builder.finishReason = typeof body.finish_reason === 'string' ? body.finish_reason : null;
      usage = body.usage;
    } else
      for (const event of recording.body) {
        if (!isObject(event)) continue;
        const delta = isObject(event.delta) ? event.delta : {};
        const message = isObject(delta.message) ? delta.message : {};
        if (event.type === 'content-delta' && isObject(message.content)) builder.addText(message.content.text);
        else if (event.type === 'tool-plan-delta') builder.addReasoning(message.tool_plan);
        else if (event.type === 'tool-call-start') addCall(builder, message.tool_calls, event.index);
        else if (event.type === 'tool-call-delta' && isObject(message.tool_calls) && isObject(message.tool_calls.function)) {
          const args = message.tool_calls.function.arguments;
          if (typeof args === 'string') builder.toolCall(Number(event.index ?? 0)).arguments += args;
        } else if (event.type === 'message-end') {
          builder.finishReason = typeof delta.finish_reason === 'string' ? delta.finish_reason : builder.finishReason;
          usage = delta.usage;
        }
      }
    const tokens = isObject(usage) && isObject(usage.tokens) ? usage.tokens : null;
    return answerFromChoices([builder], { usage: tokens && makeUsage(tokens.input_tokens, tokens.output_tokens, null) });
  },
};

function addCall(builder: ChoiceBuilder, call: unknown, index?: unknown): void {
  if (!isObject(call)) return;
  const draft = index === undefined ? builder.addToolCall() : builder.toolCall(Number(index));
  const fn = isObject(call.function) ? call.function : {};
  draft.id = typeof call.id === 'string' ? call.id : null;
  draft.name = typeof fn.name === 'string' ? fn.name : null;
  draft.arguments += typeof fn.arguments === 'string' ? fn.arguments : '';
}
