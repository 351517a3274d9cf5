import { unlinkSync } from 'node:fs';
import { describeFsError } from '../load/problems.js';
import { isInside, type Orphan } from './plan-prune.js';

export interface DeleteResult {
  deleted: Orphan[];
  failed: Array<{ orphan: Orphan; reason: string }>;
}

/** Removes the orphans' files, and nothing outside `allowedRoots` (the paths the user gave). */
export function deleteOrphans(orphans: readonly Orphan[], allowedRoots: readonly string[]): DeleteResult {
  const result: DeleteResult = { deleted: [], failed: [] };
  for (const orphan of orphans) {
    if (!isInside(orphan.entry.absPath, allowedRoots)) {
      result.failed.push({ orphan, reason: 'outside the given recordings paths: left alone' });
      continue;
    }
    try {
      unlinkSync(orphan.entry.absPath);
      result.deleted.push(orphan);
    } catch (error) {
      result.failed.push({ orphan, reason: describeFsError(error) });
    }
  }
  return result;
}
