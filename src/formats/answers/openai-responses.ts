import { getArray, getObject, getString, isObject, type JsonObject } from '../../core/json/json-value.js';
import { ChoiceBuilder, answerFromChoices, makeError, makeUsage, type FormatAdapter } from './adapter.js';
import type { Answer } from '../../core/types.js';

/** OpenAI's Responses API: a `response` object, or its stream of `response.*` events. */
export const openaiResponses: FormatAdapter = {
  kind: 'responses',
  detect: (recording) => isResponse(recording.body),
  reconstruct: (recording) => readResponse(recording.body as JsonObject),
};

export const openaiResponsesStream: FormatAdapter = {
  kind: 'responses-stream',
  detect: (recording) =>
    Array.isArray(recording.body) &&
    recording.body.slice(0, 3).some((event) => isObject(event) && typeof event.type === 'string' && event.type.startsWith('response.')),
  reconstruct(recording) {
    const events = (recording.body as unknown[]).filter(isObject);
    // The final event carries the whole response; a stream cut short is rebuilt from its deltas.
    const last = [...events].reverse().find((event) => /^response\.(completed|incomplete|failed)$/.test(String(event.type)));
    const final = getObject(last?.response);
    if (final && Array.isArray(final.output) && final.output.length > 0) return readResponse(final);
    const builder = new ChoiceBuilder(0);
    for (const event of events) {
      if (event.type === 'response.output_text.delta') builder.addText(event.delta);
      else if (event.type === 'response.reasoning_summary_text.delta' || event.type === 'response.reasoning_text.delta')
        builder.addReasoning(event.delta);
      else if (event.type === 'response.output_item.added') {
        const item = getObject(event.item);
        if (item?.type === 'function_call') {
          const call = builder.toolCall(String(event.output_index ?? item.id));
          call.id = getString(item.call_id) ?? getString(item.id);
          call.name = getString(item.name);
        }
      } else if (event.type === 'response.function_call_arguments.delta' && typeof event.delta === 'string')
        builder.toolCall(String(event.output_index ?? event.item_id)).arguments += event.delta;
    }
    const answer = answerFromChoices([builder], final ? { usage: readUsage(final.usage) } : {});
    if (final) answer.finishReason = getString(final.status);
    return answer;
  },
};

function isResponse(body: unknown): body is JsonObject {
  return isObject(body) && body.object === 'response' && Array.isArray(body.output);
}

/** A whole response: message text, reasoning summaries, function calls, usage, status. */
function readResponse(response: JsonObject): Answer {
  const builder = new ChoiceBuilder(0);
  for (const item of getArray(response.output) ?? []) {
    if (!isObject(item)) continue;
    if (item.type === 'message') {
      for (const part of getArray(item.content) ?? []) {
        if (isObject(part) && (part.type === 'output_text' || part.type === 'text')) builder.addText(part.text);
        if (isObject(part) && part.type === 'refusal') builder.addText(part.refusal);
      }
    } else if (item.type === 'reasoning') {
      for (const part of getArray(item.summary) ?? []) if (isObject(part)) builder.addReasoning(part.text);
    } else if (item.type === 'function_call') {
      const call = builder.addToolCall();
      call.id = getString(item.call_id) ?? getString(item.id);
      call.name = getString(item.name);
      if (typeof item.arguments === 'string') call.arguments = item.arguments;
    } else if (typeof item.type === 'string' && item.type.endsWith('_call')) {
      // Built-in tools (web_search_call, file_search_call...): named by their type.
      builder.addStructuredCall(item.id, item.type, getObject(item.action));
    }
  }
  builder.finishReason = getString(response.status);
  const detail = getObject(response.error);
  return answerFromChoices([builder], {
    usage: readUsage(response.usage),
    error: detail ? makeError(detail.code ?? detail.type, null, detail.message) : null,
  });
}

function readUsage(value: unknown) {
  const usage = getObject(value);
  return usage ? makeUsage(usage.input_tokens, usage.output_tokens, usage.total_tokens) : null;
}
