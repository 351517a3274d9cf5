import { getObject } from '../../core/json/json-value.js';
import { emptyAnswer, makeError, type FormatAdapter } from './adapter.js';

/** A recorded provider error: `response.is_exception` with `exception_data`. */
export const exception: FormatAdapter = {
  kind: 'exception',
  detect: (recording) => recording.response.is_exception === true,
  countChunks: () => null,
  reconstruct(recording) {
    const answer = emptyAnswer();
    const data = getObject(recording.response.exception_data);
    answer.error = makeError(data?.type, data?.status_code, data?.message ?? recording.response.exception_message);
    return answer;
  },
};
