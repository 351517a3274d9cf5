import { getArray, getObject, getString, isObject, unwrapData, type JsonObject } from '../../core/json/json-value.js';
import * as z from 'zod/mini';
import { ChoiceSet, answerFromChoices, makeUsage, type FormatAdapter } from './adapter.js';
import type { Usage } from '../../core/types.js';

/** `openai.types.chat.chat_completion_chunk.ChatCompletionChunk` lists: the common streamed chat. */
export const openaiChatStream: FormatAdapter = {
  kind: 'chat-stream',
  types: {
    'openai.types.chat.chat_completion_chunk.ChatCompletionChunk': z.object({
      id: z.string(),
      choices: z.array(z.object({ index: z.number(), delta: z.record(z.string(), z.unknown()) })),
      created: z.number(),
      model: z.string(),
    }),
  },
  detect: (recording) => Array.isArray(recording.body) && recording.body.slice(0, 3).some(isChatChunk),
  reconstruct(recording) {
    const choices = new ChoiceSet();
    let usage: Usage | null = null;
    for (const item of getArray(recording.body) ?? []) {
      const chunk = unwrapData(item);
      if (!chunk) continue;
      // Usage comes on a final chunk whose `choices` is empty (or on every chunk, last one wins).
      usage = readOpenAiUsage(chunk.usage) ?? usage;
      for (const choice of getArray(chunk.choices) ?? []) {
        if (!isObject(choice)) continue;
        const builder = choices.get(choice.index);
        const delta = getObject(choice.delta);
        if (delta) {
          builder.addContent(delta.content, delta.refusal);
          builder.addReasoning(delta.reasoning ?? delta.reasoning_content);
          for (const call of getArray(delta.tool_calls) ?? []) {
            if (!isObject(call)) continue;
            const draft = builder.toolCall(typeof call.index === 'number' ? call.index : 0);
            draft.id ??= getString(call.id);
            const fn = getObject(call.function);
            if (fn) {
              draft.name ??= getString(fn.name);
              if (typeof fn.arguments === 'string') draft.arguments += fn.arguments;
            }
          }
        }
        const finish = getString(choice.finish_reason);
        if (finish) builder.finishReason = finish;
      }
    }
    return answerFromChoices(choices.values(), { usage });
  },
};

function isChatChunk(item: unknown): boolean {
  if (!isObject(item)) return false;
  if (typeof item.__type__ === 'string') return item.__type__.endsWith('ChatCompletionChunk');
  const data = unwrapData(item);
  return (
    data?.object === 'chat.completion.chunk' || (getArray(data?.choices)?.some((choice) => isObject(choice) && 'delta' in choice) ?? false)
  );
}

export function readOpenAiUsage(value: unknown): Usage | null {
  const usage: JsonObject | null = getObject(value);
  if (!usage) return null;
  return makeUsage(usage.prompt_tokens, usage.completion_tokens, usage.total_tokens);
}
