import { relative } from 'node:path';
import { toDisplayPath } from '../build-index.js';
import { discoverRecordings } from '../discover.js';
import { loadCheckedFile } from './checked-file.js';
import { messages } from './messages.js';
import { FILE_RULES, TREE_RULES } from './rules/index.js';
import { schemeFor } from './rules/hash.js';
import { RULE_NAMES, type CheckedFile, type FileFacts, type Finding, type RuleName, type VerifyOptions, type VerifyResult } from './types.js';

export interface VerifyRun extends VerifyResult {
  /** Display paths of the files checked, sorted (junit lists passing files too). */
  checkedPaths: string[];
  /** Given paths that do not exist: a usage error for the caller. */
  missing: string[];
}

/**
 * Checks every recording under the given paths. Files are read one at a time and let go;
 * tree-wide rules keep only a few facts per file, so memory does not grow with file size.
 */
export function runVerify(options: VerifyOptions): VerifyRun {
  const { files, skipped, missing } = discoverRecordings(options.paths, options.cwd);
  const problems: Finding[] = [];
  const enabled = (rule: RuleName): boolean => options.rules[rule] !== 'off';
  const add = (rule: RuleName, path: string, message: string): void => {
    const severity = options.rules[rule];
    if (severity !== 'off') problems.push({ path, rule, severity, message });
  };

  for (const item of skipped) add('parse', toDisplayPath(relative(options.cwd, item.absPath)), messages.parse(item.reason));

  const fileRules = FILE_RULES.filter((rule) => enabled(rule.rule));
  const needHashes = enabled('duplicate');
  const facts: FileFacts[] = [];
  files.forEach((absPath, position) => {
    const file = loadCheckedFile(absPath, options.cwd);
    for (const rule of fileRules) {
      for (const hit of checkSafely(rule.rule, () => rule.check(file, options))) add(hit.rule, hit.path ?? file.entry.path, hit.message);
    }
    const computedHash = needHashes && file.entry.kind !== 'file-processing' ? safeHash(file, options) : null;
    facts.push({ entry: file.entry, computedHash });
    options.onProgress?.(position + 1, files.length);
  });
  for (const rule of TREE_RULES.filter((tree) => enabled(tree.rule))) {
    for (const hit of rule.check(facts, options)) add(rule.rule, hit.path, hit.message);
  }

  const onlyDisplay = options.onlyPaths ? new Set([...options.onlyPaths].map((path) => toDisplayPath(relative(options.cwd, path)))) : null;
  const kept = onlyDisplay ? problems.filter((problem) => onlyDisplay.has(problem.path)) : problems;
  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : RULE_NAMES.indexOf(a.rule) - RULE_NAMES.indexOf(b.rule)));
  const checked = (options.onlyPaths ? files.filter((file) => options.onlyPaths!.has(file)) : files).map((file) => toDisplayPath(relative(options.cwd, file)));
  return {
    files: checked.length,
    checkedPaths: checked,
    errors: kept.filter((problem) => problem.severity === 'error').length,
    warnings: kept.filter((problem) => problem.severity === 'warning').length,
    problems: kept,
    missing,
  };
}

/**
 * A rule that throws on some input must not take the whole run down: the file gets a finding
 * that says so, and the other files are still checked.
 */
function checkSafely(rule: RuleName, check: () => Array<{ message: string; path?: string }>): Array<{ rule: RuleName; message: string; path?: string }> {
  try {
    return check().map((hit) => ({ ...hit, rule }));
  } catch (error) {
    if (error instanceof RangeError) return [{ rule: 'parse', message: messages.parse('too deeply nested to check') }];
    return [{ rule, message: `cassette could not check this file (${String(error)}); please report it` }];
  }
}

function safeHash(file: CheckedFile, options: VerifyOptions): string | null {
  try {
    return file.hash(schemeFor(file, options.hashScheme));
  } catch {
    return null;
  }
}
