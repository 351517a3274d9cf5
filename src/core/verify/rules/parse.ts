import { isObject } from '../../json/json-value.js';
import { messages } from '../messages.js';
import type { FileRule } from '../types.js';

/** Unreadable, not JSON (Python's NaN/Infinity are JSON here), or not an object. */
export const parseRule: FileRule = {
  rule: 'parse',
  check(file) {
    const { entry } = file;
    if (file.text === null) return [{ message: messages.parse(entry.error ?? 'cannot read') }];
    if (!isObject(file.value)) return [{ message: messages.parse(entry.error ?? 'not an object') }];
    // Read, but with a warning that makes Python refuse it (a byte-order mark).
    if (file.envelope && entry.error) return [{ message: messages.parse(entry.error) }];
    return [];
  },
};
