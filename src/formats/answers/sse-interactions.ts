import { getObject, getString, isObject, type JsonObject } from '../../core/json/json-value.js';
import { ChoiceBuilder, answerFromChoices, makeError, makeUsage, type FormatAdapter } from './adapter.js';
import { countSseEvents, isSseLines, parseSseLines } from '../decode/sse.js';
import type { Answer, Usage } from '../../core/types.js';

/** Gemini-style `/v1beta/interactions` streams recorded as raw SSE lines. */
export const sseInteractions: FormatAdapter = {
  kind: 'sse-interactions',
  detect: (recording) =>
    isSseLines(recording.body) &&
    (recording.endpoint?.includes('interactions') === true || recording.body.some((line) => line.startsWith('event: interaction.'))),
  countChunks: (recording) => countSseEvents(recording.body),
  reconstruct(recording) {
    const builder = new ChoiceBuilder(0);
    const contentTypes = new Map<number, string | null>();
    let usage: Usage | null = null;
    let error = null;
    for (const { data } of parseSseLines(recording.body as unknown[])) {
      if (!isObject(data)) continue;
      const index = typeof data.index === 'number' ? data.index : 0;
      switch (data.event_type) {
        case 'content.start': {
          const content = getObject(data.content);
          contentTypes.set(index, getString(content?.type));
          if (content?.type === 'function_call') readFunctionCall(builder, index, content);
          break;
        }
        case 'content.delta': {
          const delta = getObject(data.delta);
          if (!delta) break;
          if (delta.type === 'text') {
            if (contentTypes.get(index) === 'thought') builder.addReasoning(delta.text);
            else builder.addText(delta.text);
          } else if (delta.type === 'thought_summary' || delta.type === 'thought') {
            builder.addReasoning(getString(delta.text) ?? getString(getObject(delta.content)?.text));
          } else if (delta.type === 'function_call') readFunctionCall(builder, index, delta);
          break;
        }
        case 'interaction.complete': {
          const interaction = getObject(data.interaction);
          usage = readInteractionUsage(interaction?.usage) ?? usage;
          builder.finishReason = getString(interaction?.status) ?? builder.finishReason;
          break;
        }
        case 'error': {
          const detail = getObject(data.error);
          error = makeError(detail?.code, null, detail?.message);
          break;
        }
      }
    }
    return answerFromChoices([builder], { usage, error });
  },
};

function readFunctionCall(builder: ChoiceBuilder, index: number, content: JsonObject): void {
  const call = builder.toolCall(index);
  call.id ??= getString(content.id);
  call.name ??= getString(content.name);
  if (typeof content.arguments === 'string') call.arguments += content.arguments;
  else if (content.arguments !== undefined) call.parsed = content.arguments;
}

function readInteractionUsage(value: unknown): Usage | null {
  const usage = getObject(value);
  return usage ? makeUsage(usage.total_input_tokens, usage.total_output_tokens, usage.total_tokens) : null;
}

/** A non-streamed interaction body: `outputs[]`. */
export function reconstructInteractionBody(body: JsonObject): Answer {
  const builder = new ChoiceBuilder(0);
  for (const output of Array.isArray(body.outputs) ? body.outputs : []) {
    if (!isObject(output)) continue;
    if (output.type === 'text') builder.addText(output.text);
    else if (output.type === 'thought') builder.addReasoning(getString(output.summary) ?? getString(output.text));
    else if (output.type === 'function_call') {
      builder.addStructuredCall(output.id, output.name, output.arguments);
    }
  }
  builder.finishReason = getString(body.status);
  return answerFromChoices([builder], { usage: readInteractionUsage(body.usage) });
}
