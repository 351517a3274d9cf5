import { RawNumber, parsePythonJson } from './parse-json.js';

/**
 * Pretty-prints a file's JSON as it is on disk: numbers keep their written form (`1.0`,
 * `NaN`, 20-digit ints), keys keep their order. Returns the lines, or null when the text
 * is not JSON. Indentation stops growing at MAX_INDENT_LEVELS: hostile nesting would
 * otherwise make the output quadratic in the depth.
 */
export function prettyPrintJson(text: string, indent = 2): string[] | null {
  let value: unknown;
  try {
    value = parsePythonJson(text.replace(/^\uFEFF/, ''), { lossless: true });
  } catch {
    return null;
  }
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  // Iterative so that hostile nesting cannot overflow the stack.
  type Item = { value: unknown; depth: number; prefix: string; suffix: string };
  const stack: Item[] = [{ value, depth: 0, prefix: '', suffix: '' }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const indentText = pad.repeat(Math.min(item.depth, MAX_INDENT_LEVELS));
    const { value: current, prefix, suffix, depth } = item;
    if (current instanceof Close) {
      lines.push(`${indentText}${current.bracket}${suffix}`);
      continue;
    }
    if (Array.isArray(current) || (typeof current === 'object' && current !== null && !(current instanceof RawNumber))) {
      const isArray = Array.isArray(current);
      const entries: Array<[string | null, unknown]> = isArray
        ? current.map((v) => [null, v])
        : Object.entries(current as Record<string, unknown>);
      const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
      if (entries.length === 0) {
        lines.push(`${indentText}${prefix}${open}${close}${suffix}`);
        continue;
      }
      lines.push(`${indentText}${prefix}${open}`);
      stack.push({ value: new Close(close), depth, prefix: '', suffix });
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push({
          value: child,
          depth: depth + 1,
          prefix: key === null ? '' : `${JSON.stringify(key)}: `,
          suffix: i < entries.length - 1 ? ',' : '',
        });
      }
      continue;
    }
    lines.push(`${indentText}${prefix}${formatScalar(current)}${suffix}`);
  }
  return lines;
}

const MAX_INDENT_LEVELS = 32;

/** Marks where a container's closing bracket goes on the work stack. */
class Close {
  constructor(readonly bracket: string) {}
}

function formatScalar(value: unknown): string {
  if (value instanceof RawNumber) return value.raw;
  return JSON.stringify(value) ?? 'null';
}
