import { isObject } from '../json/json-value.js';

/** What a request is, for pairing: its hashed parts as weighted leaves (path -> value). */
export interface RequestLeaves {
  leaves: Map<string, string>;
}

// Conversation content tells two calls apart best: two turns of one conversation share the
// model and the parameters, and differ in their messages.
const CONTENT = /^(?:body\.)?(?:messages|input|contents|prompt|system|instructions|kwargs|payload)\b/;
const CONTENT_WEIGHT = 5;

/** The hashed parts of a request (body, method, test id; not headers) flattened to leaves. */
export function requestLeaves(request: Record<string, unknown>, testId: string | null): RequestLeaves {
  const leaves = new Map<string, string>();
  const root: Record<string, unknown> = {
    test_id: testId,
    method: request.method,
    body: request.body ?? request.payload ?? request.kwargs,
  };
  const stack: Array<[string, unknown]> = [['', root]];
  while (stack.length > 0) {
    const [path, value] = stack.pop()!;
    if (Array.isArray(value)) value.forEach((item, i) => stack.push([`${path}[${i}]`, item]));
    else if (isObject(value)) for (const [key, child] of Object.entries(value)) stack.push([path ? `${path}.${key}` : key, child]);
    else leaves.set(path, JSON.stringify(value) ?? 'undefined');
  }
  return { leaves };
}

/** How alike two requests are, 0 to 1: the weighted share of their leaves that agree, message content weighing most. */
export function similarity(a: RequestLeaves, b: RequestLeaves): number {
  let same = 0;
  let total = 0;
  for (const [path, value] of a.leaves) {
    const weight = CONTENT.test(path) ? CONTENT_WEIGHT : 1;
    total += weight;
    if (b.leaves.get(path) === value) same += weight;
  }
  for (const path of b.leaves.keys()) if (!a.leaves.has(path)) total += CONTENT.test(path) ? CONTENT_WEIGHT : 1;
  return total === 0 ? 1 : same / total;
}
