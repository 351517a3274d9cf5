import type { IndexCache } from '../cache/index-cache.js';
import type { RecordingSource, Skipped } from '../sources/source.js';
import type { Entry } from '../types.js';
import { compareCodeUnits } from '../sources/select.js';
import { makeEntry } from './entry.js';
import { openRecordings } from './open-recording.js';

export interface IndexResult {
  entries: Entry[];
  skipped: Skipped[];
  missing: string[];
}

/**
 * Finds, reads and classifies every recording under the given paths, keeping only the
 * entries (no parsed bodies), so memory does not grow with file size. Never throws on bad files.
 */
export function indexRecordings(
  source: RecordingSource,
  paths: readonly string[],
  onProgress?: (done: number, total: number) => void,
  cache?: IndexCache,
): IndexResult {
  const { files, skipped, missing } = source.list(paths);
  const entries: Entry[] = [];
  files.forEach((file, position) => {
    const cached = cache?.lookup(file);
    if (cached) entries.push(cached);
    else {
      for (const recording of openRecordings(source, file)) {
        entries.push(recording.entry);
        cache?.store(file, recording.entry);
      }
    }
    onProgress?.(position + 1, files.length);
  });
  cache?.save();
  // What could not even be listed (an unreadable folder, a symlink loop) is a row with its
  // reason too, so that summaries and --errors count it.
  for (const item of skipped) {
    const entry = makeEntry({ path: item.absPath, absPath: item.absPath, display: item.display }, 0, 0);
    entry.error = item.reason;
    entries.push(entry);
  }
  entries.sort((a, b) => compareCodeUnits(a.path, b.path));
  return { entries, skipped, missing };
}
