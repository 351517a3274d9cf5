import type { IndexCache } from '../cache/index-cache.js';
import { shareUncached, type Parallelism } from '../parallel/share-work.js';
import type { RecordingSource, Skipped } from '../sources/source.js';
import type { Entry } from '../types.js';
import { compareCodeUnits } from '../sources/select.js';

export interface IndexResult {
  entries: Entry[];
  skipped: Skipped[];
  missing: string[];
}

export interface IndexOptions {
  onProgress?: (done: number, total: number) => void;
  /** The index cache: unchanged files are not read again. */
  cache?: IndexCache;
  /** Workers for large trees: for a disk source only, since a worker reads files by path. */
  parallelism?: Parallelism;
}

/**
 * Finds, reads and classifies every recording under the given paths, keeping only the
 * entries (no parsed bodies), so memory does not grow with file size. Never throws on bad files.
 */
export async function indexRecordings(source: RecordingSource, paths: readonly string[], options: IndexOptions = {}): Promise<IndexResult> {
  const { cache, onProgress } = options;
  const { files, skipped, missing } = source.list(paths);
  const perFile = await shareUncached(
    'index',
    source.cassetteNames ? { cassetteNames: source.cassetteNames } : {},
    files,
    cache,
    // The loader (its formats and schemas) is loaded only when a file must be read: a warm run reads none.
    async () => {
      const { openRecordings } = await import('./open-recording.js');
      return (file) => openRecordings(source, file).map((recording) => recording.entry);
    },
    options.parallelism,
    onProgress,
  );
  const entries: Entry[] = perFile.flat();
  // What could not even be listed (an unreadable folder, a symlink loop) is a row with its
  // reason too, so that summaries and --errors count it.
  const { makeEntry } = skipped.length > 0 ? await import('./entry.js') : { makeEntry: null };
  for (const item of skipped) {
    const entry = makeEntry!({ path: item.absPath, absPath: item.absPath, display: item.display }, 0, 0);
    entry.error = item.reason;
    entries.push(entry);
  }
  entries.sort((a, b) => compareCodeUnits(a.path, b.path));
  return { entries, skipped, missing };
}
