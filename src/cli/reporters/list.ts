import type { Entry } from '../../core/types.js';
import { clean, countBy, formatSize, padEnd, padStart, plural, shortenTestId, truncateEnd, truncateMiddle } from '../format-text.js';
import type { Terminal } from '../terminal.js';
import { describeEntryJson } from './entry-json.js';
import { stringifyJson } from '../../core/json/depth.js';
import type { Reporters } from './registry.js';

/** The documented `list --json` shape: one object per recording, sorted by path. */
function renderListJson(entries: readonly Entry[]): string {
  // Assigned, not spread: spreading 3,500 entries' fields cost more than the rest of a warm list.
  const rows = entries.map((entry) =>
    Object.assign(describeEntryJson(entry), {
      chunks: entry.chunks,
      bytes: entry.bytes,
      error: entry.error,
      format: entry.format,
      container: entry.container,
      note: entry.note,
    }),
  );
  return `${stringifyJson(rows, 2)}\n`;
}

const GAP = 2;

interface Column {
  key: 'id' | 'endpoint' | 'model' | 'kind' | 'stream' | 'chunks' | 'size' | 'test';
  header: string;
  right?: boolean;
}

// TEST goes last: it is the one column of varying, often great, width.
const COLUMNS: readonly Column[] = [
  { key: 'id', header: 'ID' },
  { key: 'endpoint', header: 'ENDPOINT' },
  { key: 'model', header: 'MODEL' },
  { key: 'kind', header: 'KIND' },
  { key: 'stream', header: 'STREAM' },
  { key: 'chunks', header: 'CHUNKS', right: true },
  { key: 'size', header: 'SIZE', right: true },
  { key: 'test', header: 'TEST' },
];
// When a row is wider than the terminal, the other columns give up width in this order, each
// down to the width named, before the test id (what tells rows apart) goes below 32...
const SHRINK_ORDER: Array<[Column['key'], number]> = [
  ['model', 20],
  ['endpoint', 20],
  ['model', 14],
  ['endpoint', 14],
];
// ...then whole columns go, least telling first; ID and TEST stay.
const DROP_ORDER: ReadonlyArray<Column['key']> = ['size', 'chunks', 'stream', 'kind', 'endpoint', 'model'];
const TEST_WANTS = 32;

export function renderListHuman(entries: readonly Entry[], total: number, terminal: Terminal): string {
  const c = terminal.out;
  const cells = entries.map((entry) => ({
    id: clean(entry.id),
    endpoint: clean(entry.endpoint ?? '-'),
    model: clean(entry.model ?? '-'),
    kind: entry.kind,
    stream: entry.streaming === null ? '-' : entry.streaming ? 'yes' : 'no',
    chunks: entry.chunks === null ? '-' : String(entry.chunks),
    size: formatSize(entry.bytes),
    test: entry.testId === null ? '-' : shortenTestId(entry.testId, null),
  }));
  const widths = Object.fromEntries(
    COLUMNS.map(({ key, header }) => [key, cells.reduce((max, cell) => Math.max(max, cell[key].length), header.length)]),
  ) as Record<Column['key'], number>;
  let shown = [...COLUMNS];
  if (terminal.columns !== null) shown = fitColumns(widths, shown, terminal.columns - 1);
  const cellText = (entry: Entry, row: number, key: Column['key']): string => {
    const cell = cells[row]![key];
    if (key === 'test') return entry.testId === null || terminal.columns === null ? cell : shortenTestId(entry.testId, widths.test);
    return truncateEnd(cell, widths[key]);
  };
  const gap = ' '.repeat(GAP);
  const layout = (texts: readonly string[]): string =>
    shown
      .map((column, i) =>
        column.key === 'test' ? texts[i]! : column.right ? padStart(texts[i]!, widths[column.key]) : padEnd(texts[i]!, widths[column.key]),
      )
      .join(gap)
      .trimEnd();
  const lines: string[] = [c.bold(layout(shown.map((column) => column.header)))];
  entries.forEach((entry, row) => {
    // Cut in the middle: a cassette's rows differ at the end (`#0`, `#1`), and a name's start and end tell it apart.
    const id = c.cyan(padEnd(truncateMiddle(cells[row]!.id, widths.id), widths.id));
    const room = terminal.columns === null ? Number.POSITIVE_INFINITY : Math.max(20, terminal.columns - widths.id - 12);
    // A note (why a cassette is unsupported or empty) is said where an error would be, without alarm.
    const error =
      entry.error !== null
        ? c.red(`error: ${truncateEnd(entry.error, room)}`)
        : entry.note !== null
          ? c.dim(`note: ${truncateEnd(entry.note, room)}`)
          : '';
    if (entry.error !== null && entry.kind === 'unknown' && entry.testId === null) {
      // The path says where the file is; on a terminal, as much of it as fits.
      const room =
        terminal.columns === null ? Number.POSITIVE_INFINITY : terminal.columns - 1 - widths.id - GAP - c.reset(error).length - 2;
      const where =
        room >= 12 ? `  ${c.dim(room === Number.POSITIVE_INFINITY ? clean(entry.path) : truncateMiddlePath(entry.path, room))}` : '';
      lines.push(`${id}${gap}${error}${where}`);
      return;
    }
    const line = layout(shown.map((column) => (column.key === 'id' ? '' : cellText(entry, row, column.key))));
    // The id is coloured, so it is laid out apart from the padded text after it.
    const rest = line.slice(widths.id);
    lines.push(
      error === ''
        ? `${id}${rest}`
        : `${id}${rest}${terminal.columns === null ? `  ${error}` : `\n${' '.repeat(widths.id + GAP)}${error}`}`,
    );
  });
  lines.push('', ...wrap(summarize(entries, total, terminal), terminal.columns));
  return `${lines.join('\n')}\n`;
}

/**
 * Fits a row into `available` characters: the test id gets what the other columns leave,
 * and they narrow (SHRINK_ORDER) and then go (DROP_ORDER) until it has at least
 * TEST_WANTS characters, or all it needs. Returns the columns to show.
 */
function fitColumns(widths: Record<Column['key'], number>, columns: Column[], available: number): Column[] {
  let shown = columns;
  const full = widths.test;
  const room = (): number =>
    available - shown.filter((column) => column.key !== 'test').reduce((sum, column) => sum + widths[column.key] + GAP, 0);
  const enough = (): boolean => room() >= Math.min(full, TEST_WANTS);
  for (const [key, min] of SHRINK_ORDER) {
    if (enough()) break;
    widths[key] = Math.min(widths[key], Math.max(min, widths[key] - (Math.min(full, TEST_WANTS) - room())));
  }
  for (const key of DROP_ORDER) {
    if (enough()) break;
    shown = shown.filter((column) => column.key !== key);
  }
  if (!enough()) widths.id = Math.max(12, widths.id - (Math.min(full, TEST_WANTS) - room()));
  widths.test = Math.max(8, Math.min(full, room()));
  return shown;
}

/** A path cut from the front: its end (the folder and file name) tells most. */
function truncateMiddlePath(path: string, width: number): string {
  const text = clean(path);
  return text.length <= width ? text : `…${text.slice(text.length - width + 1)}`;
}

/** The summary line, broken at its commas to fit the terminal. */
function wrap(text: string, columns: number | null): string[] {
  if (columns === null || text.length <= columns - 1) return [text];
  const lines: string[] = [];
  let current = '';
  for (const piece of text.split(/(?<=, )/)) {
    if (current !== '' && current.length + piece.length > columns - 1) {
      lines.push(current.trimEnd());
      current = '  ';
    }
    current += piece;
  }
  if (current.trim() !== '') lines.push(current.trimEnd());
  return lines;
}

function summarize(entries: readonly Entry[], total: number, terminal: Terminal): string {
  const c = terminal.out;
  const unreadable = entries.filter((entry) => entry.error !== null).length;
  const count = entries.length === total ? plural(total, 'recording') : `${entries.length} of ${plural(total, 'recording')}`;
  const kinds = countBy(
    entries.filter((entry) => entry.error === null),
    (entry) => entry.kind,
  )
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  const errors = unreadable === 0 ? c.green('no errors') : c.red(`${unreadable} with errors`);
  return `${c.bold(count)}${kinds ? `: ${kinds}` : ''}; ${errors}`;
}

/** list's reporters: the rows shown, and how many the tree holds (the table's summary says both). */
export const LIST_REPORTERS: Reporters<{ shown: readonly Entry[]; total: number }> = {
  human: ({ shown, total }, terminal) => renderListHuman(shown, total, terminal),
  json: ({ shown }) => renderListJson(shown),
};
