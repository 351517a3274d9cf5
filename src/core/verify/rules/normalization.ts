import { isObject } from '../../json/json-value.js';
import { defineRule, hit, type FileRule } from '../define-rule.js';
import { forEachTyped } from './schema.js';

const EPOCH = '1970-01-01T00:00:00.000000Z';
const NORMALISED_ID = /^rec-[0-9a-f]{12}$/;
const OLLAMA_DURATIONS = ['total_duration', 'load_duration', 'prompt_eval_duration', 'eval_duration'];

/**
 * Since 2025-10-03 the recorder rewrites each `__data__`: `id` to `rec-<hash12>`, `created`
 * to 0 (not for models), `created_at` to the epoch, Ollama durations to 0. A file that still
 * carries the originals will show them as changes in the next re-record diff.
 */
export const normalizationRule = defineRule<'normalization', FileRule<'normalization'>>({
  name: 'normalization',
  scope: 'file',
  defaultSeverity: 'warning',
  formats: ['ogx'],
  description:
    'response `id`, `created`, `created_at` or Ollama durations the recorder would have normalised: noise in the next re-record diff',
  check(recording) {
    const { entry, envelope } = recording;
    // The 2025 layout predates normalisation; a name that is no hash gives no expected id.
    if (!envelope || entry.layout === 'legacy' || entry.nameHash === null || entry.nameHash.length !== 64) return [];
    const expectedId = `rec-${entry.nameHash.slice(0, 12)}`;
    const counts = new Map<string, { found: string; expected: string; count: number }>();
    let total = 0;
    const note = (field: string, found: unknown, expected: string): void => {
      const seen = counts.get(field);
      if (seen) seen.count++;
      else counts.set(field, { found: JSON.stringify(found), expected, count: 1 });
    };
    forEachTyped(envelope.body, (_type, data) => {
      if (!isObject(data)) return;
      total++;
      // An id of the rec-<hash12> form is normalised, only under another hash: the hash rule says why.
      if (typeof data.id === 'string' && data.id !== expectedId && !NORMALISED_ID.test(data.id) && data.object !== 'model')
        note('id', data.id, expectedId);
      if (typeof data.created === 'number' && data.created !== 0 && data.object !== 'model') note('created', data.created, '0');
      if (typeof data.created_at === 'string' && data.created_at !== EPOCH) note('created_at', data.created_at, EPOCH);
      for (const key of OLLAMA_DURATIONS) if (typeof data[key] === 'number' && data[key] !== 0) note(key, data[key], '0');
    });
    return [...counts].map(([field, { found, expected, count }]) =>
      hit('normalization/field', { field, found, expected: JSON.stringify(expected), count, total }),
    );
  },
});
