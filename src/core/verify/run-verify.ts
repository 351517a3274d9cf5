import type { FileCache } from '../cache/file-cache.js';
import { openRecordings, type Recording } from '../load/open-recording.js';
import type { RecordingSource } from '../sources/source.js';
import type { FileFacts, Hit, Rule, RuleContext, RuleSetting, Severity } from './define-rule.js';
import { describeFinding, type FindingCode } from './messages.js';
import { RULES, RULE_NAMES, type RuleName } from './rules/index.js';
import { schemeFor } from './rules/hash.js';

/** One problem in one file: data with a stable code; the words come from messages.ts. */
export interface Finding {
  code: FindingCode;
  rule: RuleName;
  severity: Severity;
  path: string;
  message: string;
  data: Record<string, unknown>;
}

export interface VerifyOptions extends RuleContext {
  paths: readonly string[];
  /** Severity per rule, after defaults, config and --rule/--skip-rule. */
  rules: Record<RuleName, RuleSetting>;
  /** When set, only these files (absolute paths) are read and checked (--changed). */
  onlyPaths?: ReadonlySet<string>;
  onProgress?: (done: number, total: number) => void;
  /** verify --cache: results of unchanged files reused. */
  cache?: FileCache<VerifiedFile>;
}

/** What verify keeps of one file: its per-file findings and the facts the tree rules need. */
export interface VerifiedFile {
  findings: Finding[];
  facts: FileFacts[];
}

export interface VerifyResult {
  files: number;
  /** Display paths of the files checked, sorted (junit lists passing files too). */
  checkedPaths: string[];
  errors: number;
  warnings: number;
  findings: Finding[];
  /** Given paths that do not exist: a usage error for the caller. */
  missing: string[];
}

/**
 * Checks the recordings under the given paths. Files are read one at a time and let go;
 * tree-wide rules keep only a few facts per file, so memory does not grow with file size.
 * With `onlyPaths`, the other files are not read at all.
 */
export function runVerify(source: RecordingSource, options: VerifyOptions): VerifyResult {
  const listing = source.list(options.paths);
  const only = options.onlyPaths;
  const files = only ? listing.files.filter((file) => only.has(file.absPath)) : listing.files;
  const findings: Finding[] = [];
  const add = (rule: RuleName, found: Hit, ownPath: string): void => {
    const severity = options.rules[rule];
    if (severity === 'off') return;
    findings.push({
      code: found.code,
      rule,
      severity,
      path: found.path ?? ownPath,
      message: describeFinding(found.code, found.data),
      data: found.data,
    });
  };

  for (const skipped of listing.skipped) {
    if (!only || only.has(skipped.absPath)) add('parse', { code: 'parse/skipped', data: { reason: skipped.reason } }, skipped.display);
  }
  const fileRules = RULES.filter((rule) => rule.scope === 'file' && options.rules[rule.name] !== 'off');
  const facts: FileFacts[] = [];
  files.forEach((file, position) => {
    const cached = options.cache?.lookup(file);
    if (cached) {
      findings.push(...cached.findings);
      facts.push(...cached.facts);
    } else {
      const before = findings.length;
      const own: FileFacts[] = [];
      for (const recording of openRecordings(source, file)) {
        for (const rule of fileRules)
          for (const [name, found] of checkSafely(rule, recording, options)) add(name, found, recording.entry.path);
        own.push({ entry: recording.entry, computedHash: options.rules.duplicate !== 'off' ? safeHash(recording, options) : null });
      }
      facts.push(...own);
      options.cache?.store(file, { findings: findings.slice(before), facts: own });
    }
    options.onProgress?.(position + 1, files.length);
  });
  options.cache?.save();
  for (const rule of RULES) {
    if (rule.scope !== 'tree' || options.rules[rule.name] === 'off') continue;
    for (const found of rule.check(facts, options)) add(rule.name, found, found.path ?? '');
  }

  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : RULE_NAMES.indexOf(a.rule) - RULE_NAMES.indexOf(b.rule)));
  return {
    files: files.length,
    checkedPaths: files.map((file) => file.display),
    errors: findings.filter((finding) => finding.severity === 'error').length,
    warnings: findings.filter((finding) => finding.severity === 'warning').length,
    findings,
    missing: listing.missing,
  };
}

/** The per-file rules on one recording, as verify would report them: what `show` prints first. */
export function verifyRecording(recording: Recording, options: Omit<VerifyOptions, 'paths'>): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (rule.scope !== 'file' || options.rules[rule.name] === 'off') continue;
    for (const [name, found] of checkSafely(rule, recording, options)) {
      const severity = options.rules[name];
      if (severity === 'off') continue;
      const message = describeFinding(found.code, found.data);
      findings.push({ code: found.code, rule: name, severity, path: found.path ?? recording.entry.path, message, data: found.data });
    }
  }
  return findings;
}

/**
 * A rule that throws on some input must not take the whole run down: the file gets a finding
 * that says so, and the other files are still checked.
 */
function checkSafely(rule: Rule, recording: Recording, context: RuleContext): Array<[RuleName, Hit]> {
  const name = rule.name as RuleName;
  try {
    return rule.scope === 'file' ? rule.check(recording, context).map((found) => [name, found]) : [];
  } catch (error) {
    if (error instanceof RangeError) return [['parse', { code: 'parse/too-deep', data: { reason: 'too deeply nested to check' } }]];
    return [[name, { code: 'internal/rule-failed', data: { rule: name, detail: String(error) } }]];
  }
}

function safeHash(recording: Recording, context: RuleContext): string | null {
  if (!recording.envelope || recording.entry.kind === 'file-processing') return null;
  return recording.requestHash(schemeFor(recording, context.hashScheme));
}
