import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isCassettesDir } from '../sources/folders.js';

// Never test sources, and often huge: dependencies, and the recordings themselves.
const SKIPPED = new Set(['node_modules', 'vendor', 'testdata', 'recordings', 'dist', 'build']);

export interface FindFilesOptions {
  /** Into subfolders too (hidden ones, dependencies and recordings left out). */
  deep: boolean;
  /** Stop once this many files are found. */
  limit?: number;
  /** Stop once this many names are read: a vendored tree could be huge. */
  maxNames?: number;
}

/**
 * The files below a folder whose names `accept` takes, walked depth first without following
 * links (a link is neither a file nor a folder to readdir's types). The one walk prune makes
 * of a project's test sources, for every format.
 */
export function findFiles(folder: string, accept: (name: string) => boolean, options: FindFilesOptions): string[] {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const maxNames = options.maxNames ?? Number.POSITIVE_INFINITY;
  const found: string[] = [];
  const stack = [folder];
  let seen = 0;
  while (stack.length > 0 && found.length < limit && seen < maxNames) {
    const dir = stack.pop()!;
    let dirents;
    try {
      dirents = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const dirent of dirents) {
      seen++;
      if (dirent.isDirectory()) {
        if (options.deep && !dirent.name.startsWith('.') && !SKIPPED.has(dirent.name) && !isCassettesDir(dirent.name))
          stack.push(join(dir, dirent.name));
      } else if (dirent.isFile() && accept(dirent.name)) found.push(join(dir, dirent.name));
    }
  }
  return found;
}
