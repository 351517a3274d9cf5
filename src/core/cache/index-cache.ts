import { isStoredTuple, listOf, type StoredTuple } from './entry-schemas.js';
import type { Entry } from '../types.js';
import { openFileCache, type FileCache } from './file-cache.js';

/** A file's entries: one for an ogx recording, one per interaction for a cassette. */
export type IndexCache = FileCache<Entry[]>;

/** The index cache for one set of paths: entries come back with paths as this run prints them. */
export function openIndexCache(folder: string, paths: readonly string[], tool: string, settings = ''): IndexCache {
  const cache = openFileCache<StoredTuple[]>(folder, 'index', paths, tool, settings, 'metadata', listOf(isStoredTuple));
  return {
    lookup(file) {
      const entries = cache.lookup(file);
      return entries && entries.map((stored) => completeEntry(stored, file.display, file.absPath));
    },
    store: (file, entries) => cache.store(file, entries.map(toTuple)),
    save: () => cache.save(),
  };
}

/**
 * What the cache keeps of an entry, its fields in a fixed order (its paths are the file's,
 * given again on every lookup): a list, not an object, because a warm list of 3,259 go-vcr
 * cassettes spent ~15 ms parsing and checking 16 keys per entry.
 */
function toTuple(entry: Entry): StoredTuple {
  return [
    entry.id,
    entry.interaction,
    entry.container,
    entry.nameHash,
    entry.layout,
    entry.bytes,
    entry.testId,
    entry.endpoint,
    entry.model,
    entry.kind,
    entry.streaming,
    entry.chunks,
    entry.responseId,
    entry.error,
    entry.format,
    entry.note,
  ];
}

/** Written out field by field: V8 builds such a literal from one hidden class. */
function completeEntry(stored: StoredTuple, path: string, absPath: string): Entry {
  return {
    id: stored[0],
    path,
    absPath,
    interaction: stored[1],
    container: stored[2],
    nameHash: stored[3],
    layout: stored[4],
    bytes: stored[5],
    testId: stored[6],
    endpoint: stored[7],
    model: stored[8],
    kind: stored[9],
    streaming: stored[10],
    chunks: stored[11],
    responseId: stored[12],
    error: stored[13],
    format: stored[14],
    note: stored[15],
  };
}
