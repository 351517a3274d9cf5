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

// Below this a file cannot hold enough containers to matter; above, its shape is checked before it is parsed.
const SCAN_ABOVE = 4 * 1024 * 1024;
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
      // skip the string: to the next quote not escaped by an odd number of backslashes
      for (i++; i < text.length; i++) {
        const inner = text.charCodeAt(i);
        if (inner === 0x5c) i++;
        else if (inner === 0x22) break;
      }
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > MAX_NESTING) return makeProblem('parse/too-deep');
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return null;
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
