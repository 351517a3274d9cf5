import * as z from 'zod/mini';
import { TYPE_SCHEMAS } from '../../../formats/answers/index.js';
import { isObject } from '../../json/json-value.js';
import { describeJsonType } from '../../load/problems.js';
import { defineRule, hit, type FileRule, type Hit } from '../define-rule.js';
import { checkInteractionStructure } from '../http-checks.js';

/** The envelope's own fields (FORMAT.md section 1); request and response are the loader's to check. */
const envelopeSchema = z.object({
  test_id: z.optional(z.nullable(z.string())),
  response: z.object({
    is_streaming: z.boolean(),
    is_exception: z.optional(z.boolean()),
  }),
});

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
}

/** The envelope, and every `__data__` of a `__type__` an adapter owns, against their zod schemas. */
export const schemaRule = defineRule<'schema', FileRule<'schema'>>({
  name: 'schema',
  scope: 'file',
  defaultSeverity: 'error',
  formats: ['ogx', 'vcr'],
  description:
    'missing `request`/`response`, `is_streaming` not a boolean, a known `__type__` whose `__data__` lacks required fields (the JSON path and the expected type are named); in a cassette, an interaction without request, response, method, URI or numeric status, and a body that does not decompress',
  check(recording) {
    if (recording.http) return checkInteractionStructure(recording.http);
    const { problem, value } = recording;
    if (problem?.code === 'schema/envelope') return [hit('schema/envelope', { ...problem.data, reason: problem.message })];
    if (!recording.envelope || !isObject(value)) return []; // the parse rule reports it
    const envelope = envelopeSchema.safeParse(value);
    if (!envelope.success)
      return [hit('schema/field', { ...describeIssue(value, [], envelope.error.issues[0] as Issue), more: 0, type: null })];
    const hits: Hit[] = [];
    // One finding per type: the first object that fails, and how many more do.
    const failures = new Map<string, { first: { path: string; problem: string }; count: number }>();
    forEachTyped(recording.envelope.body, (type, data, path) => {
      const schema = TYPE_SCHEMAS.get(type);
      if (!schema) return;
      const result = schema.safeParse(data);
      if (result.success) return;
      const failure = failures.get(type);
      if (failure) failure.count++;
      else failures.set(type, { first: describeIssue(data, path, result.error.issues[0] as Issue), count: 1 });
    });
    for (const [type, { first, count }] of failures) hits.push(hit('schema/field', { ...first, more: count - 1, type }));
    return hits;
  },
});

/** Calls back with each `{__type__, __data__}` of a response body: the body itself or its items. */
export function forEachTyped(body: unknown, visit: (type: string, data: unknown, path: string[]) => void): void {
  const items = Array.isArray(body) ? body : [body];
  items.forEach((item, i) => {
    if (isObject(item) && typeof item.__type__ === 'string') {
      visit(item.__type__, item.__data__, ['response', Array.isArray(body) ? `body[${i}]` : 'body', '__data__']);
    }
  });
}

function describeIssue(root: unknown, prefix: string[], issue: Issue): { path: string; problem: string } {
  const path = [...prefix, ...issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : String(key)))]
    .join('.')
    .replace(/\.\[/g, '[');
  let actual: unknown = root;
  for (const key of issue.path)
    actual = isObject(actual) || Array.isArray(actual) ? (actual as Record<PropertyKey, unknown>)[key] : undefined;
  const problem =
    issue.code === 'invalid_type'
      ? actual === undefined
        ? `missing (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${describeJsonType(actual)}`
      : issue.message;
  return { path: path || 'file', problem };
}
