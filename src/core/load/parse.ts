import { JsonSyntaxError, parsePythonJson } from '../json/parse-json.js';
import { makeProblem, type Problem } from './problems.js';

const BOM = '\uFEFF';

export type Parsed = { ok: true; value: unknown; text: string; warning: Problem | null } | { ok: false; problem: Problem };

/**
 * Parses a file's text as Python's `json.load` would. A BOM is read past but kept as a
 * warning, because the recorder's `json.load` refuses such a file.
 */
export function parseRecordingText(decoded: string, bytes: number): Parsed {
  if (bytes === 0) return { ok: false, problem: makeProblem('parse/empty') };
  let text = decoded;
  let warning: Problem | null = null;
  if (text.startsWith(BOM)) {
    text = text.slice(1);
    warning = makeProblem('parse/bom');
  }
  if (text.trim() === '') return { ok: false, problem: makeProblem('parse/whitespace') };
  if (text.length > SCAN_ABOVE) {
    const shape = checkLargeText(text);
    if (shape !== null) return { ok: false, problem: shape };
  }
  try {
    return { ok: true, value: parseFast(text), text, warning };
  } catch (error) {
    return { ok: false, problem: describeParseError(error) };
  }
}

// Below this a file cannot hold enough containers to matter (128 k levels at most, a few MB
// once parsed); above, its shape is checked before it is parsed: 3.8 MB of nesting took
// JSON.parse 655 MB when this was 4 MB.
const SCAN_ABOVE = 256 * 1024;
const MAX_NESTING = 1000;

/**
 * A large file that is not an object, or that nests deeper than Python's json can read, is
 * reported without parsing it: a 20 MB file of ten million nested arrays would otherwise
 * become ten million arrays (over a gigabyte) only to be refused.
 */
function checkLargeText(text: string): Problem | null {
  let start = 0;
  while (start < text.length && ' \t\n\r'.includes(text[start]!)) start++;
  if (text[start] === '[') return makeProblem('parse/not-an-object', { type: 'an array' });
  if (text[start] !== '{') return null; // the parser says what is wrong
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      // Skip the string to its closing quote (one not escaped by an odd number of
      // backslashes), by native search: most of a recording's bytes are in strings.
      let end = text.indexOf('"', i + 1);
      while (end > 0 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
      if (end < 0) return null; // unterminated: the parser says where
      i = end;
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > MAX_NESTING) return makeProblem('parse/too-deep');
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return null;
}

/** Is the character at `at` escaped: preceded by an odd number of backslashes? */
function isEscaped(text: string, at: number): boolean {
  let count = 0;
  while (text.charCodeAt(at - 1 - count) === 0x5c) count++;
  return count % 2 === 1;
}

/** JSON.parse is native and fast; Python's NaN/Infinity (or a syntax error) sends us to our parser. */
function parseFast(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return parsePythonJson(text);
  }
}

function describeParseError(error: unknown): Problem {
  if (error instanceof JsonSyntaxError) {
    const truncated = error.reason === 'unexpected end of input' || error.reason === 'unterminated string';
    return truncated
      ? makeProblem('parse/truncated', { reason: error.reason, line: error.line, column: error.column })
      : makeProblem('parse/invalid-json', { detail: error.message });
  }
  if (error instanceof RangeError) return makeProblem('parse/too-deep');
  return makeProblem('parse/invalid-json', { detail: String(error) });
}
