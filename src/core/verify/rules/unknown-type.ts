import { isObject } from '../../json/json-value.js';
import { TYPE_SCHEMAS } from '../../../schemas/recording.js';
import { messages } from '../messages.js';
import type { FileRule } from '../types.js';
import { forEachTyped } from './schema.js';

/** A `__type__` with no schema: not wrong, but nothing about it is checked. */
export const unknownTypeRule: FileRule = {
  rule: 'unknown-type',
  check(file) {
    if (!isObject(file.value) || !isObject(file.value.response)) return [];
    const counts = new Map<string, number>();
    forEachTyped(file.value.response.body, (type) => {
      if (!TYPE_SCHEMAS.has(type)) counts.set(type, (counts.get(type) ?? 0) + 1);
    });
    return [...counts].map(([type, count]) => ({ message: messages.unknownType(type, count) }));
  },
};
