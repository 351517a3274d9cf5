import { countBy, plural } from '../../format-text.js';
import { exitCodeFor } from '../../context.js';
import type { Reporter, VerifyReport } from './index.js';
import { locatedMessage } from './located-message.js';

// GitHub workflow commands: data escapes %, CR and LF; property values also ':' and ','.
const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * One `::error` / `::warning` annotation per finding, shown on the file in the pull request
 * (the title is its code), then the whole run in one line: GitHub shows only the first ten
 * annotations of a kind on a pull request, and the log's last line is what a reviewer reads.
 */
export const renderGithub: Reporter = (result, context) => {
  const annotations = result.findings.map(
    (finding) =>
      `::${finding.severity} file=${escapeProperty(finding.path)}${finding.line === undefined ? '' : `,line=${finding.line}`},title=${escapeProperty(`cassette ${finding.code}`)}::${escapeData(locatedMessage(finding))}\n`,
  );
  return `${annotations.join('')}${escapeData(summarizeRun(result, context))}\n`;
};

/** `cassette verify: 3170 files, 445 errors (hash 445), 250 warnings (duplicate 250); 12 suppressed; failed`. */
function summarizeRun(result: VerifyReport, context: { strict: boolean; suppressions?: string }): string {
  const bySeverity = (severity: 'error' | 'warning') => {
    const rules = countBy(
      result.findings.filter((finding) => finding.severity === severity),
      (finding) => finding.rule,
    );
    return rules.length === 0 ? '' : ` (${rules.map(([rule, count]) => `${rule} ${count}`).join(', ')})`;
  };
  const parts = [
    plural(result.files, 'file'),
    `${plural(result.errors, 'error')}${bySeverity('error')}`,
    `${plural(result.warnings, 'warning')}${bySeverity('warning')}`,
  ];
  const suppressed = result.suppressed > 0 ? `; ${result.suppressed} suppressed by ${context.suppressions ?? 'the baseline'}` : '';
  const verdict = exitCodeFor(result, { strict: context.strict }) === 0 ? 'passed' : 'failed';
  return `cassette verify: ${parts.join(', ')}${suppressed}; ${verdict}`;
}
