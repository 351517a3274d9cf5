import type { Entry } from '../../core/types.js';
import { clean, countBy, formatSize, padEnd, padStart, plural, shortenTestId, truncateEnd } from '../format-text.js';
import type { Terminal } from '../terminal.js';
import { describeEntryJson } from './entry-json.js';
import { stringifyJson } from '../../core/json/depth.js';

/** The documented `list --json` shape: one object per recording, sorted by path. */
export function renderListJson(entries: readonly Entry[]): string {
  const rows = entries.map((entry) => ({
    ...describeEntryJson(entry),
    chunks: entry.chunks,
    bytes: entry.bytes,
    error: entry.error,
  }));
  return `${stringifyJson(rows, 2)}\n`;
}

// TEST goes last: it is the one column of varying, often great, width.
const HEADERS = ['ID', 'ENDPOINT', 'MODEL', 'KIND', 'STREAM', 'CHUNKS', 'SIZE', 'TEST'] as const;
const GAP = 2;
type Column = 'id' | 'endpoint' | 'model' | 'test';
// When a row is wider than the terminal, columns give up width in this order, each down to
// the width named: long test ids and model and endpoint names first, ids last.
const SHRINK_ORDER: Array<[Column, number]> = [
  ['test', 48],
  ['model', 20],
  ['endpoint', 20],
  ['test', 40],
  ['model', 14],
  ['endpoint', 14],
  ['test', 24],
  // ids are what users type into `show`; cut them last
  ['id', 12],
  ['test', 12],
];

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
  }));
  const fullTests = entries.map((entry) => (entry.testId === null ? '-' : shortenTestId(entry.testId, null)));
  const widthOf = (values: readonly string[], header: string): number =>
    values.reduce((max, value) => Math.max(max, value.length), header.length);
  const column = (key: keyof (typeof cells)[number]) => cells.map((cell) => cell[key]);
  const widths = {
    id: widthOf(column('id'), 'ID'),
    endpoint: widthOf(column('endpoint'), 'ENDPOINT'),
    model: widthOf(column('model'), 'MODEL'),
    kind: widthOf(column('kind'), 'KIND'),
    stream: widthOf(column('stream'), 'STREAM'),
    chunks: widthOf(column('chunks'), 'CHUNKS'),
    size: widthOf(column('size'), 'SIZE'),
    test: widthOf(fullTests, 'TEST'),
  };
  if (terminal.columns !== null) fitColumns(widths, terminal.columns - 1);
  const tests = entries.map((entry, row) =>
    entry.testId === null ? '-' : terminal.columns === null ? fullTests[row]! : shortenTestId(entry.testId, widths.test),
  );

  const gap = ' '.repeat(GAP);
  const lines: string[] = [];
  const header = [
    padEnd(HEADERS[0], widths.id),
    padEnd(HEADERS[1], widths.endpoint),
    padEnd(HEADERS[2], widths.model),
    padEnd(HEADERS[3], widths.kind),
    padEnd(HEADERS[4], widths.stream),
    padStart(HEADERS[5], widths.chunks),
    padStart(HEADERS[6], widths.size),
    HEADERS[7],
  ].join(gap);
  lines.push(c.bold(header.trimEnd()));
  entries.forEach((entry, row) => {
    const cell = cells[row]!;
    const id = c.cyan(padEnd(truncateEnd(cell.id, widths.id), widths.id));
    if (entry.error !== null && entry.kind === 'unknown' && entry.testId === null) {
      lines.push(`${id}${gap}${c.red(`error: ${clean(entry.error)}`)}  ${c.dim(clean(entry.path))}`);
      return;
    }
    const line = [
      id,
      padEnd(truncateEnd(cell.endpoint, widths.endpoint), widths.endpoint),
      padEnd(truncateEnd(cell.model, widths.model), widths.model),
      padEnd(cell.kind, widths.kind),
      padEnd(cell.stream, widths.stream),
      padStart(cell.chunks, widths.chunks),
      padStart(cell.size, widths.size),
      tests[row]!,
    ].join(gap);
    lines.push(entry.error === null ? line.trimEnd() : `${line.trimEnd()}  ${c.red(`error: ${clean(entry.error)}`)}`);
  });
  lines.push('', summarize(entries, total, terminal));
  return `${lines.join('\n')}\n`;
}

/** Narrows columns, in SHRINK_ORDER, until a row fits in `available` characters. */
function fitColumns(widths: Record<Column | 'kind' | 'stream' | 'chunks' | 'size', number>, available: number): void {
  const total = (): number => Object.values(widths).reduce((sum, width) => sum + width, 0) + GAP * (Object.keys(widths).length - 1);
  for (const [key, min] of SHRINK_ORDER) {
    const over = total() - available;
    if (over <= 0) return;
    widths[key] -= Math.max(0, Math.min(over, widths[key] - min));
  }
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
