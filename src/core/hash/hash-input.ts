import { isObject, type JsonObject } from '../json/json-value.js';

export interface HashOverrides {
  testId?: string;
  method?: string;
  url?: string;
}

export type HashInput = { ok: true; recording: JsonObject; form: 'recording' | 'request' | 'body' } | { ok: false; reason: string };

/**
 * What `cassette hash` hashes, from whatever a user has at hand: a whole recording (its
 * own request and test id), a request object (`{method, url, body}`, a tool call, an http
 * call), or a bare body with --method and --url. The options override what the input says.
 * `value` must come from the lossless parser: `1.0` is not `1` to the recorder.
 */
export function readHashInput(value: unknown, overrides: HashOverrides): HashInput {
  if (!isObject(value)) return { ok: false, reason: 'the input is not a JSON object' };
  let recording: JsonObject;
  let form: 'recording' | 'request' | 'body';
  if (isObject(value.request)) {
    recording = { ...value, request: { ...value.request } };
    form = 'recording';
  } else if (['method', 'url', 'body', 'payload', 'tool_name', 'kwargs'].some((key) => key in value)) {
    const { test_id: testId, ...request } = value;
    recording = { request, ...(testId === undefined ? {} : { test_id: testId }) };
    form = 'request';
  } else {
    recording = { request: { body: value } };
    form = 'body';
  }
  const request = recording.request as JsonObject;
  if (overrides.method !== undefined) request.method = overrides.method;
  if (overrides.url !== undefined) request.url = overrides.url;
  if (overrides.testId !== undefined) recording.test_id = overrides.testId;
  if (form === 'body') request.method ??= 'POST';
  if (!('tool_name' in request) && !('file_id' in request) && typeof request.url !== 'string') {
    return { ok: false, reason: 'the request has no URL: give --url (the recorder hashes its path)' };
  }
  return { ok: true, recording, form };
}
