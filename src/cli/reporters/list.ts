import type { Entry } from '../../core/types.js';
import { countBy, formatSize, padEnd, padStart, plural, shortenTestId, truncateEnd } from '../format-text.js';
import type { Terminal } from '../terminal.js';
import { describeEntryJson } from './entry-json.js';

/** The documented `list --json` shape: one object per recording, sorted by path. */
export function renderListJson(entries: readonly Entry[]): string {
  const rows = entries.map((entry) => ({
    ...describeEntryJson(entry),
    chunks: entry.chunks,
    bytes: entry.bytes,
    error: entry.error,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

// TEST goes last: it is the one column of varying, often great, width.
const HEADERS = ['ID', 'ENDPOINT', 'MODEL', 'KIND', 'STREAM', 'CHUNKS', 'SIZE', 'TEST'] as const;
const GAP = 2;
const MIN_TEST_WIDTH = 24;
const MAX_FIELD = { endpoint: 28, model: 32 } as const;

export function renderListHuman(entries: readonly Entry[], total: number, terminal: Terminal): string {
  const c = terminal.out;
  const cells = entries.map((entry) => ({
    id: entry.id,
    endpoint: entry.endpoint ?? '-',
    model: entry.model ?? '-',
    kind: entry.kind,
    stream: entry.streaming === null ? '-' : entry.streaming ? 'yes' : 'no',
    chunks: entry.chunks === null ? '-' : String(entry.chunks),
    size: formatSize(entry.bytes),
  }));
  const widthOf = (key: keyof (typeof cells)[number], header: string, cap = Number.POSITIVE_INFINITY): number =>
    Math.min(cap, cells.reduce((max, cell) => Math.max(max, cell[key].length), header.length));
  const widths = {
    id: widthOf('id', 'ID'),
    endpoint: widthOf('endpoint', 'ENDPOINT', terminal.columns === null ? undefined : MAX_FIELD.endpoint),
    model: widthOf('model', 'MODEL', terminal.columns === null ? undefined : MAX_FIELD.model),
    kind: widthOf('kind', 'KIND'),
    stream: widthOf('stream', 'STREAM'),
    chunks: widthOf('chunks', 'CHUNKS'),
    size: widthOf('size', 'SIZE'),
  };
  const fixed = widths.id + widths.endpoint + widths.model + widths.kind + widths.stream + widths.chunks + widths.size + GAP * 7;
  const testWidth = terminal.columns === null ? null : Math.max(MIN_TEST_WIDTH, terminal.columns - fixed - 1);
  const tests = entries.map((entry) => (entry.testId === null ? '-' : shortenTestId(entry.testId, testWidth)));

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
    const id = c.cyan(padEnd(cell.id, widths.id));
    if (entry.error !== null && entry.kind === 'unknown' && entry.testId === null) {
      lines.push(`${id}${gap}${c.red(`error: ${entry.error}`)}  ${c.dim(entry.path)}`);
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
    lines.push(entry.error === null ? line.trimEnd() : `${line.trimEnd()}  ${c.red(`error: ${entry.error}`)}`);
  });
  lines.push('', summarize(entries, total, terminal));
  return `${lines.join('\n')}\n`;
}

function summarize(entries: readonly Entry[], total: number, terminal: Terminal): string {
  const c = terminal.out;
  const unreadable = entries.filter((entry) => entry.error !== null).length;
  const count = entries.length === total ? plural(total, 'recording') : `${entries.length} of ${plural(total, 'recording')}`;
  const kinds = countBy(entries.filter((entry) => entry.error === null), (entry) => entry.kind)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  const errors = unreadable === 0 ? c.green('no errors') : c.red(`${unreadable} with errors`);
  return `${c.bold(count)}${kinds ? `: ${kinds}` : ''}; ${errors}`;
}
