import { getArray, getString, isObject } from '../../core/json/json-value.js';
import { ChoiceSet, answerFromChoices, type FormatAdapter } from './adapter.js';

/**
 * Amazon Titan text through Bedrock's invoke API: `results[].outputText` whole, or an invoke
 * stream's chunks of `outputText` ending with a `completionReason`. A text completion.
 */
export const bedrockTitan: FormatAdapter = {
  kind: 'completion',
  detect(recording) {
    const first = Array.isArray(recording.body) ? recording.body.find(isObject) : recording.body;
    if (!isObject(first)) return false;
    return (
      typeof first.outputText === 'string' ||
      (getArray(first.results)?.some((result) => isObject(result) && 'outputText' in result) ?? false)
    );
  },
  reconstruct(recording) {
    const items = Array.isArray(recording.body) ? recording.body : [recording.body];
    const choices = new ChoiceSet();
    const builder = choices.get(0);
    let prompt: number | null = null;
    let completion: number | null = null;
    for (const item of items) {
      if (!isObject(item)) continue;
      for (const part of getArray(item.results) ?? [item]) {
        if (!isObject(part)) continue;
        builder.addText(part.outputText);
        const reason = getString(part.completionReason);
        if (reason) builder.finishReason = reason;
        // A stream's chunks carry the running total; the last one is the answer's.
        completion = getNumber(part.tokenCount) ?? getNumber(part.totalOutputTextTokenCount) ?? completion;
      }
      prompt = getNumber(item.inputTextTokenCount) ?? prompt;
    }
    const usage =
      prompt === null && completion === null
        ? null
        : { prompt, completion, total: prompt !== null && completion !== null ? prompt + completion : null };
    return answerFromChoices(choices.values(), { usage });
  },
};

function getNumber(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}
