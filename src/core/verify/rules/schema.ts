import { describeJsonType } from '../../load/envelope.js';
import { isObject } from '../../json/json-value.js';
import { TYPE_SCHEMAS, envelopeSchema } from '../../../schemas/recording.js';
import { messages } from '../messages.js';
import type { FileRule, RuleHit } from '../types.js';

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
}

/** The envelope, and every `__data__` of a `__type__` cassette knows, against their zod schemas. */
export const schemaRule: FileRule = {
  rule: 'schema',
  check(file) {
    if (!isObject(file.value)) return []; // the parse rule reports it
    const envelope = envelopeSchema.safeParse(file.value);
    if (!envelope.success) return [{ message: messages.envelope(describeIssue(file.value, [], envelope.error.issues[0] as Issue)) }];
    const body = (file.value.response as Record<string, unknown>).body;
    const hits: RuleHit[] = [];
    // One finding per type: the first object that fails, and how many more do.
    const failures = new Map<string, { first: string; count: number }>();
    forEachTyped(body, (type, data, path) => {
      const schema = TYPE_SCHEMAS.get(type);
      if (!schema) return;
      const result = schema.safeParse(data);
      if (result.success) return;
      const failure = failures.get(type);
      if (failure) failure.count++;
      else failures.set(type, { first: describeIssue(data, path, result.error.issues[0] as Issue), count: 1 });
    });
    for (const [type, { first, count }] of failures) {
      const more = count > 1 ? ` (and ${count - 1} more ${type.split('.').at(-1)} objects)` : '';
      hits.push({ message: `${first}${more}` });
    }
    return hits;
  },
};

/** Calls back with each `{__type__, __data__}` of a response body: the body itself or its items. */
export function forEachTyped(body: unknown, visit: (type: string, data: unknown, path: string[]) => void): void {
  const items = Array.isArray(body) ? body : [body];
  items.forEach((item, i) => {
    if (isObject(item) && typeof item.__type__ === 'string') {
      visit(item.__type__, item.__data__, ['response', Array.isArray(body) ? `body[${i}]` : 'body', '__data__']);
    }
  });
}

function describeIssue(root: unknown, prefix: string[], issue: Issue): string {
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
  return messages.schemaMismatch(path || 'file', problem);
}
