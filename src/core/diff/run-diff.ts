import { releaseMemory } from '../load/release-memory.js';
import type { RawFile } from '../sources/source.js';
import type { SidePair } from './collect-sides.js';
import { isSingleCallName } from '../../formats/containers/index.js';
import { compareLoaded, emptyChange, loadCassette, loadSide, type ChangePaths, type LoadedSide, type SideSummary } from './compare.js';
import { pairCandidates } from './pairing.js';
import { CHANGE_KINDS, type Change, type ChangeKind, type ChangeStatus, type DiffResult, type Side } from './types.js';

// Requests at least this alike (weighted share of their hashed leaves) are one call re-recorded.
const RERECORD_SIMILARITY = 0.5;

// Two sides this large are read one after the other, the first let go before the second.
const LARGE_PAIR_BYTES = 32 * 1024 * 1024;

export interface DiffOptions {
  noiseFields: readonly string[];
  onProgress?: (done: number, total: number) => void;
}

/** A file only one side has: summarised once, for pairing and for its report. */
interface Unpaired {
  pair: SidePair;
  side: Side;
  loaded: LoadedSide;
}

/**
 * Compares every pair; identical files are no change. What is left over (files deleted
 * on one side and added on the other) is paired by request similarity, across folders, best
 * pairs first (see pairing.ts): the same bytes under a new name are `renamed`, a close
 * request is `rerecorded`; the rest are `added` and `deleted`.
 */
export function runDiff(pairs: readonly SidePair[], options: DiffOptions): DiffResult {
  const noise = new Set(options.noiseFields);
  const changes: Change[] = [];
  const added: Unpaired[] = [];
  const deleted: Unpaired[] = [];
  pairs.forEach((pair, position) => {
    options.onProgress?.(position + 1, pairs.length);
    if (pair.old && pair.new) {
      if (!isSingleCallName(pair.path)) changes.push(...compareCassettes(pair, pair.old, pair.new, noise));
      else {
        const change = compareModified(pair, pair.old, pair.new, noise);
        if (change) changes.push(change);
      }
    } else if (pair.new) added.push({ pair, side: pair.new, loaded: loadSide(pair.new, noise) });
    else if (pair.old) deleted.push({ pair, side: pair.old, loaded: loadSide(pair.old, noise) });
  });

  const readable = (list: Unpaired[]) =>
    list.filter((item): item is Unpaired & { loaded: { ok: true; summary: SideSummary } } => item.loaded.ok);
  const oldSides = readable(deleted);
  const newSides = readable(added);
  const candidate = (item: { loaded: { summary: SideSummary } }) => item.loaded.summary;
  const paired = pairCandidates(oldSides.map(candidate), newSides.map(candidate), RERECORD_SIMILARITY);
  const used = new Set<Unpaired>();
  for (const { deleted: d, added: a, similarity } of paired) {
    const before = oldSides[d]!;
    const after = newSides[a]!;
    used.add(before).add(after);
    const renamed = before.loaded.summary.textDigest === after.loaded.summary.textDigest;
    const paths: ChangePaths = {
      path: after.pair.path,
      file: after.pair.path,
      rel: after.pair.rel,
      oldPath: before.pair.path,
      status: renamed ? 'renamed' : 'rerecorded',
      similarity: Math.round(similarity * 1000) / 1000,
    };
    changes.push(renamed ? emptyChange(paths, after.loaded.summary) : compareSafely(before.loaded, after.loaded, paths, noise));
  }
  for (const item of added) if (!used.has(item)) changes.push(...unpaired(item, 'added', noise));
  for (const item of deleted) if (!used.has(item)) changes.push(...unpaired(item, 'deleted', noise));
  changes.sort(byReviewOrder);
  return { changes, summary: summarize(changes) };
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
  const paths: ChangePaths = { path: pair.path, file: pair.path, rel: pair.rel, oldPath, status: 'modified', similarity: null };
  const before = loadSide(oldSide, noise, oldRaw);
  oldRaw = null;
  if (large) releaseMemory();
  const after = loadSide(newSide, noise, newRaw ?? undefined);
  return compareSafely(before, after, paths, noise);
}

/**
 * A cassette changed in place, interaction by interaction: paired by position when the test
 * made as many calls as before, else by request similarity (a call added or removed shifts
 * the rest); an interaction left over is added or deleted. Each change is `<path>#<n>`.
 */
function compareCassettes(pair: SidePair, oldSide: Side, newSide: Side, noise: ReadonlySet<string>): Change[] {
  const oldRaw = oldSide.source.read(oldSide.file);
  const newRaw = newSide.source.read(newSide.file);
  if (oldRaw.ok && newRaw.ok && oldRaw.text === newRaw.text) return [];
  const before = loadCassette(oldSide, noise, oldRaw);
  const after = loadCassette(newSide, noise, newRaw);
  const at = (index: number) => `${pair.path}#${index}`;
  const paths = (oldIndex: number, newIndex: number, status: ChangeStatus, similarity: number | null): ChangePaths => ({
    path: at(newIndex),
    file: pair.path,
    rel: `${pair.rel}#${newIndex}`,
    oldPath: oldIndex === newIndex ? null : at(oldIndex),
    status,
    similarity,
  });
  const pairs: Array<{ old: number; new: number; similarity: number | null }> = [];
  if (before.length === after.length) before.forEach((_, i) => pairs.push({ old: i, new: i, similarity: null }));
  else {
    const readable = (sides: LoadedSide[]) => sides.flatMap((side, index) => (side.ok ? [{ index, summary: side.summary }] : []));
    const oldOnes = readable(before);
    const newOnes = readable(after);
    for (const found of pairCandidates(
      oldOnes.map((item) => item.summary),
      newOnes.map((item) => item.summary),
      RERECORD_SIMILARITY,
    ))
      pairs.push({
        old: oldOnes[found.deleted]!.index,
        new: newOnes[found.added]!.index,
        similarity: Math.round(found.similarity * 1000) / 1000,
      });
  }
  const changes: Change[] = [];
  for (const { old, new: now, similarity } of pairs) {
    const a = before[old]!;
    const b = after[now]!;
    if (a.ok && b.ok && a.summary.textDigest === b.summary.textDigest) continue; // the same call, unchanged
    changes.push(compareSafely(a, b, paths(old, now, 'modified', similarity), noise));
  }
  const pairedOld = new Set(pairs.map((item) => item.old));
  const pairedNew = new Set(pairs.map((item) => item.new));
  after.forEach((side, index) => {
    if (!pairedNew.has(index)) changes.push(bareSide(side, paths(index, index, 'added', null), 'new'));
  });
  before.forEach((side, index) => {
    if (!pairedOld.has(index)) changes.push(bareSide(side, { ...paths(index, index, 'deleted', null), path: at(index) }, 'old'));
  });
  return changes;
}

function bareSide(side: LoadedSide, paths: ChangePaths, which: 'old' | 'new'): Change {
  const change = emptyChange(paths, side.ok ? side.summary : null);
  if (!side.ok) change.problems.push(`${which} ${paths.path}: ${side.reason}`);
  return change;
}

/** A pair too deeply nested to walk is reported as such; the other pairs are still compared. */
function compareSafely(...args: Parameters<typeof compareLoaded>): Change {
  try {
    return compareLoaded(...args);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const [, after, paths] = args;
    const change = emptyChange(paths, after.ok ? after.summary : null);
    change.problems.push(`${paths.path}: too deeply nested to compare`);
    return change;
  }
}

/** A file added or deleted whole, not paired with another: a cassette is a row per call, as a changed one's are. */
function unpaired(item: Unpaired, status: ChangeStatus, noise: ReadonlySet<string>): Change[] {
  if (isSingleCallName(item.pair.path)) return [bare(item, status)];
  const which = status === 'added' ? 'new' : 'old';
  return loadCassette(item.side, noise).map((loaded, index) =>
    bareSide(
      loaded,
      {
        path: `${item.pair.path}#${index}`,
        file: item.pair.path,
        rel: `${item.pair.rel}#${index}`,
        oldPath: null,
        status,
        similarity: null,
      },
      which,
    ),
  );
}

function bare(item: Unpaired, status: ChangeStatus): Change {
  const paths: ChangePaths = { path: item.pair.path, file: item.pair.path, rel: item.pair.rel, oldPath: null, status, similarity: null };
  const change = emptyChange(paths, item.loaded.ok ? item.loaded.summary : null);
  if (!item.loaded.ok) change.problems.push(`${status === 'added' ? 'new' : 'old'} ${item.pair.path}: ${item.loaded.reason}`);
  return change;
}

/** A change is real unless all it has is noise, or it is the same file under another name; added and deleted files are real. */
function isRealChange(change: Change): boolean {
  if (change.problems.length > 0) return true;
  if (change.status === 'renamed') return false;
  if (change.status === 'added' || change.status === 'deleted') return true;
  return !(change.kinds.length === 1 && change.kinds[0] === 'noise-only');
}

/**
 * What a reviewer reads first: unreadable sides, then real changes by their most important
 * kind (the answer, then the request, then usage and form), then added and deleted files,
 * then noise and renames; by path within each.
 */
function reviewRank(change: Change): number {
  if (change.problems.length > 0) return 0;
  if (change.status === 'added') return 100;
  if (change.status === 'deleted') return 101;
  if (change.status === 'renamed') return 201;
  const first = change.kinds[0] ?? 'noise-only';
  return first === 'noise-only' ? 200 : 1 + CHANGE_KINDS.indexOf(first);
}

function byReviewOrder(a: Change, b: Change): number {
  return reviewRank(a) - reviewRank(b) || (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
}

function summarize(changes: readonly Change[]): DiffResult['summary'] {
  const byStatus: Record<ChangeStatus, number> = { modified: 0, rerecorded: 0, renamed: 0, added: 0, deleted: 0 };
  const byKind = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as Record<ChangeKind, number>;
  for (const change of changes) {
    byStatus[change.status]++;
    for (const kind of change.kinds) byKind[kind]++;
  }
  const real = changes.filter(isRealChange).length;
  const unchanged = changes.filter((change) => change.status === 'renamed' && change.problems.length === 0).length;
  return {
    files: changes.length,
    byStatus,
    byKind,
    real,
    noiseOnly: changes.length - real - unchanged,
    unchanged,
    unreadable: changes.filter((change) => change.problems.length > 0).length,
  };
}
