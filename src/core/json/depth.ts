/**
 * Python's json reads and writes at most about 1,000 levels (its recursion limit): nothing
 * deeper can have come from, or go back to, the recorder. cassette reads deeper files
 * without failing, and shows their deep parts as a note instead of failing to print them.
 */
const MAX_DEPTH = 1000;

const TOO_DEEP = '(too deeply nested to show)';

/** Is a parsed value nested more than `max` levels deep? Iterative: any depth is fine to ask about. */
export function isDeeperThan(value: unknown, max = MAX_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** A copy with every container below `max` levels replaced by TOO_DEEP. Iterative. */
function capDepth(value: unknown, max = MAX_DEPTH): unknown {
  const root: { value: unknown } = { value: undefined };
  const stack: Array<{ source: unknown; target: Record<string, unknown>; key: string; depth: number }> = [
    { source: value, target: root as Record<string, unknown>, key: 'value', depth: 0 },
  ];
  while (stack.length > 0) {
    const { source, target, key, depth } = stack.pop()!;
    if (source === null || typeof source !== 'object') {
      target[key] = source;
      continue;
    }
    if (depth >= max) {
      target[key] = TOO_DEEP;
      continue;
    }
    const copy: Record<string, unknown> = Array.isArray(source) ? (new Array(source.length) as unknown as Record<string, unknown>) : {};
    target[key] = copy;
    for (const [childKey, child] of Object.entries(source)) stack.push({ source: child, target: copy, key: childKey, depth: depth + 1 });
  }
  return root.value;
}

/** JSON text of any value: a value too deep for JSON.stringify has its deep parts replaced by TOO_DEEP. */
export function stringifyJson(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent) ?? String(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return JSON.stringify(capDepth(value), null, indent) ?? String(value);
  }
}
