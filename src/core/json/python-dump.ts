import { RawNumber } from './parse-json.js';
import { dumpScalar } from './pyjson.js';

/** A piece of text waiting on the writer's stack. */
class Text {
  constructor(readonly text: string) {}
}

/**
 * Python's `json.dump(value, f, indent=2)` followed by a newline, as the recorder writes a
 * file, byte for byte: two spaces per level, `", "` becomes `","` and a newline, `": "`
 * between key and value, `[]`/`{}` for empty containers, `ensure_ascii` escaping, keys in
 * their order, numbers as written (values come from the lossless parser: a `RawNumber` is
 * what Python wrote). A file the recorder wrote comes back unchanged. Iterative: depth
 * costs no stack.
 */
export function dumpIndented(value: unknown): string {
  const out: string[] = [];
  const stack: Array<{ value: unknown; depth: number } | Text> = [{ value, depth: 0 }];
  const pad = (depth: number) => `\n${'  '.repeat(depth)}`;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item instanceof Text) {
      out.push(item.text);
      continue;
    }
    const { value: current, depth } = item;
    if (Array.isArray(current)) {
      if (current.length === 0) {
        out.push('[]');
        continue;
      }
      out.push(`[${pad(depth + 1)}`);
      stack.push(new Text(`${pad(depth)}]`));
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push({ value: current[i], depth: depth + 1 });
        if (i > 0) stack.push(new Text(`,${pad(depth + 1)}`));
      }
    } else if (typeof current === 'object' && current !== null && !(current instanceof RawNumber)) {
      const keys = Object.keys(current);
      if (keys.length === 0) {
        out.push('{}');
        continue;
      }
      out.push(`{${pad(depth + 1)}`);
      stack.push(new Text(`${pad(depth)}}`));
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: (current as Record<string, unknown>)[keys[i]!], depth: depth + 1 });
        stack.push(new Text(`${dumpScalar(keys[i])}: `));
        if (i > 0) stack.push(new Text(`,${pad(depth + 1)}`));
      }
    } else {
      out.push(dumpScalar(current));
    }
  }
  out.push('\n');
  return out.join('');
}
