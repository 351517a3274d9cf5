import { isObject } from '../json/json-value.js';
import type { PathChange } from './types.js';

/** The JSON paths where two values differ, leaves first found first; at most `limit`. */
export function listJsonChanges(oldValue: unknown, newValue: unknown, prefix: string, limit = 50): PathChange[] {
  const changes: PathChange[] = [];
  const stack: Array<[string, unknown, unknown]> = [[prefix, oldValue, newValue]];
  while (stack.length > 0 && changes.length < limit) {
    const [path, a, b] = stack.pop()!;
    if (Array.isArray(a) && Array.isArray(b)) {
      const length = Math.max(a.length, b.length);
      for (let i = length - 1; i >= 0; i--) stack.push([`${path}[${i}]`, a[i], b[i]]);
    } else if (isObject(a) && isObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().reverse();
      for (const key of keys) stack.push([path ? `${path}.${key}` : key, a[key], b[key]]);
    } else if (!sameJson(a, b)) {
      changes.push({ path, old: a, new: b });
    }
  }
  return changes;
}

/** Deep equality of parsed JSON, key order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameJson(a[key], b[key]));
  }
  return false;
}
