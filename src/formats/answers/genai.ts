import { getArray, getObject, getString, isObject, type JsonObject } from '../../core/json/json-value.js';
import { ChoiceSet, answerFromChoices, makeUsage, type FormatAdapter } from './adapter.js';
import type { Usage } from '../../core/types.js';

/** google-genai `generate_content(_stream)`: plain dicts with `candidates[]`, one per chunk when streamed. */
export const genai: FormatAdapter = {
  kind: 'genai',
  detect(recording) {
    if (recording.endpoint?.startsWith('/generate_content')) return true;
    const first = Array.isArray(recording.body) ? recording.body[0] : recording.body;
    return isObject(first) && !('__type__' in first) && Array.isArray(first.candidates);
  },
  reconstruct(recording) {
    const chunks = Array.isArray(recording.body) ? recording.body : [recording.body];
    const choices = new ChoiceSet();
    let usage: Usage | null = null;
    for (const chunk of chunks) {
      if (!isObject(chunk)) continue;
      // The Python SDK's dicts are snake_case; the REST API (a cassette) is camelCase.
      usage = readGenaiUsage(chunk.usage_metadata ?? chunk.usageMetadata) ?? usage;
      (getArray(chunk.candidates) ?? []).forEach((candidate, position) => {
        if (!isObject(candidate)) return;
        const builder = choices.get(typeof candidate.index === 'number' ? candidate.index : position);
        for (const part of getArray(getObject(candidate.content)?.parts) ?? []) {
          if (!isObject(part)) continue;
          if (typeof part.text === 'string') {
            if (part.thought === true) builder.addReasoning(part.text);
            else builder.addText(part.text);
          }
          const call: JsonObject | null = getObject(part.function_call ?? part.functionCall);
          if (call) builder.addStructuredCall(call.id, call.name, call.args);
        }
        const finish = getString(candidate.finish_reason ?? candidate.finishReason);
        if (finish) builder.finishReason = finish;
      });
    }
    return answerFromChoices(choices.values(), { usage });
  },
};

function readGenaiUsage(value: unknown): Usage | null {
  const usage = getObject(value);
  return usage
    ? makeUsage(
        usage.prompt_token_count ?? usage.promptTokenCount,
        usage.candidates_token_count ?? usage.candidatesTokenCount,
        usage.total_token_count ?? usage.totalTokenCount,
      )
    : null;
}
