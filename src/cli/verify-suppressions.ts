import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isInside } from '../core/real-path.js';
import { readSmallFile } from '../core/read-small-file.js';
import { FINDING_CODES } from '../core/verify/messages.js';
import type { Finding, VerifyResult } from '../core/verify/run-verify.js';
import { RULE_NAMES } from '../core/verify/rule-list.js';
import {
  SuppressionsSchema,
  applySuppressions,
  countEntries,
  formatSuppressions,
  pruneSuppressions,
  suppressFindings,
  type SuppressionScope,
  type Suppressions,
} from '../core/verify/suppressions.js';
import { suggest } from '../core/choices.js';
import type { Context } from './context.js';
import { UserError } from './errors.js';
import { plural } from './format-text.js';

export const DEFAULT_SUPPRESSIONS = 'cassette-suppressions.json';
// A baseline of a huge tree is a few MB; anything far beyond is not one.
const MAX_SUPPRESSIONS_BYTES = 64 * 1024 * 1024;

export interface SuppressionOptions {
  suppressAll?: boolean;
  suppressRule?: string[];
  pruneSuppressions?: boolean;
  suppressionsLocation?: string;
}

export interface SuppressedResult {
  result: VerifyResult & { suppressed: number; unusedSuppressions: number };
  /** The baseline to write, when the run changed it. */
  file?: { path: string; content: string };
  notices: string[];
}

/**
 * The baseline step of verify, as ESLint's bulk suppressions: `--suppress-all` and
 * `--suppress-rule` write what this run found into the baseline, `--prune-suppressions`
 * drops what no longer occurs, and every run reports only the findings beyond it.
 */
export function suppress(
  result: VerifyResult,
  options: SuppressionOptions,
  context: Context,
  run: { paths: readonly string[]; onlyPaths?: ReadonlySet<string>; rules: Record<string, string> },
): SuppressedResult {
  const location = resolve(context.cwd, options.suppressionsLocation ?? DEFAULT_SUPPRESSIONS);
  const shown = options.suppressionsLocation ?? DEFAULT_SUPPRESSIONS;
  const accepted = parseAccepted(options);
  const baseline = readBaseline(location, shown);
  const checked = new Set(result.checkedPaths.map((path) => resolve(context.cwd, path)));
  const roots = run.paths.map((path) => resolve(context.cwd, path));
  const scope: SuppressionScope = {
    baseDir: dirname(location),
    cwd: context.cwd,
    // A file this run checked, or one under the paths given that is gone (its entries are stale).
    covers: (absPath) =>
      checked.has(absPath) ||
      (!existsSync(absPath) && (!run.onlyPaths || run.onlyPaths.has(absPath)) && roots.some((root) => isInside(absPath, root))),
    looksFor: (code) => run.rules[code.split('/')[0]!] !== 'off',
  };

  let next: Suppressions | null = baseline.value;
  const notices: string[] = [];
  if (accepted) next = suppressFindings(result.findings, next ?? {}, scope, accepted);
  if (options.pruneSuppressions) next = pruneSuppressions(result.findings, next ?? {}, scope);
  const changed = next !== baseline.value && formatSuppressions(next ?? {}) !== baseline.text;
  const applied = next ? applySuppressions(result.findings, next, scope) : { reported: result.findings, suppressed: 0, unused: 0 };

  if (accepted || options.pruneSuppressions) {
    const { files, findings } = countEntries(next ?? {});
    notices.push(
      changed
        ? `cassette: wrote ${shown}: ${plural(findings, 'finding')} in ${plural(files, 'file')} suppressed`
        : `cassette: ${shown} is up to date: ${plural(findings, 'finding')} in ${plural(files, 'file')} suppressed`,
    );
  } else if (applied.unused > 0) {
    notices.push(
      `cassette: ${plural(applied.unused, 'suppression')} in ${shown} no longer ${applied.unused === 1 ? 'occurs' : 'occur'}: run cassette verify --prune-suppressions`,
    );
  }
  const reported = applied.reported;
  return {
    result: {
      ...result,
      findings: reported,
      errors: reported.filter((finding) => finding.severity === 'error').length,
      warnings: reported.filter((finding) => finding.severity === 'warning').length,
      suppressed: applied.suppressed,
      unusedSuppressions: applied.unused,
    },
    ...(changed && { file: { path: location, content: formatSuppressions(next ?? {}) } }),
    notices,
  };
}

/** Which findings `--suppress-all` / `--suppress-rule` accept into the baseline, if either is given. */
function parseAccepted(options: SuppressionOptions): ((finding: Finding) => boolean) | null {
  if (options.suppressAll) return () => true;
  const given = (options.suppressRule ?? []).flatMap((value) => value.split(',')).map((value) => value.trim());
  if (given.length === 0) return null;
  const known = [...RULE_NAMES, ...FINDING_CODES] as readonly string[];
  const unknown = given.filter((value) => !known.includes(value));
  if (unknown.length > 0)
    throw new UserError(
      `--suppress-rule: unknown rule or finding code ${unknown.map((value) => `'${value}'${suggest(value, known)}`).join(', ')}`,
      `rules are: ${RULE_NAMES.join(', ')}; a finding code is <rule>/<name>, as the reports print it`,
    );
  return (finding) => given.includes(finding.rule) || given.includes(finding.code);
}

function readBaseline(location: string, shown: string): { value: Suppressions | null; text: string | null } {
  const read = readSmallFile(location, MAX_SUPPRESSIONS_BYTES);
  if (!read.ok) {
    if (read.missing) return { value: null, text: null };
    throw new UserError(`cannot read ${shown}: ${read.reason}`, 'give the baseline with --suppressions-location, or remove the file');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch (error) {
    throw new UserError(
      `${shown} is not valid JSON: ${(error as Error).message}`,
      'restore it from git, or write it anew with --suppress-all',
    );
  }
  const checked = SuppressionsSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new UserError(
      `${shown} is not a cassette baseline: ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
      'it maps each file to finding codes and counts: {"path": {"rule/code": {"count": 1}}}; write it anew with --suppress-all',
    );
  }
  return { value: checked.data, text: read.text };
}
