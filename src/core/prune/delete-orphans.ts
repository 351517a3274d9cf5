import { lstatSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { openRecording } from '../load/open-recording.js';
import { describeFsError } from '../load/problems.js';
import { isInside, realPathOrNull } from '../real-path.js';
import { createDiskSource, diskFile } from '../sources/disk.js';
import type { RecordingSource } from '../sources/source.js';
import type { Orphan } from './plan-prune.js';

/** Why a planned file was left in place. */
type KeptReason = 'outside' | 'symlink' | 'changed' | 'interrupted' | 'failed';

export interface Removal {
  orphan: Orphan;
  removed: boolean;
  kept: KeptReason | null;
  /** What went wrong, in a few words, when the file was kept. */
  detail: string | null;
  /** Can git bring the file back? */
  restorable: boolean;
}

export interface DeleteOptions {
  /** The paths the user gave, absolute: nothing whose real path lies outside their real paths is removed. */
  allowedRoots: readonly string[];
  /** Absolute paths git tracks; null outside a git work tree. */
  tracked: ReadonlySet<string> | null;
  /** Set by the shell on SIGINT/SIGTERM: stop after the current file. */
  stop: { readonly aborted: boolean };
  /** Called as each file is removed or kept, so the user sees it as it happens. */
  onRemoval?(removal: Removal): void;
  /** How the plan read the files (a project's cassette naming): the re-check reads them alike. */
  source?: RecordingSource;
}

export interface DeleteResult {
  removals: Removal[];
  interrupted: boolean;
}

/**
 * Removes the orphans one at a time. Right before each removal the file is checked again:
 * still inside the real paths given, reached through no symlink, and still the file the
 * plan judged (same size, modification time and test id). Yields to the event loop between
 * files so that an interrupt is seen; what was not reached is reported as such.
 */
export async function deleteOrphans(orphans: readonly Orphan[], options: DeleteOptions): Promise<DeleteResult> {
  const realRoots = options.allowedRoots.map((root) => realPathOrNull(root)).filter((root): root is string => root !== null);
  const source = options.source ?? createDiskSource({ cwd: '/' });
  const removals: Removal[] = [];
  let interrupted = false;
  for (const orphan of orphans) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const restorable = options.tracked?.has(orphan.entry.absPath) ?? false;
    const keep = (kept: KeptReason, detail: string): Removal => ({ orphan, removed: false, kept, detail, restorable });
    let removal: Removal;
    if (interrupted || options.stop.aborted) {
      interrupted = true;
      removal = keep('interrupted', 'stopped before this file');
    } else {
      removal = checkAndRemove(orphan, options.allowedRoots, realRoots, source, restorable) ?? {
        orphan,
        removed: true,
        kept: null,
        detail: null,
        restorable,
      };
    }
    removals.push(removal);
    options.onRemoval?.(removal);
  }
  return { removals, interrupted };
}

/** null when the file was removed, else why it was kept. */
function checkAndRemove(
  orphan: Orphan,
  givenRoots: readonly string[],
  realRoots: readonly string[],
  source: RecordingSource,
  restorable: boolean,
): Removal | null {
  const path = orphan.entry.absPath;
  const keep = (kept: KeptReason, detail: string): Removal => ({ orphan, removed: false, kept, detail, restorable });
  let stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    return keep('changed', `gone since planned (${describeFsError(error)})`);
  }
  if (stats.isSymbolicLink()) return keep('symlink', 'a symlink: not followed for deletion');
  const linkedFolder = findSymlinkedFolder(path, givenRoots);
  if (linkedFolder !== null) return keep('symlink', `reached through the symlinked folder ${linkedFolder}: not followed for deletion`);
  const real = realPathOrNull(path);
  if (real === null || !realRoots.some((root) => isInside(real, root))) return keep('outside', 'its real path is outside the paths given');
  const planned = orphan.planned;
  if (planned === null || planned.bytes !== stats.size || planned.mtimeMs !== stats.mtimeMs) {
    return keep('changed', 'changed since planned (size or modification time)');
  }
  const testId = openRecording(source, diskFile(path, '/')).entry.testId;
  if (testId !== orphan.testId) return keep('changed', 'its test id changed since planned');
  try {
    unlinkSync(path);
    return null;
  } catch (error) {
    return keep('failed', describeFsError(error));
  }
}

/** A folder between the given path and the file that is a symlink, or null. */
function findSymlinkedFolder(path: string, givenRoots: readonly string[]): string | null {
  const root = givenRoots.filter((given) => isInside(path, given)).sort((a, b) => b.length - a.length)[0];
  if (root === undefined) return null; // not below a given folder: containment decides
  for (let folder = dirname(path); isInside(folder, root) && folder !== root; folder = dirname(folder)) {
    try {
      if (lstatSync(folder).isSymbolicLink()) return folder;
    } catch {
      return folder;
    }
  }
  return null;
}
