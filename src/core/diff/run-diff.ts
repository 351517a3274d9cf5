import { dirname } from 'node:path';
import { compareRecordings, loadSide, requestSimilarity } from './compare.js';
import type { SidePair } from './collect-sides.js';
import { CHANGE_KINDS, type Change, type ChangeKind, type ChangeStatus, type DiffResult } from './types.js';

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
  const added: Array<{ pair: SidePair; text: string; key: string | null }> = [];
  const deleted: Array<{ pair: SidePair; text: string; key: string | null }> = [];
  pairs.forEach((pair, position) => {
    const oldText = pair.old?.read() ?? null;
    const newText = pair.new?.read() ?? null;
    options.onProgress?.(position + 1, pairs.length);
    if (oldText !== null && newText !== null) {
      if (oldText !== newText) changes.push(compareRecordings(oldText, newText, { path: pair.path, rel: pair.rel, oldPath: pair.old!.path === pair.path ? null : pair.old!.path, status: 'modified' }, noise));
    } else if (newText !== null) added.push({ pair, text: newText, key: identity(newText) });
    else if (oldText !== null) deleted.push({ pair, text: oldText, key: identity(oldText) });
  });

  const used = new Set<number>();
  for (const addition of added) {
    const key = addition.key;
    let best = -1;
    let bestScore = RERECORD_SIMILARITY;
    deleted.forEach((deletion, i) => {
      if (used.has(i) || key === null || deletion.key !== key || dirname(deletion.pair.rel) !== dirname(addition.pair.rel)) return;
      const score = requestSimilarity(deletion.text, addition.text);
      if (score >= bestScore) {
        best = i;
        bestScore = score;
      }
    });
    if (best >= 0) {
      used.add(best);
      const deletion = deleted[best]!;
      changes.push(compareRecordings(deletion.text, addition.text, { path: addition.pair.path, rel: addition.pair.rel, oldPath: deletion.pair.path, status: 'rerecorded' }, noise));
    } else changes.push(bare(addition.pair, 'added'));
  }
  deleted.forEach((deletion, i) => {
    if (!used.has(i)) changes.push(bare(deletion.pair, 'deleted'));
  });
  changes.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { changes, summary: summarize(changes) };
}

/** Test id and endpoint: what must agree for two files to be one call re-recorded. */
function identity(text: string): string | null {
  const side = loadSide(text, 'x');
  return side.ok ? JSON.stringify([side.loaded.envelope.testId, side.loaded.envelope.endpoint]) : null;
}

function bare(pair: SidePair, status: ChangeStatus): Change {
  return { path: pair.path, rel: pair.rel, oldPath: null, status, kinds: [], details: { request: [], structure: [] }, problems: [] };
}

/** A change is real unless all it has is noise; added and deleted files are real. */
export function isRealChange(change: Change): boolean {
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
  return { files: changes.length, byStatus, byKind, real, noiseOnly: changes.length - real, unreadable: changes.filter((change) => change.problems.length > 0).length };
}
