import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SqliteError, readSqliteTable } from './sqlite-reader.js';

/** One row of a 2025 recorder's `index.sqlite` `recordings` table. */
interface LegacyIndexRow {
  requestHash: string;
  responseFile: string;
  endpoint: string | null;
  model: string | null;
  timestamp: string | null;
  isStreaming: boolean | null;
}

export type LegacyIndex = { ok: true; path: string; rows: LegacyIndexRow[] } | { ok: false; path: string; reason: string };

/** `recordings/responses/<12hex>.json` -> `recordings/index.sqlite`, or null for other layouts. */
export function legacyIndexPath(recordingPath: string): string | null {
  const responses = dirname(recordingPath);
  return basename(responses) === 'responses' ? join(dirname(responses), 'index.sqlite') : null;
}

export function readLegacyIndex(path: string): LegacyIndex | null {
  if (!existsSync(path)) return null;
  try {
    const rows = readSqliteTable(path, 'recordings').map((row) => ({
      requestHash: String(row.request_hash ?? ''),
      responseFile: String(row.response_file ?? ''),
      endpoint: typeof row.endpoint === 'string' ? row.endpoint : null,
      model: typeof row.model === 'string' ? row.model : null,
      timestamp: typeof row.timestamp === 'string' ? row.timestamp : null,
      isStreaming: row.is_streaming === null || row.is_streaming === undefined ? null : Boolean(Number(row.is_streaming)),
    }));
    return { ok: true, path, rows };
  } catch (error) {
    if (error instanceof SqliteError) return { ok: false, path, reason: error.message };
    throw error;
  }
}

/** How a 2025-layout file stands in its index: listed (with its row), absent, or no index to ask. */
export type LegacyIndexStatus =
  | { status: 'listed'; row: LegacyIndexRow }
  | { status: 'absent'; indexPath: string }
  | { status: 'no-index' }
  | { status: 'unreadable'; indexPath: string; reason: string };

export function findInLegacyIndex(recordingPath: string): LegacyIndexStatus | null {
  const indexPath = legacyIndexPath(recordingPath);
  if (indexPath === null) return null;
  const index = readLegacyIndex(indexPath);
  if (index === null) return { status: 'no-index' };
  if (!index.ok) return { status: 'unreadable', indexPath, reason: index.reason };
  const row = index.rows.find((candidate) => candidate.responseFile === basename(recordingPath));
  return row ? { status: 'listed', row } : { status: 'absent', indexPath };
}
