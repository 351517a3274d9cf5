import { getObject, getString, isObject, unwrapData } from '../../core/json/json-value.js';
import { emptyAnswer, makeError, type FormatAdapter } from './adapter.js';
import { reconstructMessageBody } from './sse-messages.js';
import { reconstructInteractionBody } from './sse-interactions.js';

/** Raw http recordings (`{test_id, url, method, payload}`) that are not SSE streams. */
export const httpPayload: FormatAdapter = {
  kind: 'http',
  detect: (recording) => recording.shape === 'http',
  reconstruct(recording) {
    const body = unwrapData(recording.body);
    // A message or interaction body reads like its streamed form; anything else has no text.
    const answer =
      body && Array.isArray(body.content) && body.content.some(isObject)
        ? reconstructMessageBody(body)
        : body && Array.isArray(body.outputs)
          ? reconstructInteractionBody(body)
          : emptyAnswer();
    const status = typeof recording.response.status === 'number' ? recording.response.status : null;
    if (status !== null) answer.facts.status = status;
    const detail = getObject(body?.error);
    if (detail || (status !== null && status >= 400)) {
      answer.error = makeError(
        getString(detail?.type) ?? getString(detail?.code) ?? getString(body?.type),
        status,
        detail?.message ?? body?.message ?? null,
      );
    }
    return answer;
  },
};
