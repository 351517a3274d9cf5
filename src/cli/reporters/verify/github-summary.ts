import { exitCodeFor } from '../../context.js';
import { countBy } from '../../format-text.js';
import type { ReportContext, VerifyReport } from './index.js';

const TOP_FOLDERS = 10;

/**
 * The job summary GitHub shows on the run's page ($GITHUB_STEP_SUMMARY, Markdown): counts
 * per rule and code, what `cassette rehash --write` fixes, the folders with the most findings
 * and the suppressed count. Annotations stop at ten of a kind; this page has the whole run.
 */
export function renderGithubSummary(result: VerifyReport, context: ReportContext): string {
  const failed = exitCodeFor(result, { strict: context.strict }) !== 0;
  const lines = [
    `## cassette verify: ${failed ? 'failed' : 'passed'}`,
    '',
    `**${result.files} files: ${result.errors} errors, ${result.warnings} warnings**` +
      (result.suppressed > 0 ? ` (${result.suppressed} more suppressed by \`${cell(context.suppressions ?? 'the baseline')}\`)` : ''),
  ];
  if (result.findings.length > 0) {
    const codes = countBy(result.findings, (finding) => `${finding.rule}\t${finding.code}\t${finding.severity}`);
    lines.push('', '| rule | code | severity | findings |', '|---|---|---|---:|');
    for (const [key, count] of codes) {
      const [rule, code, severity] = key.split('\t');
      lines.push(`| ${rule} | \`${code}\` | ${severity} | ${count} |`);
    }
    if (context.rehashFixes !== undefined && context.rehashFixes > 0)
      lines.push(
        '',
        `\`cassette rehash --write\` fixes ${context.rehashFixes} of them (renames each file to the name the recorder looks up).`,
      );
    const folders = countBy(result.findings, (finding) => folderOf(finding.path)).slice(0, TOP_FOLDERS);
    lines.push('', '| folder | findings |', '|---|---:|');
    for (const [folder, count] of folders) lines.push(`| \`${cell(folder)}\` | ${count} |`);
  }
  if (result.unusedSuppressions > 0)
    lines.push('', `${result.unusedSuppressions} suppressions no longer occur: run \`cassette verify --prune-suppressions\`.`);
  return `${lines.join('\n')}\n\n`;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '.' : path.slice(0, slash);
}

/** Text inside a table cell or code span: no pipe ends the cell, no backtick the span, no line the table. */
function cell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/`/g, "'");
}
