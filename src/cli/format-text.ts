import { maskSecrets } from '../core/secrets.js';
import { escapeLine, escapeText } from './sanitize.js';
import { stringifyJson } from '../core/json/depth.js';

/**
 * Small text helpers shared by the human reporters. Every one masks secrets in untrusted
 * text and escapes it before measuring or cutting it: a key cut in half cannot be recognised
 * (and masked) any more, and an escape cut in half is garbage.
 */
const oneLine = (raw: string): string => escapeLine(maskSecrets(raw));
const block = (raw: string): string => escapeText(maskSecrets(raw));

/**
 * The escape (`\x1b`, `\u202e`) or surrogate pair that position `at` falls inside, as
 * [start, end), or null: a cut there would leave half of it.
 */
function tokenAround(text: string, at: number): [number, number] | null {
  if (at <= 0 || at >= text.length) return null;
  const from = text.lastIndexOf('\\', at - 1);
  if (from >= 0 && at - from < 6) {
    const token = /^\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|[nt])/.exec(text.slice(from, from + 6));
    if (token && from + token[0].length > at) return [from, from + token[0].length];
  }
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? [at - 1, at + 1] : null;
}

/** Keep text before `at`, backing off to the start of an escape it would split. */
const headEnd = (text: string, at: number): number => tokenAround(text, at)?.[0] ?? at;
/** Keep text from `at`, moving on past an escape it would split. */
const tailStart = (text: string, at: number): number => tokenAround(text, at)?.[1] ?? at;

/** Shortens from the middle: the start (file, test) and the end (parameters) are what tell tests apart. */
export function truncateMiddle(raw: string, width: number): string {
  const text = oneLine(raw);
  if (width <= 0) return '';
  if (text.length <= width) return text;
  if (width <= 1) return '…';
  const tail = Math.floor((width - 1) / 2);
  const head = width - 1 - tail;
  return `${text.slice(0, headEnd(text, head))}…${text.slice(tailStart(text, text.length - tail))}`;
}

export function truncateEnd(raw: string, width: number): string {
  const text = oneLine(raw);
  if (text.length <= width) return text;
  return width <= 1 ? '…' : `${text.slice(0, headEnd(text, width - 1))}…`;
}

/** An untrusted one-line field (path, test id, model) for a human reader: escaped, newlines included, never cut. */
export const clean = oneLine;
/** Untrusted prose (a prompt, an answer, arguments): escaped, newlines kept. */
export const cleanBlock = block;

/** JSON text of a value for a human reader; parts nested too deeply to serialise say so instead of failing. */
export const showJson = stringifyJson;

/** Untrusted text escaped, then cut to at most `width` characters; `hidden` says how many were cut. */
export function cutText(raw: string, width: number): { text: string; hidden: number } {
  const text = block(raw);
  if (text.length <= width) return { text, hidden: 0 };
  const end = headEnd(text, width);
  return { text: text.slice(0, end), hidden: text.length - end };
}

/**
 * Fits a test id into a column. The test name tells tests apart best, then its parameters,
 * then the file: so `tests/integration/` goes first, then the folder, then the file, and
 * only then are parameters and name shortened from the middle.
 */
export function shortenTestId(rawTestId: string, width: number | null): string {
  const short = oneLine(rawTestId).replace(/^tests\/integration\//, '');
  if (width === null || short.length <= width) return short;
  const match = /^(.*?\.py)::([^[]*)(\[.*\])?$/s.exec(short);
  if (!match) return truncateMiddle(short, width);
  const [, file = '', name = '', params = ''] = match;
  // The folder and file go first; then the middle of the name; the parameters' end, which
  // tells two variants apart (`…-tools0-True]`, `…-tools1-True]`), is never cut.
  const candidates = [`${file.split('/').at(-1)}::${name}${params}`, `${name}${params}`];
  for (const candidate of candidates) if (candidate.length <= width) return candidate;
  if (!params) return truncateMiddle(name, width);
  const nameRoom = width - params.length;
  if (nameRoom >= 8) return `${truncateMiddle(name, nameRoom)}${params}`;
  // Both cannot fit: a head of the name, then as much of the parameters' end as fits.
  const headRoom = Math.min(name.length, Math.max(6, Math.floor(width / 2)));
  if (width < headRoom + 6) return truncateMiddle(`${name}${params}`, width);
  const head = truncateMiddle(name, headRoom);
  const escaped = oneLine(params);
  const tail = escaped.slice(tailStart(escaped, escaped.length - (width - head.length - 2)));
  return `${head}[…${tail}`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1000 * 1000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1000 / 1000).toFixed(1)} MB`;
}

export function padEnd(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function padStart(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** Counts values, most frequent first, ties by name: `12 chat-stream, 3 embeddings`. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

// chalk's colour and style codes: no width on a screen.
const STYLE = /\u001b\[[0-9;]*m/g;
const visibleLength = (text: string) => text.replace(STYLE, '').length;

/**
 * Long lines wrapped at the terminal's width, at spaces, each continuation indented under
 * the line's own text (its leading spaces and two more): a 300-character finding reads as a
 * paragraph at 80 columns instead of wrapping into the next line's margin. Null width (piped
 * output) leaves every line whole, for grep and for tools that read it.
 */
export function wrapLines(text: string, width: number | null): string {
  if (width === null) return text;
  return text
    .split('\n')
    .map((line) => {
      if (visibleLength(line) <= width) return line;
      const indent = ' '.repeat(Math.min(/^ */.exec(line)![0].length + 2, Math.floor(width / 3)));
      const words = line.trimStart().split(' ');
      const out: string[] = [];
      let current = line.slice(0, line.length - line.trimStart().length);
      for (const word of words) {
        const fresh = current.trim() === '';
        const candidate = fresh ? `${current}${word}` : `${current} ${word}`;
        if (fresh || visibleLength(candidate) <= width) current = candidate;
        else {
          out.push(current);
          current = `${indent}${word}`;
        }
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}
