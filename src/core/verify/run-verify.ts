import { displayPath } from '../build-index.js';
import { discoverRecordings, type DiscoverResult } from '../sources/disk.js';
import { loadCheckedFile } from './checked-file.js';
import { messages } from './messages.js';
import { FILE_RULES, TREE_RULES } from './rules/index.js';
import { schemeFor } from './rules/hash.js';
import {
  RULE_NAMES,
  type CheckedFile,
  type FileFacts,
  type Finding,
  type RuleName,
  type VerifyOptions,
  type VerifyResult,
  type VerifySettings,
} from './types.js';

export interface VerifyRun extends VerifyResult {
  /** Display paths of the files checked, sorted (junit lists passing files too). */
  checkedPaths: string[];
  /** Given paths that do not exist: a usage error for the caller. */
  missing: string[];
}

/** One file checked: its problems, and the facts the tree-wide rules need. */
export interface VerifiedFile {
  facts: FileFacts;
  problems: Finding[];
}

/**
 * Checks every recording under the given paths, in this thread. Files are read one at a time
 * and let go; tree-wide rules keep only a few facts per file, so memory does not grow with
 * file size. The CLI runs the same steps with `verifyFile` spread over worker threads.
 */
export function runVerify(options: VerifyOptions): VerifyRun {
  const discovered = discoverRecordings(options.paths, options.cwd);
  const verified = discovered.files.map((absPath, position) => {
    const result = verifyFile(absPath, options);
    options.onProgress?.(position + 1, discovered.files.length);
    return result;
  });
  return finishVerify(discovered, verified, options);
}

/** The per-file rules on one file. Never throws. */
export function verifyFile(absPath: string, settings: VerifySettings): VerifiedFile {
  const file = loadCheckedFile(absPath, settings.cwd);
  const problems: Finding[] = [];
  for (const rule of FILE_RULES) {
    if (settings.rules[rule.rule] === 'off') continue;
    for (const hit of checkSafely(rule.rule, () => rule.check(file, settings))) {
      const severity = settings.rules[hit.rule];
      if (severity !== 'off') problems.push({ path: hit.path ?? file.entry.path, rule: hit.rule, severity, message: hit.message });
    }
  }
  const needHash = settings.rules.duplicate !== 'off' && file.entry.kind !== 'file-processing';
  return { facts: { entry: file.entry, computedHash: needHash ? safeHash(file, settings) : null }, problems };
}

/** Tree-wide rules over the facts, then the --changed filter, ordering and counts. */
export function finishVerify(discovered: DiscoverResult, verified: readonly VerifiedFile[], options: VerifyOptions): VerifyRun {
  const problems: Finding[] = verified.flatMap((file) => file.problems);
  const add = (rule: RuleName, path: string, message: string): void => {
    const severity = options.rules[rule];
    if (severity !== 'off') problems.push({ path, rule, severity, message });
  };
  for (const item of discovered.skipped) add('parse', displayPath(item.absPath, options.cwd), messages.parse(item.reason));
  const facts = verified.map((file) => file.facts);
  for (const rule of TREE_RULES) {
    if (options.rules[rule.rule] === 'off') continue;
    for (const hit of rule.check(facts, options)) add(rule.rule, hit.path, hit.message);
  }

  const onlyDisplay = options.onlyPaths ? new Set([...options.onlyPaths].map((path) => displayPath(path, options.cwd))) : null;
  const kept = onlyDisplay ? problems.filter((problem) => onlyDisplay.has(problem.path)) : problems;
  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : RULE_NAMES.indexOf(a.rule) - RULE_NAMES.indexOf(b.rule)));
  const files = discovered.files;
  const checked = (options.onlyPaths ? files.filter((file) => options.onlyPaths!.has(file)) : files).map((file) =>
    displayPath(file, options.cwd),
  );
  return {
    files: checked.length,
    checkedPaths: checked,
    errors: kept.filter((problem) => problem.severity === 'error').length,
    warnings: kept.filter((problem) => problem.severity === 'warning').length,
    problems: kept,
    missing: discovered.missing,
  };
}

/**
 * A rule that throws on some input must not take the whole run down: the file gets a finding
 * that says so, and the other files are still checked.
 */
function checkSafely(
  rule: RuleName,
  check: () => Array<{ message: string; path?: string }>,
): Array<{ rule: RuleName; message: string; path?: string }> {
  try {
    return check().map((hit) => ({ ...hit, rule }));
  } catch (error) {
    if (error instanceof RangeError) return [{ rule: 'parse', message: messages.parse('too deeply nested to check') }];
    return [{ rule, message: `cassette could not check this file (${String(error)}); please report it` }];
  }
}

function safeHash(file: CheckedFile, options: VerifySettings): string | null {
  try {
    return file.hash(schemeFor(file, options.hashScheme));
  } catch {
    return null;
  }
}
