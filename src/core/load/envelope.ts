import { getObject, getString, isObject, type JsonObject } from '../json/json-value.js';
import { describeJsonType, makeProblem, type Problem } from './problems.js';

/** The request shapes FORMAT.md section 1 names. */
type RequestShape = 'inference' | 'tool' | 'http' | 'file-processing' | 'unknown';

/** A parsed recording with the fields every command needs read out once, whatever the era. */
export interface Envelope {
  fileName: string;
  testId: string | null;
  /** Files from before 2025-10 carry no `test_id` at all; newer ones say null for shared calls. */
  hasTestIdField: boolean;
  request: JsonObject;
  response: JsonObject;
  shape: RequestShape;
  method: string | null;
  url: string | null;
  /** `request.endpoint`, else the path of the URL; `tool:<name>` and the `api` for the other shapes. */
  endpoint: string | null;
  model: string | null;
  /** What the client sent: `request.body`, an http `payload`, or a tool's `kwargs`. */
  requestBody: JsonObject | null;
  /** `response.body`, which may be anything. */
  body: unknown;
  isStreaming: boolean | null;
}

export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; problem: Problem };

export function readEnvelope(value: unknown, fileName: string): EnvelopeResult {
  if (!isObject(value)) return { ok: false, problem: makeProblem('parse/not-an-object', { type: describeJsonType(value) }) };
  const request = getObject(value.request);
  if (!request) return { ok: false, problem: envelopeProblem('request', value.request) };
  const response = getObject(value.response);
  if (!response) return { ok: false, problem: envelopeProblem('response', value.response) };

  const shape = detectShape(request);
  const url = getString(request.url);
  const requestBody = getObject(request.body) ?? getObject(request.payload) ?? getObject(request.kwargs);
  const testId = getString(value.test_id) ?? getString(request.test_id);
  let endpoint = getString(request.endpoint);
  if (shape === 'tool') endpoint = `tool:${getString(request.tool_name) ?? '?'}`;
  else if (shape === 'file-processing') endpoint = getString(request.api) ?? 'file_processors';
  else if (endpoint === null && url !== null) endpoint = urlPath(url);
  const model =
    nonEmpty(getString(request.model)) ??
    nonEmpty(getString(requestBody?.model)) ??
    (shape === 'tool' || shape === 'file-processing' ? getString(request.provider) : null);
  const streaming = response.is_streaming;

  return {
    ok: true,
    envelope: {
      fileName,
      testId,
      hasTestIdField: 'test_id' in value || 'test_id' in request,
      request,
      response,
      shape,
      method: getString(request.method),
      url,
      endpoint,
      model,
      requestBody,
      body: response.body,
      isStreaming: typeof streaming === 'boolean' ? streaming : null,
    },
  };
}

function detectShape(request: JsonObject): RequestShape {
  if ('tool_name' in request) return 'tool';
  if ('file_id' in request) return 'file-processing';
  if ('payload' in request) return 'http';
  if ('body' in request || 'url' in request) return 'inference';
  return 'unknown';
}

/** The path of a URL, e.g. `/v1/v1/chat/completions`; the recorder hashes this, not `endpoint`. */
export function urlPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/[^?#]*)?/i.exec(url);
    return match?.[1] ?? url;
  }
}

function nonEmpty(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}

function envelopeProblem(field: string, value: unknown): Problem {
  return makeProblem('schema/envelope', { field, type: value === undefined ? null : describeJsonType(value) });
}
