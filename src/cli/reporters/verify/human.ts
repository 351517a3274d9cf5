import { RULE_NAMES } from '../../../core/verify/rule-list.js';
import { exitCodeFor } from '../../context.js';
import { clean, countBy, padEnd, plural, wrapLines } from '../../format-text.js';
import type { Reporter } from './index.js';
import { locatedMessage } from './located-message.js';

/** Problems grouped by file, then `N files, E errors, W warnings` and the rules by count. */
export const renderHuman: Reporter = (result, { terminal, strict, scheme, suppressions, rehashFixes }) => {
  const c = terminal.out;
  const lines: string[] = [];
  const ruleWidth = Math.max(...RULE_NAMES.map((rule) => rule.length));
  let current: string | null = null;
  for (const problem of result.findings) {
    if (problem.path !== current) {
      if (current !== null) lines.push('');
      lines.push(c.underline(clean(problem.path)));
      current = problem.path;
    }
    const severity = problem.severity === 'error' ? c.red('error  ') : c.yellow('warning');
    lines.push(`  ${severity}  ${c.dim(padEnd(problem.rule, ruleWidth))}  ${clean(locatedMessage(problem))}`);
  }
  if (lines.length > 0) lines.push('');
  const failed = exitCodeFor(result, { strict }) !== 0;
  const summary = `${plural(result.files, 'file')}, ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`;
  lines.push(failed ? c.red(c.bold(summary)) : result.warnings > 0 ? c.yellow(summary) : c.green(summary));
  const byRule = countBy(result.findings, (problem) => problem.rule);
  if (byRule.length > 0) lines.push(`rules: ${byRule.map(([rule, count]) => `${rule} ${count}`).join(', ')}`);
  if (rehashFixes !== undefined && rehashFixes > 0)
    lines.push(`cassette rehash --write fixes ${plural(rehashFixes, 'file')} of them: renames, no re-recording`);
  if (result.suppressed > 0)
    lines.push(c.dim(`${plural(result.suppressed, 'finding')} suppressed by ${clean(suppressions ?? 'the baseline')}`));
  if (scheme) lines.push(c.dim(`hash scheme: ${clean(scheme)}`));
  return `${wrapLines(lines.join('\n'), terminal.columns)}\n`;
};
