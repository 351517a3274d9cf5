import { createHash } from 'node:crypto';
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
 * Response headers an HTTP re-record changes by itself: dates, request, trace and correlation ids (`mistral-correlation-id`),
 * rate-limit counters, processing times, lengths, cookies, CDN and cache details.
 */
const HEADER_NOISE = new RegExp(
  `^(${[
    'date|age|expires|etag|last-modified|retry-after|via|server|vary|connection|keep-alive|transfer-encoding|content-length',
    'set-cookie|alt-svc|nel|report-to|server-timing|strict-transport-security',
    'cf-ray|cf-cache-status|x-cache|x-amz-cf-id|x-amz-cf-pop|x-amzn-requestid|request-id|x-envoy-upstream-service-time',
    'openai-organization|openai-project|x-process-time',
    '(x-|anthropic-)?ratelimit-.*|x-goog-.*|x-ms-.*|x-kong-.*|.*-request-id|.*-trace-id|.*-correlation-id|.*-processing-ms',
  ].join('|')})$`,
  'i',
);

/** A cassette's response with its noisy headers gone and the rest lower-cased: what a re-record must keep. */
export function withoutHeaderNoise(response: Record<string, unknown>): Record<string, unknown> {
  const headers = response.headers;
  if (!isObject(headers)) return response;
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) if (!HEADER_NOISE.test(name)) kept[name.toLowerCase()] = value;
  return { ...response, headers: kept };
}

/**
 * A response as text with every noise field gone and keys sorted, so that two responses
 * that differ only in noise compare equal. JSON held in strings is parsed, so ids inside
 * SSE `data:` payloads are dropped too.
 */
export function canonicalResponse(response: unknown, noise: ReadonlySet<string>): string {
  return JSON.stringify(strip(response, noise));
}

/**
 * JSON inside a string (an SSE data line, tool-call arguments) compares as the value it
 * holds: ids inside are noise, and spacing or key order is no change. Undefined when the
 * string holds no JSON.
 */
function jsonInside(value: string): unknown {
  const json = value.startsWith('data: {') ? value.slice(6) : /^\s*[[{]/.test(value) ? value : null;
  if (json === null) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A digest of canonicalResponse(response) computed by walking the response, with no copy of
 * it: two responses that differ only in noise have the same digest. Iterative, so depth
 * costs no stack.
 */
export function digestResponse(response: unknown, noise: ReadonlySet<string>): string {
  const hash = createHash('sha256');
  const stack: unknown[] = [response];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof TokenBox) {
      hash.update(item.token);
      continue;
    }
    if (Array.isArray(item)) {
      hash.update('[');
      stack.push(new TokenBox(']'));
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push(item[i]);
        if (i > 0) stack.push(new TokenBox(','));
      }
    } else if (typeof item === 'string') {
      const json = jsonInside(item);
      if (json === undefined) hash.update(JSON.stringify(item));
      else {
        hash.update('{"json":');
        stack.push(new TokenBox('}'), json);
      }
    } else if (isObject(item)) {
      hash.update('{');
      stack.push(new TokenBox('}'));
      const keys = Object.keys(item)
        .sort()
        .filter((key) => !noise.has(key));
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push(item[keys[i]!], new TokenBox(`${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:`));
      }
    } else hash.update(JSON.stringify(item) ?? 'null');
  }
  return hash.digest('hex');
}

/** A piece of canonical text waiting on the walk's stack. */
class TokenBox {
  constructor(readonly token: string) {}
}

function strip(value: unknown, noise: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, noise));
  if (typeof value === 'string') {
    const json = jsonInside(value);
    return json === undefined ? value : { json: strip(json, noise) };
  }
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) if (!noise.has(key)) out[key] = strip(value[key], noise);
  return out;
}
