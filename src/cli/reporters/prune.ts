import type { DeleteResult } from '../../core/prune/delete-orphans.js';
import type { PrunePlan, Refusal } from '../../core/prune/plan-prune.js';
import { clean, countBy, plural } from '../format-text.js';
import type { Terminal } from '../terminal.js';

export interface PruneReport {
  plan: PrunePlan;
  deletion: DeleteResult | null;
  /** --delete was asked for and refused. */
  refused: boolean;
  /** Refusals that --force overrode. */
  forced: Refusal[];
  git: boolean;
}

/** `{"orphans":[{"path","testId","reason"}],"considered":N,"shared":N,"deleted":bool}` and the refusals. */
export function renderPruneJson(report: PruneReport): string {
  const { plan, deletion } = report;
  return `${JSON.stringify(
    {
      orphans: plan.orphans.map((orphan) => ({ path: orphan.entry.path, testId: orphan.testId, reason: orphan.reason })),
      considered: plan.considered,
      shared: plan.shared,
      deleted: deletion !== null && deletion.deleted.length > 0,
      refusals: plan.refusals.map(({ code, message }) => ({ code, message })),
    },
    null,
    2,
  )}\n`;
}

export function renderPruneHuman(report: PruneReport, terminal: Terminal): string {
  const c = terminal.out;
  const { plan, deletion } = report;
  const lines: string[] = [];
  let current: string | null = null;
  for (const orphan of plan.orphans) {
    if (orphan.testId !== current) {
      if (current !== null) lines.push('');
      lines.push(`${c.bold(clean(orphan.testId))}  ${c.yellow(orphan.reason)}`);
      current = orphan.testId;
    }
    lines.push(`  ${clean(orphan.entry.path)}`);
  }
  if (lines.length > 0) lines.push('');
  const reasons = countBy(plan.orphans, (orphan) => orphan.reason)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
  lines.push(
    `${c.bold(`${plural(plan.orphans.length, 'orphan')}`)} of ${plural(plan.considered, 'recording')} with a test id${reasons ? ` (${reasons})` : ''}; ${plan.shared} without one (shared calls, 2025 files), never orphans`,
  );
  if (plan.mode === 'static')
    lines.push(c.dim('static mode: parametrisation is not judged; give --collected or --collect to judge it from a real collection'));
  // In a dry run these are what --delete would refuse on; with --delete, why it did.
  const refusalLabel = report.refused || report.forced.length > 0 ? 'refuse:' : '--delete would refuse:';
  if (!report.deletion || report.refused)
    for (const refusal of plan.refusals) lines.push(`${c.red(refusalLabel)} ${clean(refusal.message)}`);

  if (report.refused) {
    lines.push(c.red('nothing deleted: the evidence looks partial (above); --force deletes anyway'));
  } else if (deletion) {
    for (const refusal of report.forced) lines.push(c.yellow(`--force overrode: ${clean(refusal.message)}`));
    for (const orphan of deletion.deleted) lines.push(`removed ${clean(orphan.entry.path)}`);
    for (const { orphan, reason } of deletion.failed) lines.push(c.red(`not removed ${clean(orphan.entry.path)}: ${clean(reason)}`));
    lines.push(`${plural(deletion.deleted.length, 'file')} removed`);
    if (report.git && deletion.deleted.length > 0)
      lines.push(`restore with: git checkout -- ${deletion.deleted.map((orphan) => orphan.entry.path).join(' ')}`);
  } else if (plan.orphans.length > 0) {
    lines.push(`dry run: nothing was deleted; --delete removes ${plural(plan.orphans.length, 'file')}`);
  }
  return `${lines.join('\n')}\n`;
}
