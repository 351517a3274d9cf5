import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { openRecordings } from '../load/open-recording.js';
import { displayPath } from '../sources/display-path.js';
import type { RecordingSource, SourceFile } from '../sources/source.js';
import { rankInteractions, type Difference, type VcrMiss } from './vcr-misses.js';

export interface VcrExplanation {
  miss: VcrMiss;
  /** The test to re-record: the log's, else the one the cassette's name says (pytest-recording's rule). */
  testId: string | null;
  /** The cassette as this run found it (display path), or null when it is nowhere under the paths. */
  cassette: string | null;
  interactions: number;
  /**
   * changed: no interaction matches (a request changed since the recording); used-up: one
   * matches on method and URI but was already played (the test now calls more often than it
   * did); missing: no such cassette.
   */
  verdict: 'changed' | 'used-up' | 'missing';
  /** The recorded interactions, most similar first. */
  closest: Difference[];
}

/**
 * A vcrpy miss against its cassette: the cassette named in the message (relative to where
 * pytest ran, so also looked up by its path's end among the given paths), its interactions
 * ranked by the matchers that fail.
 */
export function explainVcrMiss(miss: VcrMiss, source: RecordingSource, files: readonly SourceFile[], cwd: string): VcrExplanation {
  const named = miss.cassette.split(/[\\/]/).join(sep);
  const direct = resolve(cwd, named);
  const file =
    files.find((candidate) => candidate.absPath === direct) ??
    findByEnd(named, files) ??
    (existsSync(direct) ? { path: direct, absPath: direct, display: displayPath(direct, cwd) } : null);
  if (!file) return { miss, testId: miss.testId, cassette: null, interactions: 0, verdict: 'missing', closest: [] };
  const recordings = openRecordings(source, file).filter((recording) => recording.envelope !== null);
  const closest = rankInteractions(miss, recordings).slice(0, 3);
  // Method and URI agree, and vcrpy says nothing failed: the one that matches was played already.
  const usedUp = closest.length > 0 && closest[0]!.differs.length === 0;
  const testId = miss.testId ?? recordings[0]?.entry.testId ?? null;
  return { miss, testId, cassette: file.display, interactions: recordings.length, verdict: usedUp ? 'used-up' : 'changed', closest };
}

/**
 * The cassette a path names that was written on another machine (a CI runner's
 * `/home/runner/work/<repo>/<repo>/tests/…`, or relative to where pytest ran): the file whose
 * path shares the longest end with it, at least its folder and name, when one file alone does.
 */
function findByEnd(named: string, files: readonly SourceFile[]): SourceFile | undefined {
  const wanted = named.split(sep).filter((part) => part !== '' && part !== '.');
  let best: SourceFile[] = [];
  let bestLength = 1;
  for (const candidate of files) {
    const parts = candidate.absPath.split(sep);
    let shared = 0;
    while (shared < wanted.length && shared < parts.length && wanted[wanted.length - 1 - shared] === parts[parts.length - 1 - shared])
      shared++;
    if (shared > bestLength) {
      best = [candidate];
      bestLength = shared;
    } else if (shared === bestLength && shared > 1) best.push(candidate);
  }
  return best.length === 1 ? best[0] : undefined;
}
