import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README, RULE_SECTION, renderRuleSection } from '../scripts/write-readme-rules.js';

describe('README.md', () => {
  it('has the rule table and the finding codes exactly as the rule definitions say (npm run docs:rules)', () => {
    const match = RULE_SECTION.exec(readFileSync(README, 'utf8'));
    expect(match, 'README.md needs a <!-- rules:start --> ... <!-- rules:end --> section').not.toBeNull();
    expect(match![1]).toBe(renderRuleSection());
  });
});
