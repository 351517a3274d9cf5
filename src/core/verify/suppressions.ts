import { isAbsolute, relative, resolve, sep } from 'node:path';
import * as z from 'zod/mini';
import type { Finding } from './run-verify.js';

/**
 * A baseline, as ESLint's bulk suppressions keep one: per file (relative to the baseline's
 * folder, `/`-separated) and finding code, how many findings are accepted. A file whose
 * findings of a code are no more than its count reports none of them; one with more reports
 * all of them, since nothing tells which are new.
 */
export type Suppressions = Record<string, Record<string, { count: number }>>;

export const SuppressionsSchema = z.record(
  z.string(),
  z.record(z.string().check(z.regex(/^[a-z-]+\/[a-z0-9-]+$/, 'not a finding code')), z.object({ count: z.int().check(z.positive()) })),
);

/** Where a baseline sits and which of its entries this run can judge. */
export interface SuppressionScope {
  /** The folder of the suppressions file: its paths are relative to it. */
  baseDir: string;
  /** The run's folder: findings' paths are relative to it. */
  cwd: string;
  /** Is a file (absolute path) one this run checked or would have checked? */
  covers: (absPath: string) => boolean;
  /** Did this run look for findings of this code (its rule was on)? */
  looksFor: (code: string) => boolean;
}

export interface SuppressedRun {
  /** The findings left to report: those beyond a file's count, and those of no entry. */
  reported: Finding[];
  suppressed: number;
  /** Entries of files and codes this run judged that no longer occur as often (prune them). */
  unused: number;
}

/** The baseline's key of a finding: its file relative to the baseline's folder. */
function baselinePath(finding: Pick<Finding, 'path'>, scope: Pick<SuppressionScope, 'baseDir' | 'cwd'>): string {
  return relative(scope.baseDir, resolve(scope.cwd, finding.path)).split(sep).join('/');
}

/** Counts findings per baseline path and code. */
function countFindings(findings: readonly Finding[], scope: Pick<SuppressionScope, 'baseDir' | 'cwd'>): Suppressions {
  const counts: Suppressions = {};
  for (const finding of findings) {
    const byCode = (counts[baselinePath(finding, scope)] ??= {});
    (byCode[finding.code] ??= { count: 0 }).count += 1;
  }
  return counts;
}

/** Takes away the findings the baseline accepts. */
export function applySuppressions(findings: readonly Finding[], baseline: Suppressions, scope: SuppressionScope): SuppressedRun {
  const counts = countFindings(findings, scope);
  const reported: Finding[] = [];
  let suppressed = 0;
  for (const finding of findings) {
    const path = baselinePath(finding, scope);
    const allowed = baseline[path]?.[finding.code]?.count ?? 0;
    if (counts[path]![finding.code]!.count <= allowed) suppressed += 1;
    else reported.push(finding);
  }
  let unused = 0;
  for (const [path, codes] of Object.entries(baseline)) {
    if (!scope.covers(resolveBaselinePath(path, scope))) continue;
    for (const [code, { count }] of Object.entries(codes))
      if (scope.looksFor(code) && (counts[path]?.[code]?.count ?? 0) < count) unused += 1;
  }
  return { reported, suppressed, unused };
}

/**
 * The baseline after `--suppress-all` (`accept` takes every code) or `--suppress-rule`: the
 * accepted codes of every file this run judged are set to what it found; every other entry stays.
 */
export function suppressFindings(
  findings: readonly Finding[],
  baseline: Suppressions,
  scope: SuppressionScope,
  accept: (finding: Finding) => boolean,
): Suppressions {
  const found = countFindings(findings.filter(accept), scope);
  const next = structuredClone(baseline);
  for (const [path, codes] of Object.entries(found)) {
    const byCode = (next[path] ??= {});
    for (const [code, { count }] of Object.entries(codes)) byCode[code] = { count };
  }
  return next;
}

/** `--prune-suppressions`: counts lowered to what this run found, entries found no more removed. */
export function pruneSuppressions(findings: readonly Finding[], baseline: Suppressions, scope: SuppressionScope): Suppressions {
  const found = countFindings(findings, scope);
  const next: Suppressions = {};
  for (const [path, codes] of Object.entries(baseline)) {
    const judged = scope.covers(resolveBaselinePath(path, scope));
    for (const [code, { count }] of Object.entries(codes)) {
      const kept = judged && scope.looksFor(code) ? Math.min(count, found[path]?.[code]?.count ?? 0) : count;
      if (kept > 0) (next[path] ??= {})[code] = { count: kept };
    }
  }
  return next;
}

/** The file's text: paths and codes sorted, one entry a line pair, so that a review reads its diff. */
export function formatSuppressions(baseline: Suppressions): string {
  const sorted: Suppressions = {};
  for (const path of Object.keys(baseline).sort()) {
    const codes = baseline[path]!;
    const names = Object.keys(codes).sort();
    if (names.length > 0) sorted[path] = Object.fromEntries(names.map((code) => [code, { count: codes[code]!.count }]));
  }
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

export function countEntries(baseline: Suppressions): { files: number; findings: number } {
  const files = Object.values(baseline).filter((codes) => Object.keys(codes).length > 0);
  return {
    files: files.length,
    findings: files.reduce((total, codes) => total + Object.values(codes).reduce((n, { count }) => n + count, 0), 0),
  };
}

function resolveBaselinePath(path: string, scope: Pick<SuppressionScope, 'baseDir'>): string {
  return isAbsolute(path) ? path : resolve(scope.baseDir, path);
}
