import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/verify/run-verify.js';
import { applySuppressions, formatSuppressions, pruneSuppressions, suppressFindings } from '../../../src/core/verify/suppressions.js';

const finding = (path: string, code: Finding['code'] = 'secret/found'): Finding => ({
  code,
  rule: code.split('/')[0] as Finding['rule'],
  severity: 'error',
  path,
  message: 'm',
  data: {},
});
const scope = { baseDir: '/repo', cwd: '/repo', covers: () => true, looksFor: () => true };

describe('suppressions', () => {
  it('accept up to the count of a file and code; beyond it, every finding of that file and code is reported', () => {
    const baseline = { 'tests/cassettes/a.yaml': { 'secret/found': { count: 2 } } };
    const two = [finding('tests/cassettes/a.yaml'), finding('tests/cassettes/a.yaml')];
    expect(applySuppressions(two, baseline, scope)).toEqual({ reported: [], suppressed: 2, unused: 0 });
    const three = [...two, finding('tests/cassettes/a.yaml')];
    expect(applySuppressions(three, baseline, scope)).toMatchObject({ reported: three, suppressed: 0 });
    // Another code of the same file, or the same code of another file, is not accepted.
    const other = [finding('tests/cassettes/a.yaml', 'stream/no-end'), finding('tests/cassettes/b.yaml')];
    expect(applySuppressions(other, baseline, scope)).toMatchObject({ reported: other, suppressed: 0, unused: 1 });
  });

  it('paths are relative to the baseline folder, whichever folder the run is in', () => {
    const baseline = { 'tests/cassettes/a.yaml': { 'secret/found': { count: 1 } } };
    const fromTests = { ...scope, cwd: '/repo/tests' };
    expect(applySuppressions([finding('cassettes/a.yaml')], baseline, fromTests).suppressed).toBe(1);
  });

  it('count only entries this run judged as unused, and prune only those', () => {
    const baseline = { 'a.json': { 'hash/older-scheme': { count: 1 } }, 'b.json': { 'hash/older-scheme': { count: 1 } } };
    const onlyA = { ...scope, covers: (path: string) => path === '/repo/a.json' };
    expect(applySuppressions([], baseline, onlyA).unused).toBe(1);
    expect(pruneSuppressions([], baseline, onlyA)).toEqual({ 'b.json': { 'hash/older-scheme': { count: 1 } } });
    const hashOff = { ...scope, looksFor: (code: string) => !code.startsWith('hash/') };
    expect(applySuppressions([], baseline, hashOff).unused).toBe(0);
    expect(pruneSuppressions([], baseline, hashOff)).toEqual(baseline);
  });

  it('prune lowers counts to what is found; suppress sets them to it and keeps the other entries', () => {
    const baseline = { 'a.json': { 'secret/found': { count: 3 } }, 'z.json': { 'stream/no-end': { count: 1 } } };
    expect(pruneSuppressions([finding('a.json')], baseline, { ...scope, covers: (path: string) => path === '/repo/a.json' })).toEqual({
      'a.json': { 'secret/found': { count: 1 } },
      'z.json': { 'stream/no-end': { count: 1 } },
    });
    const next = suppressFindings([finding('a.json'), finding('m.json', 'hash/no-scheme')], baseline, scope, (f) => f.rule === 'hash');
    expect(next).toEqual({ ...baseline, 'm.json': { 'hash/no-scheme': { count: 1 } } });
  });

  it('are written sorted by path and code, whatever order they were built in', () => {
    const text = formatSuppressions({
      'b.json': { 'z/z': { count: 1 }, 'a/a': { count: 2 } },
      'a.json': { 'x/y': { count: 1 } },
      'e.json': {},
    });
    expect(text).toBe(
      '{\n  "a.json": {\n    "x/y": {\n      "count": 1\n    }\n  },\n  "b.json": {\n    "a/a": {\n      "count": 2\n    },\n    "z/z": {\n      "count": 1\n    }\n  }\n}\n',
    );
  });
});
