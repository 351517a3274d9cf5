import { resolve } from 'node:path';
import { Chalk } from 'chalk';
import { readOptions } from '../read-options.js';
import { listChangedFiles } from '../../core/sources/git.js';
import { runVerify, type VerifiedFile, type VerifyResult } from '../../core/verify/run-verify.js';
import { RULE_NAMES } from '../../core/verify/rule-list.js';
import { parseChoice, parseChoiceList } from '../choices.js';
import { exitCodeFor, type Context, type Outcome } from '../context.js';
import { isSingleCallName } from '../../formats/containers/index.js';
import { configuredChecks } from '../check-settings.js';
import { UserError } from '../errors.js';
import { chooseHashScheme } from '../hash-scheme.js';
import { createProgress } from '../progress.js';
import { failWhenNothingFound, failOnMissing, openDiskSource, pathsToRead, toolVersion } from '../read-paths.js';
import { cacheFolder, openFileCache } from '../../core/cache/file-cache.js';
import { isVerifiedFile } from '../../core/cache/entry-schemas.js';
import { REPORTERS, REPORT_FORMATS, type ReportContext } from '../reporters/verify/index.js';
import { renderGithubSummary } from '../reporters/verify/github-summary.js';
import { planRepairs } from '../../core/repair/plan-repair.js';
import type { RecordingSource } from '../../core/sources/source.js';
import type { HashSchemeOption } from '../../core/hash/schemes.js';
import { DEFAULT_SUPPRESSIONS, suppress } from '../verify-suppressions.js';

export async function run(args: { paths: string[] }, rawOptions: unknown, context: Context): Promise<Outcome> {
  const options = readOptions('verify', rawOptions);
  const { cwd, config, terminal } = context;
  if (options.json && options.format && options.format !== 'json') throw new UserError('--json and --format cannot be combined');
  const format = options.json ? 'json' : parseChoice('--format', options.format ?? 'human', REPORT_FORMATS);
  const strict = options.strict === true;

  const only = parseChoiceList('--rule', options.rule, RULE_NAMES);
  const skip = parseChoiceList('--skip-rule', options.skipRule, RULE_NAMES);

  let onlyPaths: Set<string> | undefined;
  if (options.changed !== undefined) {
    const ref = options.changed === true ? 'HEAD' : String(options.changed);
    const changed = listChangedFiles(ref, cwd);
    if (!changed.ok) throw new UserError(`--changed: ${changed.reason}`, 'run inside a git work tree and give a commit, branch or tag');
    onlyPaths = changed.value;
  }

  const source = await openDiskSource(context);
  const progress = createProgress(terminal, 'verifying');
  const paths = pathsToRead(args.paths, context);
  const scheme = chooseHashScheme(options.hashScheme, context, paths);
  const checks = configuredChecks(context, scheme.option);
  const { rules } = checks;
  for (const rule of RULE_NAMES) if ((only.length > 0 && !only.includes(rule)) || skip.includes(rule)) rules[rule] = 'off';
  const strategy = parseChoice('--cache-strategy', options.cacheStrategy ?? 'metadata', ['metadata', 'content'] as const);
  // Everything else a file's result depends on is part of the cache's key.
  const settings = JSON.stringify([rules, scheme.option, config.secretPatterns ?? [], cwd]);
  const cache = options.cache
    ? openFileCache<VerifiedFile>(
        cacheFolder(cwd),
        'verify',
        paths.map((path) => resolve(cwd, path)),
        toolVersion(),
        settings,
        strategy,
        isVerifiedFile,
      )
    : undefined;
  const result = await runVerify(source, {
    ...checks,
    paths,
    onlyPaths,
    cache,
    ...(context.parallelism && { parallelism: context.parallelism }),
    onProgress: progress.update,
  });
  progress.stop();
  failOnMissing(result.missing);
  // An empty gate must not pass: a CI path that points nowhere is an input error (pytest exits 5).
  if (onlyPaths === undefined) failWhenNothingFound(result.files + result.findings.length, paths);

  const baseline = suppress(result, options, context, { paths, onlyPaths, rules });
  const shown = options.quiet ? onlyErrors(baseline.result) : baseline.result;
  const files = baseline.file ? [{ ...baseline.file, kind: 'raw' as const }] : [];
  const notices = baseline.notices;
  const exitCode = exitCodeFor(shown, { strict, maxWarnings: parseMaxWarnings(options.maxWarnings) });
  const kind = format === 'json' ? 'json' : format === 'human' ? 'human' : 'report';
  // Cassettes are matched by method, URI and body, not by a hash: the scheme is said only for ogx files.
  const hashed = result.checkedPaths.some((path) => isSingleCallName(path));
  const report: ReportContext = {
    terminal,
    strict,
    ...(hashed && { scheme: scheme.description }),
    ...(shown.suppressed + shown.unusedSuppressions > 0 && { suppressions: options.suppressionsLocation ?? DEFAULT_SUPPRESSIONS }),
  };
  // What rehash fixes, by its own plan: said under the human report and on GitHub's job summary page.
  const stepSummary = format === 'github' ? context.env?.GITHUB_STEP_SUMMARY : undefined;
  if (format === 'human' || stepSummary) report.rehashFixes = countRehashFixes(shown, source, context, scheme.option);
  const appends = stepSummary ? [{ path: stepSummary, content: renderGithubSummary(shown, report) }] : [];
  if (!options.output) return { output: REPORTERS[format](shown, report), exitCode, kind, files, notices, appends };
  // A report file is never coloured; the console still gets the human report, as pytest does with --junitxml.
  const plain = { ...terminal, out: new Chalk({ level: 0 }) };
  const file = { path: options.output, content: REPORTERS[format](shown, { ...report, terminal: plain }) };
  const console = `${REPORTERS.human(shown, report)}${terminal.out.dim(`report written to ${options.output}`)}\n`;
  return { output: console, exitCode, kind: 'human', files: [...files, file], fileKind: kind, notices, appends };
}

/** How many files with a hash finding `cassette rehash --write` renames (or removes as a stale copy): its own plan, not a guess. */
function countRehashFixes(result: VerifyResult, source: RecordingSource, context: Context, hashScheme: HashSchemeOption): number {
  const stale = [...new Set(result.findings.filter((finding) => finding.rule === 'hash').map((finding) => finding.path))];
  if (stale.length === 0) return 0;
  const plan = planRepairs(source, stale, { kind: 'rehash', cwd: context.cwd, hashScheme, move: false });
  return plan.filter((repair) => repair.refused === null && (repair.newPath !== null || repair.removeStale)).length;
}

/** --quiet: what is left when warnings are neither shown nor counted. */
function onlyErrors<T extends VerifyResult>(result: T): T {
  const findings = result.findings.filter((finding) => finding.severity === 'error');
  return { ...result, findings, warnings: 0 };
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0)
    throw new UserError(`--max-warnings: '${value}' is not a whole number`, 'e.g. --max-warnings 0');
  return count;
}
