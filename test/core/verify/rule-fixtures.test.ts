import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../helpers.js';
import { verifyPaths } from './verify-helpers.js';

const CASES = join(FIXTURES, 'rules');

/**
 * One folder per case (scripts/write-rule-fixtures.ts): a recordings tree with one thing
 * wrong, and the findings verify must report on it, by path and code.
 */
describe('verify on the rule fixtures', () => {
  const names = readdirSync(CASES).sort();

  it('has a case for every finding code a rule can report on a tree', async () => {
    expect(names.length).toBeGreaterThanOrEqual(25);
  });

  it.each(names)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(CASES, name, 'expected.json'), 'utf8')) as Array<{ path: string; code: string }>;
    const result = await verifyPaths(['.'], join(CASES, name, 'tree'));
    expect(result.findings.map(({ path, code }) => ({ path, code }))).toEqual(expected);
  });
});
