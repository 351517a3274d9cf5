import { describe, expect, it } from 'vitest';
import { pairCandidates, type Candidate } from '../../../src/core/diff/pairing.js';

/** A candidate whose request has ten leaves every candidate shares and ten of its own values. */
function candidate(values: string, extra: Partial<Candidate> = {}): Candidate {
  const leaves = new Map<string, string>();
  for (let i = 0; i < 10; i++) leaves.set(`body.shared${i}`, '"same"');
  [...values].forEach((value, i) => leaves.set(`body.p${i}`, value));
  return { endpoint: '/v1/chat/completions', testId: 't::x', model: 'gpt-4o', leaves: { leaves }, ...extra };
}

describe('pairCandidates', () => {
  it('assigns the best pairs of the whole change first, where taking them in file order goes wrong', () => {
    const deleted = [candidate('1111111111'), candidate('2222222222')];
    // In file order the first addition would take the second deletion (0.8 > 0.7), leaving the
    // second addition the first deletion (0.5): two wrong pairs.
    const added = [candidate('2222221111'), candidate('2222222222')];
    expect(pairCandidates(deleted, added, 0.5).map(({ deleted: d, added: a }) => [d, a])).toEqual([
      [1, 1],
      [0, 0],
    ]);
  });

  it('pairs within an endpoint and test, but lets a model change pair', () => {
    const deleted = [candidate('1111111111')];
    expect(pairCandidates(deleted, [candidate('1111111111', { endpoint: '/v1/embeddings' })], 0.5)).toEqual([]);
    expect(pairCandidates(deleted, [candidate('1111111111', { testId: 't::y' })], 0.5)).toEqual([]);
    expect(pairCandidates(deleted, [candidate('1111111111', { model: 'gpt-4o-mini' })], 0.5)).toHaveLength(1);
    expect(pairCandidates([candidate('1111111111', { testId: null })], [candidate('1111111111')], 0.5)).toHaveLength(1);
  });
});
