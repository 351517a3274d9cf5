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
  try {
    return { ok: true, value: parseFast(text), text, warning };
  } catch (error) {
    return { ok: false, problem: describeParseError(error) };
  }
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
