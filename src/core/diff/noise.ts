import { isObject } from '../json/json-value.js';

/**
 * Fields a re-record changes without anything real having changed (FORMAT.md section 4):
 * ids, timestamps, durations, fingerprints, obfuscation tokens, genai response ids and
 * HTTP headers. Matched by key, anywhere in a response payload. The config's
 * `noiseFields` replaces this list.
 */
export const DEFAULT_NOISE_FIELDS = [
  'id',
  'created',
  'created_at',
  'updated',
  'total_duration',
  'load_duration',
  'prompt_eval_duration',
  'eval_duration',
  'system_fingerprint',
  'obfuscation',
  'response_id',
  'create_time',
  'request_id',
  'sdk_http_response',
] as const;

/**
 * A response as text with every noise field gone and keys sorted, so that two responses
 * that differ only in noise compare equal. JSON held in strings is parsed, so ids inside
 * SSE `data:` payloads are dropped too.
 */
export function canonicalResponse(response: unknown, noise: ReadonlySet<string>): string {
  return JSON.stringify(strip(response, noise));
}

function strip(value: unknown, noise: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, noise));
  if (typeof value === 'string') {
    // JSON inside strings (SSE data lines, tool-call arguments) compares as the value it
    // holds: ids inside are noise, and spacing or key order is no change.
    const json = value.startsWith('data: {') ? value.slice(6) : /^\s*[[{]/.test(value) ? value : null;
    if (json === null) return value;
    try {
      return { json: strip(JSON.parse(json), noise) };
    } catch {
      return value;
    }
  }
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) if (!noise.has(key)) out[key] = strip(value[key], noise);
  return out;
}
