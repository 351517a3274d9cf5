import { RECORDING_KINDS, type Entry } from '../types.js';

/**
 * What each cache keeps, checked on the way in: a cache file is a file like any other, which a
 * pull request or a crash can leave with fields of the wrong type. An entry that fails is a
 * miss. Written out by hand: a schema library's check of every entry cost a warm list of
 * 3,000 recordings ~10 ms, more than the rest of reading the cache.
 */
const KINDS = new Set<string>(RECORDING_KINDS);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNullableString = (value: unknown): boolean => value === null || typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An index entry without its paths (the run's, given again on lookup). */
function isStoredEntry(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const e = value;
  return (
    isString(e.id) &&
    isNumber(e.interaction) &&
    isNullableString(e.nameHash) &&
    (e.layout === 'legacy' || e.layout === 'per-area' || e.layout === 'other') &&
    isNumber(e.bytes) &&
    isNullableString(e.testId) &&
    isNullableString(e.endpoint) &&
    isNullableString(e.model) &&
    isString(e.kind) &&
    KINDS.has(e.kind) &&
    (e.streaming === null || typeof e.streaming === 'boolean') &&
    (e.chunks === null || isNumber(e.chunks)) &&
    isNullableString(e.responseId) &&
    isNullableString(e.error) &&
    (e.format === 'ogx' || e.format === 'vcr') &&
    isString(e.container) &&
    isNullableString(e.note)
  );
}

/** The index cache's entry: its fields in index-cache.ts's order (id, interaction, container, nameHash, layout, bytes, testId, endpoint, model, kind, streaming, chunks, responseId, error, format, note). */
export type StoredTuple = [
  Entry['id'],
  Entry['interaction'],
  Entry['container'],
  Entry['nameHash'],
  Entry['layout'],
  Entry['bytes'],
  Entry['testId'],
  Entry['endpoint'],
  Entry['model'],
  Entry['kind'],
  Entry['streaming'],
  Entry['chunks'],
  Entry['responseId'],
  Entry['error'],
  Entry['format'],
  Entry['note'],
];

export function isStoredTuple(value: unknown): boolean {
  if (!Array.isArray(value) || value.length !== 16) return false;
  const t = value as unknown[];
  return (
    isString(t[0]) &&
    isNumber(t[1]) &&
    isString(t[2]) &&
    isNullableString(t[3]) &&
    (t[4] === 'legacy' || t[4] === 'per-area' || t[4] === 'other') &&
    isNumber(t[5]) &&
    isNullableString(t[6]) &&
    isNullableString(t[7]) &&
    isNullableString(t[8]) &&
    isString(t[9]) &&
    KINDS.has(t[9]) &&
    (t[10] === null || typeof t[10] === 'boolean') &&
    (t[11] === null || isNumber(t[11])) &&
    isNullableString(t[12]) &&
    isNullableString(t[13]) &&
    (t[14] === 'ogx' || t[14] === 'vcr') &&
    isNullableString(t[15])
  );
}

function isFinding(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return (
    isString(value.code) &&
    /^[a-z-]+\/[a-z0-9-]+$/.test(value.code) &&
    isString(value.rule) &&
    (value.severity === 'error' || value.severity === 'warning') &&
    isString(value.path) &&
    (value.interaction === undefined || isNumber(value.interaction)) &&
    (value.line === undefined || isNumber(value.line)) &&
    isString(value.message) &&
    isRecord(value.data)
  );
}

/** What verify --cache keeps of a file: its findings, and the facts the tree rules need. */
export function isVerifiedFile(value: unknown): boolean {
  if (!isRecord(value) || !Array.isArray(value.findings) || !Array.isArray(value.facts)) return false;
  return (
    value.findings.every(isFinding) &&
    value.facts.every(
      (fact) =>
        isRecord(fact) &&
        isRecord(fact.kept) &&
        Object.values(fact.kept).every(isNullableString) &&
        isStoredEntry(fact.entry) &&
        isString((fact.entry as Record<string, unknown>).path) &&
        isString((fact.entry as Record<string, unknown>).absPath),
    )
  );
}

/** What why keeps of a file: each recording's computed hash and what identifies it. */
export function isKnown(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return (
    isString(value.absPath) &&
    isString(value.path) &&
    ['testId', 'endpoint', 'model', 'hash', 'scheme', 'firstMessage', 'tool'].every((key) => isNullableString(value[key]))
  );
}

/** A check for a cache of a list of values. */
export const listOf =
  (check: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    Array.isArray(value) && value.every(check);
