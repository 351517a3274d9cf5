import { createHash } from 'node:crypto';
import type { HashScheme } from './schemes.js';
import { urlPath } from '../load/envelope.js';
import { isObject, type JsonObject } from '../json/json-value.js';
import { RawNumber } from '../json/parse-json.js';
import { pythonFormatFixed5, pythonRound5, writePythonJson, type JsonSink, type ScalarMapper } from '../json/pyjson.js';

/**
 * The recorder's request-hash schemes, newest first (FORMAT.md section 3). Each later
 * scheme adds one normalisation step to the one before it.
 */

interface SchemeRules {
  testId: boolean;
  floats: boolean; // round(x, 5) and the long-decimal string rule
  fileSearch: boolean; // string steps 1-4
  projectId: boolean;
  bedrock: boolean;
}

const RULES: Record<HashScheme, SchemeRules> = {
  E7: { testId: true, floats: true, fileSearch: true, projectId: true, bedrock: true },
  E6: { testId: true, floats: true, fileSearch: false, projectId: true, bedrock: true },
  E5: { testId: true, floats: true, fileSearch: false, projectId: false, bedrock: true },
  E4: { testId: true, floats: true, fileSearch: false, projectId: false, bedrock: false },
  E3: { testId: true, floats: false, fileSearch: false, projectId: false, bedrock: false },
  E2: { testId: false, floats: false, fileSearch: false, projectId: false, bedrock: false },
};

// Paths whose model lists are shared by every test, so the hash leaves test_id out.
const TEST_AGNOSTIC_PATHS = new Set(['/api/tags', '/v1/models', '/v1/openai/v1/models']);

/**
 * The object the recorder hashes for a recording, under one scheme, or null when the
 * request lacks what the scheme needs. `recording` must come from the lossless parser.
 */
function buildHashInput(recording: JsonObject, scheme: HashScheme): JsonObject | null {
  const request = recording.request;
  if (!isObject(request)) return null;
  const rules = RULES[scheme];
  const testId = 'test_id' in recording ? recording.test_id : (request.test_id ?? null);

  if ('tool_name' in request) {
    return { provider: request.provider ?? null, tool_name: request.tool_name, kwargs: request.kwargs ?? null };
  }
  // File-processing recordings are named from more than the file shows: no scheme can be checked.
  if ('file_id' in request) return null;
  if ('payload' in request) {
    // The mapper only ever sees the payload's scalars: url, method and test_id are not normalised.
    const payload = normalise(request.payload, rules);
    const out: JsonObject = {
      url: request.url ?? null,
      method: request.method ?? null,
      payload: new Normalised(payload.value, payload.mapScalar),
    };
    if (rules.testId) out.test_id = testId ?? null;
    return out;
  }
  if (typeof request.url !== 'string' || typeof request.method !== 'string') return null;
  const endpoint = urlPath(request.url);
  let body = request.body ?? null;
  if (rules.bedrock && isObject(body) && hostOf(request.url).includes('bedrock') && 'stream_options' in body) {
    const { stream_options: _dropped, ...rest } = body;
    body = rest;
  }
  const normalised = normalise(body, rules);
  const out: JsonObject = { method: request.method.toUpperCase(), endpoint, body: new Normalised(normalised.value, normalised.mapScalar) };
  if (rules.testId && !TEST_AGNOSTIC_PATHS.has(endpoint)) out.test_id = testId ?? null;
  return out;
}

export function computeRequestHash(recording: JsonObject, scheme: HashScheme): string | null {
  const input = buildHashInput(recording, scheme);
  if (input === null) return null;
  const hash = createHash('sha256');
  // Small pieces are gathered before they reach the hash; big ones (base64 images) go straight in.
  let pending = '';
  writeHashInput(input, (text) => {
    if (text.length > 8192) {
      if (pending !== '') hash.update(pending, 'utf8');
      pending = '';
      hash.update(text, 'utf8');
    } else if ((pending += text).length > 8192) {
      hash.update(pending, 'utf8');
      pending = '';
    }
  });
  if (pending !== '') hash.update(pending, 'utf8');
  return hash.digest('hex');
}

/** A value whose scalars the recorder rewrites when it serialises them. */
class Normalised {
  constructor(
    readonly value: unknown,
    readonly mapScalar: ScalarMapper | undefined,
  ) {}
}

/**
 * json.dumps of the hash input: its own keys are plain, and the one Normalised member (body
 * or payload) is serialised with its mapper in its sorted place.
 */
function writeHashInput(input: JsonObject, sink: JsonSink): void {
  sink('{');
  Object.keys(input)
    .sort()
    .forEach((key, i) => {
      sink(`${i === 0 ? '' : ', '}${JSON.stringify(key)}: `);
      const member = input[key];
      if (member instanceof Normalised) writePythonJson(member.value, sink, member.mapScalar);
      else writePythonJson(member, sink);
    });
  sink('}');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/**
 * The recorder's `normalise`, as far as the scheme's rules reach: the top-level edits here,
 * the per-scalar ones (floats, strings) as a mapper that the serialiser applies on the way
 * out, so no copy of the body is made.
 */
function normalise(value: unknown, rules: SchemeRules): { value: unknown; mapScalar?: ScalarMapper } {
  let top = value;
  if (rules.projectId && isObject(value)) {
    for (const key of ['extra_body', 'extra_query']) {
      const inner = value[key];
      if (isObject(inner) && 'project_id' in inner) {
        const { project_id: _dropped, ...rest } = inner;
        top = { ...(top as JsonObject), [key]: rest };
      }
    }
  }
  if (!rules.floats) return { value: top };
  return { value: top, mapScalar: (scalar) => normaliseScalar(scalar, rules.fileSearch) };
}

function normaliseScalar(scalar: unknown, fileSearch: boolean): unknown {
  if (scalar instanceof RawNumber) return scalar.isFloat ? pythonRound5(scalar.valueOf()) : scalar;
  if (typeof scalar === 'string') return normaliseString(scalar, fileSearch);
  return scalar;
}

// Python's `\d` and `\s` on str patterns are Unicode-aware; JS's are ASCII. Spell them out.
const D = '\\p{Nd}';
const S = '[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const UUID = '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}';
const SCORE = new RegExp(`score:${S}*[-+]?${D}*\\.?${D}+(?:[eE][-+]?${D}+)?`, 'gu');
const ATTRIBUTES = new RegExp(`,?${S}*attributes:${S}*\\{[^}]*\\}`, 'gu');
const DOCUMENT_ID = new RegExp(`document_id:${S}*${UUID}`, 'gu');
const UUID_TOKEN = new RegExp(`<\\|${UUID}\\|>`, 'gu');
const LONG_DECIMAL = new RegExp(`-?${D}+\\.${D}{4,}`, 'gu');
const MAYBE_DIGIT = /\d|\p{Nd}/u;

function normaliseString(text: string, fileSearch: boolean): string {
  // Every rule needs a digit or a uuid (which has digits or hex letters): most strings skip all five.
  let out = text;
  if (fileSearch) {
    if (out.includes('score:')) out = out.replace(SCORE, 'score: __NORMALIZED__');
    if (out.includes('attributes:')) out = out.replace(ATTRIBUTES, '');
    if (out.includes('document_id:')) out = out.replace(DOCUMENT_ID, 'document_id: __NORMALIZED__');
    if (out.includes('<|')) out = out.replace(UUID_TOKEN, '<|__NORMALIZED__|>');
  }
  if (out.includes('.') && MAYBE_DIGIT.test(out))
    out = out.replace(LONG_DECIMAL, (match) => pythonFormatFixed5(Number(toAsciiDigits(match))));
  return out;
}

/** Python's float() accepts any Unicode decimal digit; map them to ASCII for Number(). */
function toAsciiDigits(text: string): string {
  if (/^[-0-9.]*$/.test(text)) return text;
  let out = '';
  for (const char of text) {
    if (/[-.0-9]/.test(char)) out += char;
    else out += String(digitValue(char.codePointAt(0)!));
  }
  return out;
}

/** Unicode decimal digits come in runs of ten; a character's value is its place in its run. */
function digitValue(codePoint: number): number {
  let start = codePoint;
  while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
  return (codePoint - start) % 10;
}
