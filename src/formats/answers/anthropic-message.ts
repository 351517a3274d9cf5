import { isObject } from '../../core/json/json-value.js';
import type { FormatAdapter } from './adapter.js';
import { reconstructMessageBody } from './sse-messages.js';

/** A non-streamed Anthropic message (`type: message`, `content[]` blocks), as a cassette holds it. */
export const anthropicMessage: FormatAdapter = {
  kind: 'messages',
  detect: (recording) => isObject(recording.body) && recording.body.type === 'message' && Array.isArray(recording.body.content),
  reconstruct: (recording) => reconstructMessageBody(recording.body as Record<string, unknown> as never),
};
