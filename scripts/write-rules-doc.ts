/**
 * Writes docs/rules.md from the rule definitions and the finding codes. Run with
 * `npm run docs:rules`; test/docs.test.ts fails when the file and the definitions disagree.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FINDING_CODES } from '../src/core/verify/messages.js';
import { RULES } from '../src/core/verify/rule-list.js';

export const RULES_DOC = join(import.meta.dirname, '..', 'docs', 'rules.md');

export function renderRulesDoc(): string {
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
  return [
    '# Rules',
    '',
    '<!-- Generated from the rule definitions by `npm run docs:rules`; test/docs.test.ts keeps it true. -->',
    '',
    "`cassette verify` runs these rules. A rule's severity is set in the config (`rules`), and",
    '`--rule` / `--skip-rule` choose which run. `file` rules look at one recording at a time,',
    '`tree` rules at what every file of a run keeps.',
    '',
    '| rule | default | scope | applies to | finds |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    '## Finding codes',
    '',
    'Stable: `--json`, the GitHub and JUnit reports and the baseline (`cassette-suppressions.json`)',
    'carry them, and `--suppress-rule` takes them. Messages may be reworded; codes and their `data` are not.',
    '',
    ...codes,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(RULES_DOC, renderRulesDoc());
