import { maskSecrets } from '../../core/secrets.js';
import { diffWords } from 'diff';
import { CHANGE_KINDS, type Change, type DiffResult } from '../../core/diff/types.js';
import type { ToolCall, Usage } from '../../core/types.js';
import { clean, cleanBlock, plural, shortenTestId, showJson, truncateEnd, wrapLines } from '../format-text.js';
import type { Terminal } from '../terminal.js';
import { stringifyJson } from '../../core/json/depth.js';
import type { Reporters } from './registry.js';

/**
 * `{"changes": [{"path", "oldPath", "status", "similarity", "testId", "endpoint", "model",
 * "firstMessage", "kinds", "problems", "details"}], "summary": {...}}`, changes in review
 * order; `details` holds, per kind, the old and new values.
 */
function renderDiffJson(result: DiffResult): string {
  const changes = result.changes.map((change) => ({
    path: change.path,
    oldPath: change.oldPath,
    status: change.status,
    similarity: change.similarity,
    testId: change.testId,
    endpoint: change.endpoint,
    model: change.model,
    firstMessage: change.firstMessage,
    kinds: change.kinds,
    problems: change.problems,
    details: change.details,
  }));
  return `${stringifyJson({ changes, summary: result.summary }, 2)}\n`;
}

export function renderDiffStat(result: DiffResult, terminal: Terminal): string {
  return `${summaryLines(result, terminal).join('\n')}\n`;
}

/** Summary first, then the files grouped by their main kind, real changes before noise. */
function renderDiffHuman(result: DiffResult, terminal: Terminal): string {
  const c = terminal.out;
  const lines = summaryLines(result, terminal);
  const groups = new Map<string, Change[]>();
  for (const change of result.changes) {
    const group = groupOf(change);
    groups.set(group, [...(groups.get(group) ?? []), change]);
  }
  // The changes come in review order; groups keep it.
  for (const group of groups.keys()) {
    lines.push('', c.bold(`${group} (${groups.get(group)!.length})`));
    for (const change of groups.get(group)!) lines.push(...renderChange(change, terminal));
  }
  return `${wrapLines(lines.join('\n'), terminal.columns)}\n`;
}

/** Problems of a cassette cassette does not compare (no interactions, a dialect it cannot read): not broken, only not compared. */
const NOT_COMPARED = /: (?:a cassette with no interactions|.*\bunsupported\b.*|.*cassette cannot read.*)$/;
const notCompared = (change: Change): boolean =>
  change.problems.length > 0 && change.problems.every((problem) => NOT_COMPARED.test(problem));

function groupOf(change: Change): string {
  if (notCompared(change)) return 'not compared';
  if (change.problems.length > 0) return 'unreadable';
  if (change.status === 'added' || change.status === 'deleted' || change.status === 'renamed') return change.status;
  return change.kinds[0] ?? 'noise-only';
}

function summaryLines(result: DiffResult, terminal: Terminal): string[] {
  const c = terminal.out;
  const { summary } = result;
  const skipped = result.changes.filter(notCompared).length;
  const unreadable = summary.unreadable - skipped;
  if (summary.files === 0) return ['no recording changed'];
  const kinds = CHANGE_KINDS.filter((kind) => summary.byKind[kind] > 0).map((kind) => `${kind} ${summary.byKind[kind]}`);
  // Files, not recordings: a cassette's changed interactions are one modified file.
  const files = new Map<string, Set<string>>();
  for (const change of result.changes) files.set(change.status, (files.get(change.status) ?? new Set()).add(change.file));
  const statuses = Object.keys(summary.byStatus)
    .filter((status) => files.has(status))
    .map((status) => `${status} ${files.get(status)!.size}`);
  const lines = [
    `${c.bold(plural(summary.files, 'changed recording'))}: ${summary.real > 0 ? c.yellow(`${summary.real} real`) : c.green('0 real')}, ${summary.noiseOnly} noise-only${summary.unchanged ? `, ${summary.unchanged} only renamed` : ''}${unreadable ? `, ${c.red(`${unreadable} unreadable`)}` : ''}${skipped ? `, ${skipped} not compared (empty or in a dialect cassette cannot read)` : ''}`,
  ];
  if (kinds.length > 0) lines.push(`  kinds: ${kinds.join(', ')}`);
  lines.push(`  files: ${statuses.join(', ')}`);
  return lines;
}

function renderChange(change: Change, terminal: Terminal): string[] {
  const c = terminal.out;
  // Two trees: the new path says enough for a file changed in place; a re-record names both.
  const paired = (change.status === 'rerecorded' || change.status === 'renamed') && change.oldPath;
  const head = clean(paired ? `${change.oldPath} -> ${change.path}` : change.path);
  const similarity = change.similarity === null ? '' : `, ${Math.round(change.similarity * 100)}% alike`;
  const tag = change.status === 'modified' ? '' : ` ${c.dim(`(${change.status}${similarity})`)}`;
  const lines = [`  ${head}${tag}${change.kinds.length > 1 ? c.dim(`  [${change.kinds.join(', ')}]`) : ''}`];
  // What a reviewer recognises a call by: its test and what the user asked.
  const who = [
    change.testId === null ? null : shortenTestId(change.testId, null),
    change.firstMessage === null ? null : `"${truncateEnd(change.firstMessage, 60)}"`,
  ];
  if (who.some(Boolean)) lines.push(`    ${c.dim(who.filter(Boolean).join('  '))}`);
  const detail = (label: string, text: string): void => void lines.push(`    ${c.dim(`${label}:`)} ${text}`);
  for (const problem of change.problems)
    detail(notCompared(change) ? 'not compared' : 'unreadable', notCompared(change) ? clean(problem) : c.red(clean(problem)));
  const { details } = change;
  for (const item of details.request) detail(clean(item.path), `${compact(item.old)} -> ${compact(item.new)}`);
  if (details.text) detail('text', wordDiff(details.text.old ?? '', details.text.new ?? '', terminal));
  if (details.reasoning) detail('reasoning', wordDiff(details.reasoning.old ?? '', details.reasoning.new ?? '', terminal));
  if (details.toolCalls) {
    const count = Math.max(details.toolCalls.old.length, details.toolCalls.new.length);
    for (let i = 0; i < count; i++)
      detail(`tool call ${i}`, `${describeCall(details.toolCalls.old[i])} -> ${describeCall(details.toolCalls.new[i])}`);
  }
  if (details.finishReason) detail('finish', clean(`${details.finishReason.old ?? '-'} -> ${details.finishReason.new ?? '-'}`));
  if (details.usage) detail('usage', describeUsage(details.usage.old, details.usage.new));
  if (details.model) detail('model', clean(`${details.model.old ?? '-'} -> ${details.model.new ?? '-'}`));
  if (details.error) detail('error', `${describeError(details.error.old)} -> ${describeError(details.error.new)}`);
  if (details.embeddings) {
    const { old, new: now, largestDifference } = details.embeddings;
    detail(
      'embeddings',
      `${old.count} x ${old.dimensions} -> ${now.count} x ${now.dimensions}, largest difference ${largestDifference.toPrecision(3)}`,
    );
  }
  if (details.models) {
    const { added, removed } = details.models;
    detail('models', clean([...added.map((id) => `+${id}`), ...removed.map((id) => `-${id}`)].join(' ')));
  }
  for (const item of details.structure) detail('structure', clean(item));
  return lines;
}

/**
 * A word-level diff: coloured on a terminal, `[-old-]{+new+}` when there is no colour.
 * Long unchanged stretches are shortened to their ends.
 */
function wordDiff(oldText: string, newText: string, terminal: Terminal): string {
  const c = terminal.out;
  const plain = c.level === 0;
  // Masked before diffing: two keys that share a prefix would otherwise show their differing rest.
  return diffWords(maskSecrets(oldText), maskSecrets(newText))
    .map((part) => {
      const value = cleanBlock(part.value);
      if (part.removed) return plain ? `[-${value}-]` : c.red.strikethrough(value);
      if (part.added) return plain ? `{+${value}+}` : c.green(value);
      return value.length > 240 ? `${truncateEnd(value, 100)} … ${value.slice(-100)}` : value;
    })
    .join('');
}

function describeCall(call: ToolCall | undefined): string {
  if (!call) return '(none)';
  return `${clean(call.name ?? '?')}(${truncateEnd(typeof call.arguments === 'string' ? call.arguments : showJson(call.arguments), 120)})`;
}

function describeUsage(old: Usage | null, now: Usage | null): string {
  const parts = (['prompt', 'completion', 'total'] as const)
    .filter((key) => (old?.[key] ?? null) !== (now?.[key] ?? null))
    .map((key) => `${key} ${old?.[key] ?? '-'} -> ${now?.[key] ?? '-'}`);
  return parts.join(', ');
}

function describeError(error: { type: string | null; status: number | null; message: string | null } | null): string {
  if (!error) return 'none';
  return [
    error.type && clean(error.type),
    error.status === null ? null : `(${error.status})`,
    error.message ? truncateEnd(error.message, 80) : null,
  ]
    .filter(Boolean)
    .join(' ');
}

function compact(value: unknown): string {
  return value === undefined ? '(absent)' : truncateEnd(showJson(value), 100);
}

export const DIFF_REPORTERS: Reporters<DiffResult, 'human' | 'stat' | 'json'> = {
  human: renderDiffHuman,
  stat: renderDiffStat,
  json: (result) => renderDiffJson(result),
};
