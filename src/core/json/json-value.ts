/** Helpers for walking parsed JSON of unknown shape without casts everywhere. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function getObject(value: unknown): JsonObject | null {
  return isObject(value) ? value : null;
}

export function getArray(value: unknown): unknown[] | null {
  return Array.isArray(value) ? value : null;
}

/** `__data__` of a `{__type__, __data__}` wrapper, or the value itself when it is a plain object. */
export function unwrapData(value: unknown): JsonObject | null {
  if (!isObject(value)) return null;
  if (typeof value.__type__ === 'string' && isObject(value.__data__)) return value.__data__;
  return value;
}
