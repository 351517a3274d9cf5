import * as z from 'zod/mini';
import { getArray, getString, isObject, unwrapData } from '../../core/json/json-value.js';
import { ChoiceSet, answerFromChoices, type FormatAdapter } from './adapter.js';
import { readOpenAiUsage } from './openai-chat-stream.js';
import type { Usage } from '../../core/types.js';

/** Legacy text completions (`openai.types.completion.Completion`), streamed or not: `choices[].text`. */
export const openaiCompletion: FormatAdapter = {
  kind: 'completion',
  types: {
    'openai.types.completion.Completion': z.object({
      id: z.string(),
      choices: z.array(z.object({ index: z.number(), text: z.string() })),
      created: z.number(),
      model: z.string(),
    }),
  },
  detect(recording) {
    const first = Array.isArray(recording.body) ? recording.body[0] : recording.body;
    if (!isObject(first)) return false;
    if (typeof first.__type__ === 'string') return first.__type__.endsWith('completion.Completion') && !first.__type__.includes('chat');
    const data = unwrapData(first);
    if (data?.object === 'text_completion' || data?.object === 'text.completion') return true; // OpenAI's, Together's
    // Writer and other servers leave `object` out: choices of text alone, no chat message or delta.
    const choices = getArray(data?.choices);
    return (
      data?.object === undefined &&
      choices !== null &&
      choices.length > 0 &&
      choices.every((choice) => isObject(choice) && typeof choice.text === 'string' && !('message' in choice) && !('delta' in choice))
    );
  },
  reconstruct(recording) {
    const items = Array.isArray(recording.body) ? recording.body : [recording.body];
    const choices = new ChoiceSet();
    let usage: Usage | null = null;
    for (const item of items) {
      const data = unwrapData(item);
      if (!data) continue;
      usage = readOpenAiUsage(data.usage) ?? usage;
      for (const choice of getArray(data.choices) ?? []) {
        if (!isObject(choice)) continue;
        const builder = choices.get(choice.index);
        builder.addText(choice.text);
        const finish = getString(choice.finish_reason);
        if (finish) builder.finishReason = finish;
      }
    }
    return answerFromChoices(choices.values(), { usage });
  },
};
