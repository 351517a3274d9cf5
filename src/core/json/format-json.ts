/**
 * Pretty-prints a file's JSON as it is on disk, without building it: strings, numbers
 * (`1.0`, `NaN`, 20-digit ints) and keys are copied as written, in their order; only the
 * layout changes (two spaces per level, one item per line). A first pass checks that the
 * text is JSON (Python's NaN/Infinity included) and the second prints it in pieces, so a
 * 200 MB file costs its text and little more. Indentation stops growing at MAX_INDENT_LEVELS:
 * hostile nesting would otherwise make the output quadratic in the depth.
 *
 * Returns the pieces, or null when the text is not JSON.
 */
export function prettyPrintJson(text: string): Iterable<string> | null {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const check = walk(source, false);
  let step = check.next();
  while (!step.done) step = check.next();
  if (!step.value) return null;
  return {
    *[Symbol.iterator]() {
      yield* walk(source, true);
      yield '\n';
    },
  };
}

const PIECE = 64 * 1024;
const MAX_INDENT_LEVELS = 32;
const SCALAR = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|NaN|Infinity|-Infinity)$/;

type Expect = 'value' | 'value-or-end' | 'key-or-end' | 'key' | 'colon' | 'comma-or-end' | 'done';

/**
 * One pass over the text: validates it and, when `emitting`, yields it pretty-printed in
 * pieces of about PIECE characters. Returns whether the text is JSON.
 */
function* walk(text: string, emitting: boolean): Generator<string, boolean> {
  let buffer: string[] = [];
  let size = 0;
  const emit = emitting
    ? (piece: string): void => {
        buffer.push(piece);
        size += piece.length;
      }
    : null;
  const stack: string[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const newline = (depth: number): void => emit?.(`\n${'  '.repeat(Math.min(depth, MAX_INDENT_LEVELS))}`);
  const afterValue = (): Expect => (stack.length === 0 ? 'done' : 'comma-or-end');
  while (i < text.length) {
    if (size >= PIECE) {
      yield buffer.join('');
      buffer = [];
      size = 0;
    }
    const char = text[i]!;
    if (char === ' ' || char === '\n' || char === '\r' || char === '\t') {
      i++;
      continue;
    }
    if (expect === 'done') return false;
    if (char === '{' || char === '[') {
      if (expect !== 'value' && expect !== 'value-or-end') return false;
      emit?.(char);
      stack.push(char === '{' ? '}' : ']');
      expect = char === '{' ? 'key-or-end' : 'value-or-end';
      i++;
      // An empty container stays on one line.
      let next = i;
      while (next < text.length && ' \n\r\t'.includes(text[next]!)) next++;
      if (text[next] !== stack[stack.length - 1]) newline(stack.length);
      continue;
    }
    if (char === '}' || char === ']') {
      const closes = stack[stack.length - 1];
      const empty = expect === 'key-or-end' || expect === 'value-or-end';
      if (closes !== char || !(empty || expect === 'comma-or-end')) return false;
      stack.pop();
      if (!empty) newline(stack.length);
      emit?.(char);
      expect = afterValue();
      i++;
      continue;
    }
    if (char === ',') {
      if (expect !== 'comma-or-end') return false;
      emit?.(',');
      newline(stack.length);
      expect = stack[stack.length - 1] === '}' ? 'key' : 'value';
      i++;
      continue;
    }
    if (char === ':') {
      if (expect !== 'colon') return false;
      emit?.(': ');
      expect = 'value';
      i++;
      continue;
    }
    if (char === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return false;
      emit?.(text.slice(i, end));
      if (expect === 'key' || expect === 'key-or-end') expect = 'colon';
      else if (expect === 'value' || expect === 'value-or-end') expect = afterValue();
      else return false;
      i = end;
      continue;
    }
    let end = i;
    while (end < text.length && !' \n\r\t,]}:'.includes(text[end]!)) end++;
    const scalar = text.slice(i, end);
    if ((expect !== 'value' && expect !== 'value-or-end') || !SCALAR.test(scalar)) return false;
    emit?.(scalar);
    expect = afterValue();
    i = end;
  }
  if (size > 0) yield buffer.join('');
  return expect === 'done';
}

/** Index just past the closing quote of the string opening at `open`, or -1; control characters are not JSON. */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) i++;
    else if (code === 0x22) return i + 1;
    else if (code < 0x20) return -1;
  }
  return -1;
}
