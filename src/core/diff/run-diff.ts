import { dirname } from 'node:path';
import { releaseMemory } from '../load/release-memory.js';
import type { RawFile } from '../sources/source.js';
import { compareLoaded, loadSide, requestSimilarity, type LoadedSide } from './compare.js';
import type { SidePair } from './collect-sides.js';
import { CHANGE_KINDS, type Change, type ChangeKind, type ChangeStatus, type DiffResult, type Side } from './types.js';

// Requests at least this alike (share of leaf values) are the same call re-recorded.
const RERECORD_SIMILARITY = 0.5;

export interface DiffOptions {
  noiseFields: readonly string[];
  onProgress?: (done: number, total: number) => void;
}

/**
 * Compares every pair; identical files are no change. A file deleted and another added in
 * the same folder, for the same test and endpoint, with close requests, are one call
 * re-recorded under a new hash (`rerecorded`); what stays unpaired is `added`/`deleted`.
 */
export function runDiff(pairs: readonly SidePair[], options: DiffOptions): DiffResult {
  const noise = new Set(options.noiseFields);
  const changes: Change[] = [];
  // Unpaired files keep where they are and their key (test id and endpoint, which must agree
  // for two files to be one call re-recorded); parsed values are not held, so a re-record
  // that renamed every file does not hold every file in memory.
  const added: Unpaired[] = [];
  const deleted: Unpaired[] = [];
  const unpaired = (pair: SidePair, side: Side, raw: RawFile): Unpaired => {
    const loaded = loadSide(side, noise, raw);
    return { pair, side, key: loaded.ok ? JSON.stringify([loaded.summary.testId, loaded.summary.endpoint]) : null };
  };
  pairs.forEach((pair, position) => {
    options.onProgress?.(position + 1, pairs.length);
    if (pair.old && pair.new) {
      const change = compareModified(pair, pair.old, pair.new, noise);
      if (change) changes.push(change);
    } else if (pair.new) added.push(unpaired(pair, pair.new, pair.new.source.read(pair.new.file)));
    else if (pair.old) deleted.push(unpaired(pair, pair.old, pair.old.source.read(pair.old.file)));
  });

  const used = new Set<number>();
  for (const addition of added) {
    const key = addition.key;
    let best: { index: number; side: LoadedSide } | null = null;
    let bestScore = RERECORD_SIMILARITY;
    let additionSide: LoadedSide | null = null;
    deleted.forEach((deletion, i) => {
      if (used.has(i) || key === null || deletion.key !== key || dirname(deletion.pair.rel) !== dirname(addition.pair.rel)) return;
      additionSide ??= loadSide(addition.side, noise);
      const side = loadSide(deletion.side, noise);
      const score = requestSimilarity(side, additionSide);
      if (score >= bestScore) {
        best = { index: i, side };
        bestScore = score;
      }
    });
    if (best !== null && additionSide !== null) {
      const { index, side } = best as { index: number; side: LoadedSide };
      used.add(index);
      const paths = { path: addition.pair.path, rel: addition.pair.rel, oldPath: deleted[index]!.pair.path, status: 'rerecorded' as const };
      changes.push(compareSafely(side, additionSide, paths, noise));
    } else changes.push(bare(addition.pair, 'added'));
  }
  deleted.forEach((deletion, i) => {
    if (!used.has(i)) changes.push(bare(deletion.pair, 'deleted'));
  });
  changes.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { changes, summary: summarize(changes) };
}

interface Unpaired {
  pair: SidePair;
  side: Side;
  key: string | null;
}

/**
 * A file changed in place: identical bytes are no change; otherwise each side is read and
 * summarised in turn, so that only one parsed file is held at a time. A large new side is
 * read again rather than kept as text while the old side is parsed.
 */
function compareModified(pair: SidePair, oldSide: Side, newSide: Side, noise: ReadonlySet<string>): Change | null {
  let oldRaw: RawFile | null = oldSide.source.read(oldSide.file);
  let newRaw: RawFile | null = newSide.source.read(newSide.file);
  if (oldRaw.ok && newRaw.ok && oldRaw.text === newRaw.text) return null;
  const large = newRaw.bytes + oldRaw.bytes > LARGE_PAIR_BYTES;
  if (large) newRaw = null;
  const oldPath = oldSide.file.display === pair.path ? null : oldSide.file.display;
  const paths = { path: pair.path, rel: pair.rel, oldPath, status: 'modified' as const };
  const before = loadSide(oldSide, noise, oldRaw);
  oldRaw = null;
  if (large) releaseMemory();
  const after = loadSide(newSide, noise, newRaw ?? undefined);
  return compareSafely(before, after, paths, noise);
}

// Two sides this large are read one after the other, the first let go before the second.
const LARGE_PAIR_BYTES = 32 * 1024 * 1024;

/** A pair too deeply nested to walk is reported as such; the other pairs are still compared. */
function compareSafely(...args: Parameters<typeof compareLoaded>): Change {
  try {
    return compareLoaded(...args);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const [, , paths] = args;
    return { ...paths, kinds: [], details: { request: [], structure: [] }, problems: [`${paths.path}: too deeply nested to compare`] };
  }
}

function bare(pair: SidePair, status: ChangeStatus): Change {
  return { path: pair.path, rel: pair.rel, oldPath: null, status, kinds: [], details: { request: [], structure: [] }, problems: [] };
}

/** A change is real unless all it has is noise; added and deleted files are real. */
function isRealChange(change: Change): boolean {
  return change.problems.length > 0 || !(change.kinds.length === 1 && change.kinds[0] === 'noise-only');
}

function summarize(changes: readonly Change[]): DiffResult['summary'] {
  const byStatus: Record<ChangeStatus, number> = { modified: 0, added: 0, deleted: 0, rerecorded: 0 };
  const byKind = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as Record<ChangeKind, number>;
  for (const change of changes) {
    byStatus[change.status]++;
    for (const kind of change.kinds) byKind[kind]++;
  }
  const real = changes.filter(isRealChange).length;
  return {
    files: changes.length,
    byStatus,
    byKind,
    real,
    noiseOnly: changes.length - real,
    unreadable: changes.filter((change) => change.problems.length > 0).length,
  };
}
