import type { ChalkInstance } from 'chalk';
import { truncateEnd, truncateMiddle } from '../format-text.js';
import type { Mark, Row } from './state.js';

/** A verify mark as one character: what a row shows before its text. */
function markText(mark: Mark | null, paint: ChalkInstance): string {
  if (mark === 'error') return paint.red('✗');
  if (mark === 'warning') return paint.yellow('!');
  if (mark === 'clean') return paint.green('✓');
  return ' ';
}

/**
 * One list row in `width` columns: groups with their arrow and count, recordings with id,
 * kind, endpoint and model. Every field from a recording is escaped and masked (format-text).
 */
export function rowText(row: Row, width: number, paint: ChalkInstance): string {
  const mark = markText(row.mark, paint);
  if (row.type !== 'recording') {
    const indent = row.type === 'file' ? '' : '  ';
    const arrow = row.expanded ? '▾' : '▸';
    const count = ` (${row.count})`;
    const room = Math.max(1, width - indent.length - 4 - count.length);
    // From the middle: test_responses_access_control.py and test_responses_errors.py differ at their end.
    const label = truncateMiddle(row.label, room);
    return `${indent}${mark} ${arrow} ${row.type === 'file' ? paint.bold(label) : label}${paint.dim(count)}`;
  }
  const { entry } = row;
  // A cassette's id is its test's name and the call's place (`test_x#2`): wider than a hash's twelve.
  const idWidth = entry.format === 'vcr' ? 28 : 12;
  const id = truncateEnd(entry.id, idWidth);
  // The pane cuts what does not fit (ink's truncate); fields are cut first so that each shows.
  const rest = entry.error
    ? paint.red(truncateEnd(`error: ${entry.error}`, Math.max(1, width - 20)))
    : `${entry.kind} ${truncateEnd(entry.endpoint ?? '-', 28)} ${paint.cyan(truncateEnd(entry.model ?? '-', 28))}`;
  return `    ${mark} ${id.padEnd(idWidth)} ${rest}`;
}
