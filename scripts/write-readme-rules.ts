/**
 * Writes the README's rule section (between `<!-- rules:start -->` and `<!-- rules:end -->`)
 * from the rule definitions and the finding codes. Run with `npm run docs:rules`;
 * test/readme.test.ts fails when the README and the definitions disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FINDING_CODES } from '../src/core/verify/messages.js';
import { RULES } from '../src/core/verify/rules/index.js';

export const README = join(import.meta.dirname, '..', 'README.md');
export const RULE_SECTION = /<!-- rules:start -->\n([\s\S]*?)\n<!-- rules:end -->/;

export function renderRuleSection(): string {
  const formats = (list: readonly string[]) => (list.length === 2 ? 'ogx, VCR' : 'ogx');
  const rows = RULES.map(
    (rule) => `| \`${rule.name}\` | ${rule.defaultSeverity} | ${rule.scope} | ${formats(rule.formats)} | ${rule.description} |`,
  );
  const byPrefix = new Map<string, string[]>();
  for (const code of FINDING_CODES) {
    const prefix = code.split('/')[0]!;
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), code]);
  }
  const codes = [...byPrefix].map(([prefix, list]) => `- \`${prefix}\`: ${list.map((code) => `\`${code}\``).join(', ')}`);
  const header = ['| rule | default | scope | applies to | finds |', '|---|---|---|---|---|'];
  return [...header, ...rows, '', 'Finding codes (stable; `--json` and the reports carry them):', '', ...codes].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = readFileSync(README, 'utf8');
  writeFileSync(README, text.replace(RULE_SECTION, `<!-- rules:start -->\n${renderRuleSection()}\n<!-- rules:end -->`));
}
