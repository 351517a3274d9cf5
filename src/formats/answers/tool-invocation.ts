import * as z from 'zod/mini';
import { getArray, getString, isObject, unwrapData } from '../../core/json/json-value.js';
import { emptyAnswer, makeError, type FormatAdapter } from './adapter.js';

/** Tool runtime calls `{provider, tool_name, kwargs}` answered by a `ToolInvocationResult`. */
const toolResult = z.object({ content: z.optional(z.unknown()), error_message: z.optional(z.nullable(z.string())) });

export const toolInvocation: FormatAdapter = {
  kind: 'tool-invocation',
  // The same result under the package's three names: llama_stack, llama_stack_api, ogx_api.
  types: {
    'ogx_api.tools.ToolInvocationResult': toolResult,
    'llama_stack_api.tools.ToolInvocationResult': toolResult,
    'llama_stack.apis.tools.ToolInvocationResult': toolResult,
  },
  detect: (recording) => recording.shape === 'tool',
  reconstruct(recording) {
    const answer = emptyAnswer();
    const data = unwrapData(recording.body);
    const content = data?.content;
    if (typeof content === 'string') answer.text = content;
    else {
      // content may be a list of items such as {"type": "text", "text": "..."}
      const texts = (getArray(content) ?? [])
        .map((item) => (isObject(item) ? getString(item.text) : getString(item)))
        .filter((text) => text !== null);
      if (texts.length > 0) answer.text = texts.join('\n');
    }
    if (data?.error_message || data?.error_code) answer.error = makeError('ToolError', data.error_code, data.error_message);
    answer.facts.tool = getString(recording.request.tool_name) ?? '?';
    return answer;
  },
};
