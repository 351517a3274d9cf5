import { isObject, type JsonObject } from '../../core/json/json-value.js';

/** A body as a container holds it: text, bytes (`!!binary`, Ruby's `!binary`, HAR base64), a parsed tree, or nothing. */
export type RawBody =
  { form: 'none' } | { form: 'text'; text: string } | { form: 'bytes'; bytes: Buffer } | { form: 'parsed'; value: unknown };

/** One recorded HTTP call, whatever container and dialect wrote it. Every container reads into this. */
export interface Interaction {
  request: { method: string | null; uri: string | null; headers: Record<string, string[]>; body: RawBody };
  response: { status: number | null; message: string | null; headers: Record<string, string[]>; body: RawBody };
  /** Where the interaction's structure departs from its recorder's (a missing `response`, a status that is no number). */
  problems: string[];
}

/** What a container makes of a parsed file: its interactions, or why it has none. */
export type ContainerRead =
  | { ok: true; dialect: string; interactions: Interaction[] }
  | { ok: false; unsupported: true; reason: string }
  | { ok: false; unsupported: false; reason: string; line: number | null };

/** An interaction's request and response as mappings (null when absent or not one), with what is missing said. */
export function splitExchange(
  request: unknown,
  response: unknown,
): { request: JsonObject | null; response: JsonObject | null; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(request)) problems.push('no request');
  if (!isObject(response)) problems.push('no response');
  return { request: isObject(request) ? request : null, response: isObject(response) ? response : null, problems };
}

export function readBody(value: unknown): RawBody {
  if (value === null || value === undefined) return { form: 'none' };
  if (typeof value === 'string') return value === '' ? { form: 'none' } : { form: 'text', text: value };
  if (value instanceof Uint8Array) return { form: 'bytes', bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength) };
  return { form: 'parsed', value };
}

/** `{name: [values]}` with names as written; a single value (some writers) becomes a list. */
export function readHeaderMap(value: unknown): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  if (!isObject(value)) return headers;
  for (const [name, raw] of Object.entries(value)) {
    const values = Array.isArray(raw) ? raw : [raw];
    headers[name] = values.map((item) => (typeof item === 'string' ? item : String(item)));
  }
  return headers;
}
