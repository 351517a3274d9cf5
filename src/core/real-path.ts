import { realpathSync } from 'node:fs';
import { sep } from 'node:path';

/** The path with every symlink resolved, or null when it does not exist (or a link loops). */
export function realPathOrNull(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}

/** Is `path` the folder `root` or under it? Both must already be resolved the same way. */
export function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
