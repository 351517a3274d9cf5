import { existsSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { realPathOrNull } from '../real-path.js';
import { describeFsError } from '../load/problems.js';
import type { FileRepair } from './plan-repair.js';
import { isInsideRoots, renameNoOverwrite, sweepTemporaries, writeAtomic } from '../write-file.js';

export interface Applied {
  repair: FileRepair;
  done: boolean;
  /** Why it was not done: refused by the plan, outside the paths given, or an error. */
  reason: string | null;
}

/**
 * Carries out the planned repairs, each file whole or not at all: new content is written
 * atomically, then the file is renamed (never over another file) or, when an identical copy
 * already has the right name, removed. Nothing is written outside the real paths given.
 */
export function applyRepairs(repairs: readonly FileRepair[], allowedRoots: readonly string[]): Applied[] {
  const realRoots = allowedRoots.map((root) => realPathOrNull(root) ?? root);
  const swept = new Set<string>();
  return repairs.map((repair) => {
    const fail = (reason: string): Applied => ({ repair, done: false, reason });
    if (repair.refused !== null) return fail(repair.refused);
    if (!isInsideRoots(repair.absPath, realRoots)) return fail('outside the paths given: left alone');
    // What was planned is what is written: a file edited since the plan is not overwritten.
    if (changedSincePlanned(repair)) return fail('changed since it was planned: left alone; run the repair again');
    const folder = dirname(repair.absPath);
    if (!swept.has(folder)) {
      sweepTemporaries(folder);
      swept.add(folder);
    }
    if (repair.newAbsPath !== null) {
      // Judged before any folder is made: a hostile test id must not create folders outside the paths.
      if (!isInsideRoots(repair.newAbsPath, realRoots)) return fail(`${repair.newPath} is outside the paths given: left alone`);
      mkdirSync(dirname(repair.newAbsPath), { recursive: true });
    }
    if (repair.content !== null && !repair.removeStale) {
      const written = writeAtomic(repair.absPath, repair.content, repair.planned ? { mode: repair.planned.mode } : {});
      if (!written.ok) return fail(written.reason);
    }
    if (repair.newAbsPath !== null) {
      if (repair.removeStale) {
        // Only once the file the recorder will find is there: a failed rename of the copy kept must not lose the request.
        if (!existsSync(repair.newAbsPath)) return fail(`${repair.newPath} is not there: this copy is kept`);
        try {
          unlinkSync(repair.absPath);
        } catch (error) {
          return fail(describeFsError(error));
        }
      } else {
        const renamed = renameNoOverwrite(repair.absPath, repair.newAbsPath);
        if (!renamed.ok) return fail(renamed.reason);
      }
    }
    return { repair, done: true, reason: null };
  });
}

function changedSincePlanned(repair: FileRepair): boolean {
  if (repair.planned === null) return false;
  try {
    const stats = lstatSync(repair.absPath);
    return stats.size !== repair.planned.bytes || stats.mtimeMs !== repair.planned.mtimeMs;
  } catch {
    return true;
  }
}
