import type { Entry } from '../types.js';
import { openFileCache, type FileCache } from './file-cache.js';

export type IndexCache = FileCache<Entry>;

/** The index cache for one set of paths: entries come back with paths as this run prints them. */
export function openIndexCache(folder: string, paths: readonly string[], tool: string): IndexCache {
  const cache = openFileCache<Entry>(folder, 'index', paths, tool);
  return {
    lookup(file) {
      const entry = cache.lookup(file);
      return entry && { ...entry, path: file.display, absPath: file.absPath };
    },
    store: (file, entry) => cache.store(file, entry),
    save: () => cache.save(),
  };
}
