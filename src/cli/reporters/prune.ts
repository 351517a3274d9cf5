import type { DeleteResult, Removal } from '../../core/prune/delete-orphans.js';
import type { PrunePlan, Refusal } from '../../core/prune/plan-prune.js';
import { clean, countBy, plural } from '../format-text.js';
import { shellQuote } from '../shell-quote.js';
import type { Terminal } from '../terminal.js';
import { stringifyJson } from '../../core/json/depth.js';
import { LAYOUT_DESCRIPTIONS } from '../../core/prune/cassette-layouts.js';
import { displayPath } from '../../core/sources/display-path.js';
import type { Reporters } from './registry.js';

export interface PruneReport {
  plan: PrunePlan;
  deletion: DeleteResult | null;
  /** --delete was asked for and refused. */
  refused: boolean;
  /** Refusals that --force overrode. */
  forced: Refusal[];
}

/**
 * `{"orphans":[{"path","testId","reason"}],"considered","shared","sharedCassettes","unsupported",
 * "layouts":[{"folder","layout","explained":{<layout>: n},"total"}],"namings":[{"container","rule","judged"}],"deleted","refusals",
 * "files":[{"path","testId","reason","removed","kept","detail","restorable"}],"interrupted"}`:
 * `files` is every planned file and what became of it (empty in a dry run).
 */
function renderPruneJson(report: PruneReport, cwd: string): string {
  const { plan, deletion } = report;
  const removed = deletion?.removals.filter((removal) => removal.removed).length ?? 0;
  return `${stringifyJson(
    {
      orphans: plan.orphans.map((orphan) => ({ path: orphan.entry.path, testId: orphan.testId, reason: orphan.reason })),
      considered: plan.considered,
      shared: plan.shared,
      sharedCassettes: plan.sharedCassettes,
      unsupported: plan.unsupported,
      layouts: plan.layouts.map((choice) => ({
        folder: displayPath(choice.folder, cwd),
        layout: choice.layout,
        explained: choice.explained,
        total: choice.total,
      })),
      namings: plan.namings,
      deleted: removed > 0,
      refusals: plan.refusals.map(({ code, message }) => ({ code, message })),
      files: (deletion?.removals ?? []).map((removal) => ({
        path: removal.orphan.entry.path,
        testId: removal.orphan.testId,
        reason: removal.orphan.reason,
        removed: removal.removed,
        kept: removal.kept,
        detail: removal.detail,
        restorable: removal.restorable,
      })),
      interrupted: deletion?.interrupted ?? false,
    },
    2,
  )}
`;
}

/** One line per file as it is removed or kept: printed while the deletion runs. */
export function renderRemoval(removal: Removal, terminal: Terminal): string {
  const c = terminal.out;
  const path = clean(removal.orphan.entry.path);
  if (!removal.removed) return c.red(`kept ${path}: ${clean(removal.detail ?? '')}`);
  return removal.restorable ? `removed ${path}` : `removed ${path} ${c.yellow('(not in git: cannot be restored)')}`;
}

export function renderPruneHuman(report: PruneReport, terminal: Terminal, cwd: string): string {
  const c = terminal.out;
  const { plan, deletion } = report;
  const lines: string[] = [];
  if (!deletion) {
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
  }
  const reasons = countBy(plan.orphans, (orphan) => orphan.reason)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
  lines.push(
    `${c.bold(`${plural(plan.orphans.length, 'orphan')}`)} of ${plural(plan.considered, 'recording')} with a test id${reasons ? ` (${reasons})` : ''}; ${plan.shared} without one (${describeShared(plan)}), never orphans`,
  );
  lines.push(...describeLayouts(plan, cwd, terminal));
  // Parametrisation is pytest's: said only when recordings were judged by pytest test ids.
  const byPytest = plan.considered - plan.namings.reduce((total, naming) => total + naming.judged, 0);
  if (plan.mode === 'static' && byPytest > 0)
    lines.push(c.dim('static mode: parametrisation is not judged; give --collected or --collect to judge it from a real collection'));
  // In a dry run these are what --delete would refuse on; with --delete, why it did.
  const refusalLabel = report.refused || report.forced.length > 0 ? 'refuse:' : '--delete would refuse:';
  if (!deletion || report.refused) for (const refusal of plan.refusals) lines.push(`${c.red(refusalLabel)} ${clean(refusal.message)}`);

  if (report.refused) {
    lines.push(c.red('nothing deleted: the evidence looks partial or the files cannot be restored (above); --force deletes anyway'));
  } else if (deletion) {
    for (const refusal of report.forced) lines.push(c.yellow(`--force overrode: ${clean(refusal.message)}`));
    lines.push(...summarizeDeletion(deletion, terminal));
  } else if (plan.orphans.length > 0) {
    // One count per thing: what --delete does, refusing or not.
    lines.push(
      plan.refusals.length > 0
        ? `dry run: nothing was deleted; --delete refuses (above), --delete --force removes ${plural(plan.orphans.length, 'file')}`
        : `dry run: nothing was deleted; --delete removes ${plural(plan.orphans.length, 'file')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function summarizeDeletion(deletion: DeleteResult, terminal: Terminal): string[] {
  const c = terminal.out;
  const removed = deletion.removals.filter((removal) => removal.removed);
  const kept = deletion.removals.filter((removal) => !removal.removed);
  const lines = [`${plural(removed.length, 'file')} removed${kept.length > 0 ? c.red(`, ${kept.length} kept`) : ''}`];
  if (deletion.interrupted) {
    const notReached = kept.filter((removal) => removal.kept === 'interrupted');
    lines.push(c.yellow(`interrupted: ${plural(notReached.length, 'planned file')} not reached, left in place:`));
    for (const removal of notReached) lines.push(`  ${clean(removal.orphan.entry.path)}`);
  }
  const restorable = removed.filter((removal) => removal.restorable);
  if (restorable.length > 0) {
    // One command per file, each path quoted for a POSIX shell: safe to paste whatever the name.
    lines.push('restore with:');
    for (const removal of restorable) lines.push(`  git checkout -- ${shellQuote(removal.orphan.entry.path)}`);
  }
  const lost = removed.length - restorable.length;
  if (lost > 0) lines.push(c.yellow(`${plural(lost, 'removed file')} not in git: cannot be restored`));
  return lines;
}

/** What the recordings without a test id are: an ogx file's shared calls, or cassettes named otherwise. */
function describeShared(plan: PrunePlan): string {
  const cassettes = "cassettes outside the naming rule, which the config's cassetteNames maps";
  if (plan.sharedCassettes === 0) return 'shared calls, 2025 files';
  return plan.sharedCassettes === plan.shared ? cassettes : `shared calls, 2025 files, ${cassettes}`;
}

/** Which layout judged each cassettes folder: each folder when there are a few, else the count per layout. */
function describeLayouts(plan: PrunePlan, cwd: string, terminal: Terminal): string[] {
  const c = terminal.out;
  const judged = plan.layouts.filter((choice) => choice.layout !== null);
  const lines: string[] = [];
  if (judged.length > 0 && judged.length <= 3) {
    for (const choice of judged)
      lines.push(
        c.dim(
          `${clean(displayPath(choice.folder, cwd))}/: ${LAYOUT_DESCRIPTIONS[choice.layout!]} (${choice.explained[choice.layout!]} of ${plural(choice.total, 'cassette')} with their test)`,
        ),
      );
  } else if (judged.length > 3) {
    const byLayout = countBy(judged, (choice) => choice.layout!);
    lines.push(c.dim(`cassette layouts: ${byLayout.map(([layout, count]) => `${layout} ${plural(count, 'folder')}`).join(', ')}`));
  }
  for (const naming of plan.namings)
    lines.push(c.dim(`${plural(naming.judged, `${naming.container} cassette`)} judged by ${clean(naming.rule)}`));
  if (plan.unsupported > 0)
    lines.push(c.dim(`${plural(plan.unsupported, 'cassette')} of a dialect cassette cannot read (WebSocket, gRPC): never judged`));
  return lines;
}

export const PRUNE_REPORTERS: Reporters<{ report: PruneReport; cwd: string }> = {
  human: ({ report, cwd }, terminal) => renderPruneHuman(report, terminal, cwd),
  json: ({ report, cwd }) => renderPruneJson(report, cwd),
};
