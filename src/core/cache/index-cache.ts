import type { Entry } from '../types.js';
import { openFileCache, type FileCache } from './file-cache.js';

/** A file's entries: one for an ogx recording, one per interaction for a cassette. */
export type IndexCache = FileCache<Entry[]>;

/** The index cache for one set of paths: entries come back with paths as this run prints them. */
export function openIndexCache(folder: string, paths: readonly string[], tool: string): IndexCache {
  const cache = openFileCache<Entry[]>(folder, 'index', paths, tool);
  return {
    lookup(file) {
      const entries = cache.lookup(file);
      return entries && entries.map((entry) => ({ ...entry, path: file.display, absPath: file.absPath }));
    },
    store: (file, entries) => cache.store(file, entries),
    save: () => cache.save(),
  };
}
