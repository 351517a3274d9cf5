import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { openRecordings } from '../load/open-recording.js';
import { displayPath } from '../sources/display-path.js';
import type { RecordingSource, SourceFile } from '../sources/source.js';
import type { CassetteMiss } from '../../formats/containers/container.js';
import { rankInteractions, type Difference } from './rank-interactions.js';

export interface CassetteExplanation {
  miss: CassetteMiss;
  /** The test to re-record: the log's, else the one the cassette's name says (its recorder's naming rule). */
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
 * A recorder's miss against its cassette: the cassette named in the error (relative to where
 * the tests ran, to the recorder's folder, or a recording name, so also looked up by its
 * path's end among the given paths), its interactions ranked by the matchers that fail.
 */
export function explainCassetteMiss(
  miss: CassetteMiss,
  source: RecordingSource,
  files: readonly SourceFile[],
  cwd: string,
): CassetteExplanation {
  const named = miss.cassette.split(/[\\/]/).join(sep);
  const direct = resolve(cwd, named);
  const file =
    files.find((candidate) => candidate.absPath === direct) ??
    findByEnd(named, files, (candidate) => miss.uri !== null && servesEndpoint(source, candidate, miss.uri)) ??
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
 * `/home/runner/work/<repo>/<repo>/tests/…`, or relative to where the tests ran): the file
 * whose path shares the longest end with it (its folder and name, or its whole name when
 * that is all the error gives), when one file alone does; of several, the one that alone
 * recorded calls to the missed request's endpoint (scheme, host and path).
 */
function findByEnd(named: string, files: readonly SourceFile[], servesMiss: (file: SourceFile) => boolean): SourceFile | undefined {
  const wanted = named.split(sep).filter((part) => part !== '' && part !== '.');
  let best: SourceFile[] = [];
  let bestLength = Math.min(1, wanted.length - 1);
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
  if (best.length <= 1) return best[0];
  const serving = best.filter(servesMiss);
  return serving.length === 1 ? serving[0] : undefined;
}

/** Did the cassette record a call to the URI's endpoint? */
function servesEndpoint(source: RecordingSource, file: SourceFile, uri: string): boolean {
  const endpoint = endpointOf(uri);
  return endpoint !== null && openRecordings(source, file).some((recording) => endpointOf(recording.envelope?.url ?? '') === endpoint);
}

function endpointOf(uri: string): string | null {
  try {
    const url = new URL(uri);
    return `${url.origin}${url.pathname}`;
  } catch {
    return null;
  }
}
