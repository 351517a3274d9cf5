import { getArray, getObject, getString, isObject, type JsonObject } from '../../core/json/json-value.js';
import { ChoiceBuilder, answerFromChoices, makeUsage, type FormatAdapter } from './adapter.js';

/** Bedrock's Converse API: `output.message.content[]` (text, toolUse, reasoningContent), camelCase usage. */
export const bedrockConverse: FormatAdapter = {
  kind: 'converse',
  detect: (recording) => isObject(recording.body) && isObject(getObject(recording.body.output)?.message),
  reconstruct(recording) {
    const body = recording.body as JsonObject;
    const builder = new ChoiceBuilder(0);
    for (const block of getArray(getObject(getObject(body.output)?.message)?.content) ?? []) {
      if (!isObject(block)) continue;
      builder.addText(block.text);
      const reasoning = getObject(getObject(block.reasoningContent)?.reasoningText);
      builder.addReasoning(reasoning?.text);
      const use = getObject(block.toolUse);
      if (use) builder.addStructuredCall(use.toolUseId, use.name, use.input);
    }
    builder.finishReason = getString(body.stopReason);
    const usage = getObject(body.usage);
    return answerFromChoices([builder], { usage: makeUsage(usage?.inputTokens, usage?.outputTokens, usage?.totalTokens) });
  },
};

/** converse-stream: `{messageStart}`, `{contentBlockDelta}`, `{messageStop}`, `{metadata}` events. */
export const bedrockConverseStream: FormatAdapter = {
  kind: 'converse-stream',
  detect: (recording) =>
    Array.isArray(recording.body) &&
    recording.body.slice(0, 3).some((event) => isObject(event) && ('messageStart' in event || 'contentBlockDelta' in event)),
  reconstruct(recording) {
    const builder = new ChoiceBuilder(0);
    let usage = null;
    for (const event of (recording.body as unknown[]).filter(isObject)) {
      const start = getObject(getObject(event.contentBlockStart)?.start);
      const startIndex = getObject(event.contentBlockStart)?.contentBlockIndex;
      const use = getObject(start?.toolUse);
      if (use) {
        const call = builder.toolCall(Number(startIndex ?? 0));
        call.id = getString(use.toolUseId);
        call.name = getString(use.name);
      }
      const blockDelta = getObject(event.contentBlockDelta);
      const delta = getObject(blockDelta?.delta);
      if (delta) {
        builder.addText(delta.text);
        builder.addReasoning(getObject(delta.reasoningContent)?.text);
        const input = getObject(delta.toolUse)?.input;
        if (typeof input === 'string') builder.toolCall(Number(blockDelta?.contentBlockIndex ?? 0)).arguments += input;
      }
      const stop = getString(getObject(event.messageStop)?.stopReason);
      if (stop) builder.finishReason = stop;
      const counts = getObject(getObject(event.metadata)?.usage);
      if (counts) usage = makeUsage(counts.inputTokens, counts.outputTokens, counts.totalTokens);
    }
    return answerFromChoices([builder], { usage });
  },
};
