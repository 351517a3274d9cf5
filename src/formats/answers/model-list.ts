import * as z from 'zod/mini';
import { getArray, getString, isObject, unwrapData } from '../../core/json/json-value.js';
import { emptyAnswer, type FormatAdapter } from './adapter.js';

export const MODEL_LIST_NAME = /^models-([0-9a-f]{12}|[0-9a-f]{64})-([0-9a-f]{8})\.json$/;

/** `models-<hash>-<digest>.json`: a list of `openai.types.model.Model`. */
export const modelList: FormatAdapter = {
  kind: 'model-list',
  types: { 'openai.types.model.Model': z.object({ id: z.string() }) },
  detect(recording) {
    if (MODEL_LIST_NAME.test(recording.fileName)) return true;
    const first = getArray(recording.body)?.[0];
    return isObject(first) && typeof first.__type__ === 'string' && first.__type__.endsWith('model.Model');
  },
  reconstruct(recording) {
    const answer = emptyAnswer();
    const ids = (getArray(recording.body) ?? []).map((item) => getString(unwrapData(item)?.id)).filter((id): id is string => id !== null);
    answer.facts.models = ids;
    return answer;
  },
};
