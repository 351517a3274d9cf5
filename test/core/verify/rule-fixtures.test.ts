import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, type FindingCode } from '../../../src/core/verify/messages.js';
import { FIXTURES } from '../../helpers.js';
import { verifyPaths } from './verify-helpers.js';

const CASES = join(FIXTURES, 'rules');
const TEST_ROOT = join(import.meta.dirname, '..', '..');

/**
 * The codes no committed tree can produce, and the test that produces them instead: a file
 * the checkout cannot read, a 256 MB file, a 4 MB nesting, a rule that throws.
 */
/** A reader of ours that throws on a recording: a bug, which no input is known to cause. */
const UNREACHABLE: FindingCode = 'parse/cassette-bug';

const ELSEWHERE: Partial<Record<FindingCode, string>> = {
  'parse/unreadable': 'core/load/parse.test.ts',
  'parse/too-large': 'core/load/parse.test.ts',
  'parse/too-deep': 'core/load/parse.test.ts',
  'internal/rule-failed': 'core/verify/rules.test.ts',
};

/**
 * One folder per case (scripts/write-rule-fixtures.ts): a recordings tree with one thing
 * wrong, and the findings verify must report on it, by path and code.
 */
describe('verify on the rule fixtures', () => {
  const names = readdirSync(CASES).sort();

  it('has a case for every finding code, or names the test that covers it, or why none can', () => {
    const onTrees = new Set(
      names.flatMap((name) =>
        (JSON.parse(readFileSync(join(CASES, name, 'expected.json'), 'utf8')) as Array<{ code: string }>).map(({ code }) => code),
      ),
    );
    const missing = FINDING_CODES.filter((code) => !onTrees.has(code) && !(code in ELSEWHERE) && code !== UNREACHABLE);
    expect(missing).toEqual([]);
    for (const [code, file] of Object.entries(ELSEWHERE)) {
      expect(onTrees.has(code), `${code} has a tree case now: drop it from ELSEWHERE`).toBe(false);
      expect(readFileSync(join(TEST_ROOT, file), 'utf8'), `${file} tests ${code}`).toContain(`'${code}'`);
    }
  });

  it.each(names)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(CASES, name, 'expected.json'), 'utf8')) as Array<{ path: string; code: string }>;
    const result = await verifyPaths(['.'], join(CASES, name, 'tree'));
    expect(result.findings.map(({ path, code }) => ({ path, code }))).toEqual(expected);
  });
});
