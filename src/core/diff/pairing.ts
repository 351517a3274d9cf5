import { similarity, type RequestLeaves } from './similarity.js';

/** An added or deleted file, as pairing sees it. */
export interface Candidate {
  endpoint: string | null;
  testId: string | null;
  model: string | null;
  leaves: RequestLeaves;
}

export interface Pairing {
  deleted: number;
  added: number;
  similarity: number;
}

/**
 * Pairs deleted files with added ones like a careful reviewer: every candidate pair that
 * shares the endpoint (and the test id when both have one) is scored by request
 * similarity, and the highest scores are assigned first across the whole change, so that
 * file order never decides. Candidates are compared within buckets (endpoint, test id,
 * model; then without the model, so that a model change still pairs), never all against
 * all. Pairs below `minimum` stay added and deleted.
 */
export function pairCandidates(deleted: readonly Candidate[], added: readonly Candidate[], minimum: number): Pairing[] {
  const scored: Pairing[] = [];
  const seen = new Set<string>();
  for (const withModel of [true, false]) {
    const bucketOf = (candidate: Candidate, testId: string | null) =>
      JSON.stringify([candidate.endpoint, testId, withModel ? candidate.model : null]);
    const buckets = new Map<string, number[]>();
    added.forEach((candidate, i) => {
      const key = bucketOf(candidate, candidate.testId);
      buckets.set(key, [...(buckets.get(key) ?? []), i]);
    });
    deleted.forEach((candidate, d) => {
      // A file with no test id (recorded before 2025-10) may pair with either.
      const keys =
        candidate.testId === null
          ? [...buckets.keys()].filter((key) => sameBucketAnyTest(key, bucketOf(candidate, null)))
          : [bucketOf(candidate, candidate.testId), bucketOf(candidate, null)];
      for (const key of keys) {
        for (const a of buckets.get(key) ?? []) {
          if (seen.has(`${d}:${a}`)) continue;
          seen.add(`${d}:${a}`);
          const score = similarity(candidate.leaves, added[a]!.leaves);
          if (score >= minimum) scored.push({ deleted: d, added: a, similarity: score });
        }
      }
    });
  }
  scored.sort((x, y) => y.similarity - x.similarity || x.added - y.added || x.deleted - y.deleted);
  const usedDeleted = new Set<number>();
  const usedAdded = new Set<number>();
  const pairs: Pairing[] = [];
  for (const pair of scored) {
    if (usedDeleted.has(pair.deleted) || usedAdded.has(pair.added)) continue;
    usedDeleted.add(pair.deleted);
    usedAdded.add(pair.added);
    pairs.push(pair);
  }
  return pairs;
}

/** Do two bucket keys differ only in the test id? */
function sameBucketAnyTest(key: string, wildcard: string): boolean {
  const [endpoint, , model] = JSON.parse(key) as [string | null, string | null, string | null];
  const [wantEndpoint, , wantModel] = JSON.parse(wildcard) as [string | null, string | null, string | null];
  return endpoint === wantEndpoint && model === wantModel;
}
