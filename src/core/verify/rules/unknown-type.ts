import { TYPE_SCHEMAS } from '../../../formats/answers/index.js';
import { defineRule, hit, type FileRule } from '../define-rule.js';
import { forEachTyped } from './schema.js';

/** A `__type__` with no schema: not wrong, but nothing about it is checked. */
export const unknownTypeRule = defineRule<'unknown-type', FileRule<'unknown-type'>>({
  name: 'unknown-type',
  scope: 'file',
  defaultSeverity: 'warning',
  formats: ['ogx'],
  description: 'a `__type__` no adapter owns, so its fields are not checked',
  check(recording) {
    if (!recording.envelope) return [];
    const counts = new Map<string, number>();
    forEachTyped(recording.envelope.body, (type) => {
      if (!TYPE_SCHEMAS.has(type)) counts.set(type, (counts.get(type) ?? 0) + 1);
    });
    return [...counts].map(([type, count]) => hit('unknown-type/no-schema', { type, count }));
  },
});
