import { readFileSync, statSync } from 'node:fs';
import { describeFsError } from './load/problems.js';

export type SmallFile = { ok: true; text: string } | { ok: false; missing: boolean; reason: string };

/**
 * Reads a file cassette keeps beside the recordings (a baseline, a config), which a pull
 * request can replace: it must be a regular file of at most `limit` bytes. A link to
 * /dev/zero or a FIFO under its name is refused before it is opened, never read or waited on.
 */
export function readSmallFile(path: string, limit: number): SmallFile {
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return { ok: false, missing: false, reason: 'not a regular file' };
    if (stats.size > limit) return { ok: false, missing: false, reason: `larger than ${limit} bytes` };
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (error) {
    return { ok: false, missing: (error as NodeJS.ErrnoException).code === 'ENOENT', reason: describeFsError(error) };
  }
}
