import { describe, expect, it } from 'vitest';
import { resolveRef } from '../../src/core/resolve-ref.js';
import type { Entry } from '../../src/core/types.js';

function entry(hash: string, testId: string | null, extra: Partial<Entry> = {}): Entry {
  return {
    id: hash.slice(0, 12),
    path: `tests/integration/inference/recordings/${hash}.json`,
    absPath: `/repo/tests/integration/inference/recordings/${hash}.json`,
    interaction: 0,
    nameHash: hash,
    layout: 'per-area',
    bytes: 100,
    testId,
    endpoint: '/v1/chat/completions',
    model: 'gpt-4o',
    kind: 'chat-stream',
    streaming: true,
    chunks: 3,
    responseId: `rec-${hash.slice(0, 12)}`,
    error: null,
    format: 'ogx',
    container: 'ogx',
    note: null,
    ...extra,
  };
}

const A = entry('aaaa1111'.padEnd(64, '0'), 'tests/integration/inference/test_chat.py::test_stream[txt=gpt-4o]');
const B = entry('aaaa2222'.padEnd(64, '0'), 'tests/integration/inference/test_chat.py::test_stream[txt=llama]');
const C = entry('bbbb3333'.padEnd(64, '0'), 'tests/integration/agents/test_agents.py::test_simple', { responseId: 'rec-cccccccccccc' });
const entries = [A, B, C];

const found = (ref: string) => {
  const result = resolveRef(ref, entries);
  return result.status === 'found' ? result.entry : result.status;
};

describe('resolveRef', () => {
  it('finds by full hash and by a unique prefix of 4+ hex', () => {
    expect(found(A.nameHash!)).toBe(A);
    expect(found('aaaa1')).toBe(A);
    expect(found('bbbb')).toBe(C);
  });

  it('reports an ambiguous prefix with every candidate', () => {
    expect(resolveRef('aaaa', entries)).toEqual({ status: 'ambiguous', candidates: [A, B] });
  });

  it('finds by rec- response id, from the data first, else from the hash it encodes', () => {
    expect(found('rec-cccccccccccc')).toBe(C);
    expect(found(`rec-${B.nameHash!.slice(0, 12)}`)).toBe(B);
  });

  it('finds by path, relative or as a suffix', () => {
    expect(found(A.path)).toBe(A);
    expect(found(`./${A.path}`)).toBe(A);
    expect(found(`recordings/${B.nameHash}.json`)).toBe(B);
  });

  it('finds by exact test id, then by unique substring', () => {
    expect(found(A.testId!)).toBe(A);
    expect(found('test_agents.py')).toBe(C);
    expect(resolveRef('test_chat.py::test_stream', entries)).toMatchObject({ status: 'ambiguous', candidates: [A, B] });
  });

  it('prefers an exact test id over a longer one containing it', () => {
    const short = entry('dddd'.padEnd(64, '1'), 'tests/x.py::test_a');
    const long = entry('eeee'.padEnd(64, '1'), 'tests/x.py::test_a[p]');
    const result = resolveRef('tests/x.py::test_a', [short, long]);
    expect(result).toEqual({ status: 'found', entry: short });
  });

  it('says missing, with loose candidates when some resemble the ref', () => {
    expect(resolveRef('ffff', entries)).toEqual({ status: 'missing', candidates: [] });
    expect(resolveRef('GPT-4O', entries)).toMatchObject({ status: 'missing', candidates: [A, B, C] });
  });
});
