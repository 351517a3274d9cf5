import * as z from 'zod/mini';
import { getArray, getObject, getString, isObject, unwrapData } from '../../core/json/json-value.js';
import { ChoiceSet, answerFromChoices, type FormatAdapter } from './adapter.js';
import { readOpenAiUsage } from './openai-chat-stream.js';

/** A non-streamed `ChatCompletion`: `choices[].message`. */
export const openaiChatCompletion: FormatAdapter = {
  kind: 'chat-completion',
  types: {
    'openai.types.chat.chat_completion.ChatCompletion': z.object({
      id: z.string(),
      choices: z.array(z.object({ index: z.number(), message: z.object({ role: z.string() }) })),
      created: z.number(),
      model: z.string(),
    }),
  },
  detect(recording) {
    const body = recording.body;
    if (!isObject(body)) return false;
    if (typeof body.__type__ === 'string') return body.__type__.endsWith('chat_completion.ChatCompletion');
    const data = unwrapData(body);
    return (
      data?.object === 'chat.completion' || (getArray(data?.choices)?.some((choice) => isObject(choice) && 'message' in choice) ?? false)
    );
  },
  reconstruct(recording) {
    const data = unwrapData(recording.body);
    const choices = new ChoiceSet();
    for (const choice of getArray(data?.choices) ?? []) {
      if (!isObject(choice)) continue;
      const builder = choices.get(choice.index);
      const message = getObject(choice.message);
      if (message) {
        builder.addContent(message.content, message.refusal);
        builder.addReasoning(message.reasoning ?? message.reasoning_content);
        (getArray(message.tool_calls) ?? []).forEach((call, position) => {
          if (!isObject(call)) return;
          const draft = builder.toolCall(position);
          draft.id = getString(call.id);
          const fn = getObject(call.function);
          draft.name = getString(fn?.name);
          if (typeof fn?.arguments === 'string') draft.arguments = fn.arguments;
          else if (fn?.arguments !== undefined) draft.parsed = fn.arguments;
        });
      }
      builder.finishReason = getString(choice.finish_reason);
    }
    return answerFromChoices(choices.values(), { usage: readOpenAiUsage(data?.usage) });
  },
};
