import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../src/core/verify/messages.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { ROOT } from './helpers.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The README's rule section as the rule definitions render it. */
function renderRuleSection(): string {
  const rows = RULES.map((rule) => `| \`${rule.name}\` | ${rule.defaultSeverity} | ${rule.scope} | ${rule.description} |`);
  const byPrefix = new Map<string, string[]>();
  for (const code of FINDING_CODES) {
    const prefix = code.split('/')[0]!;
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), code]);
  }
  const codes = [...byPrefix].map(([prefix, list]) => `- \`${prefix}\`: ${list.map((code) => `\`${code}\``).join(', ')}`);
  return [
    '| rule | default | scope | finds |',
    '|---|---|---|---|',
    ...rows,
    '',
    'Finding codes (stable; `--json` and the reports carry them):',
    '',
    ...codes,
  ].join('\n');
}

describe('README.md', () => {
  it('has the rule table and the finding codes exactly as the rule definitions say', () => {
    const match = /<!-- rules:start -->\n([\s\S]*?)\n<!-- rules:end -->/.exec(README);
    expect(match, 'README.md needs a <!-- rules:start --> ... <!-- rules:end --> section').not.toBeNull();
    expect(match![1]).toBe(renderRuleSection());
  });
});
