import { isStoredEntry, listOf } from './entry-schemas.js';
import type { Entry } from '../types.js';
import { openFileCache, type FileCache } from './file-cache.js';

/** A file's entries: one for an ogx recording, one per interaction for a cassette. */
export type IndexCache = FileCache<Entry[]>;

/** What the cache keeps of an entry: its paths are the file's, given again on every lookup. */
type StoredEntry = Omit<Entry, 'path' | 'absPath'>;

/** The index cache for one set of paths: entries come back with paths as this run prints them. */
export function openIndexCache(folder: string, paths: readonly string[], tool: string, settings = ''): IndexCache {
  const cache = openFileCache<StoredEntry[]>(folder, 'index', paths, tool, settings, 'metadata', listOf(isStoredEntry));
  return {
    lookup(file) {
      const entries = cache.lookup(file);
      return entries && entries.map((stored) => completeEntry(stored, file.display, file.absPath));
    },
    store: (file, entries) =>
      cache.store(
        file,
        entries.map(({ path: _path, absPath: _absPath, ...stored }) => stored),
      ),
    save: () => cache.save(),
  };
}

/**
 * Written out field by field: V8 builds such a literal from one hidden class, where a spread
 * of the stored entry cost a warm list of 3,000 cassette interactions ~15 ms.
 */
function completeEntry(stored: StoredEntry, path: string, absPath: string): Entry {
  return {
    id: stored.id,
    path,
    absPath,
    interaction: stored.interaction,
    container: stored.container,
    nameHash: stored.nameHash,
    layout: stored.layout,
    bytes: stored.bytes,
    testId: stored.testId,
    endpoint: stored.endpoint,
    model: stored.model,
    kind: stored.kind,
    streaming: stored.streaming,
    chunks: stored.chunks,
    responseId: stored.responseId,
    error: stored.error,
    format: stored.format,
    note: stored.note,
  };
}
