import type { FileCache } from '../cache/file-cache.js';
import { openRecordings, type Recording } from '../load/open-recording.js';
import { shareUncached, type Parallelism } from '../parallel/share-work.js';
import { containerNamed } from '../../formats/containers/index.js';
import type { RecordingSource, SourceFile } from '../sources/source.js';
import type { FileFacts, Hit, Rule, RuleContext, RuleSetting, Severity, TreeRule } from './define-rule.js';
import { describeFinding, type FindingCode } from './messages.js';
import { RULES, RULE_NAMES, type RuleName } from './rule-list.js';

/** One problem in one file: data with a stable code; the words come from messages.ts. */
export interface Finding {
  code: FindingCode;
  rule: RuleName;
  severity: Severity;
  path: string;
  /** In a cassette, the interaction (0-based) the finding is about; absent for the file as a whole. */
  interaction?: number;
  /** The line (1-based) where that interaction starts in the file, when it can be told. */
  line?: number;
  message: string;
  data: Record<string, unknown>;
}

/** What checking one file depends on: the settings, nothing that cannot be sent to a worker. */
export interface FileCheckOptions extends RuleContext {
  /** Severity per rule, after defaults, config and --rule/--skip-rule. */
  rules: Record<RuleName, RuleSetting>;
}

export interface VerifyOptions extends FileCheckOptions {
  paths: readonly string[];
  /** When set, only these files (absolute paths) are read and checked (--changed). */
  onlyPaths?: ReadonlySet<string>;
  onProgress?: (done: number, total: number) => void;
  /** verify --cache: results of unchanged files reused. */
  cache?: FileCache<VerifiedFile>;
  /** Workers for large trees (disk sources only); the result is the same without them. */
  parallelism?: Parallelism;
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
 * With `onlyPaths`, the other files are not read at all. Files not in the cache are shared
 * with workers when `parallelism` is given; results are merged in file order.
 */
export async function runVerify(source: RecordingSource, options: VerifyOptions): Promise<VerifyResult> {
  const listing = source.list(options.paths);
  const only = options.onlyPaths;
  const files = only ? listing.files.filter((file) => only.has(file.absPath)) : listing.files;
  const findings: Finding[] = [];
  for (const skipped of listing.skipped) {
    if (!only || only.has(skipped.absPath))
      pushFinding(findings, options, 'parse', { code: 'parse/skipped', data: { reason: skipped.reason } }, skipped.display);
  }

  const settings: FileCheckOptions = {
    cwd: options.cwd,
    hashScheme: options.hashScheme,
    secretPatterns: options.secretPatterns,
    rules: options.rules,
  };
  const checked = await shareUncached(
    'verify',
    { ...settings, ...(source.cassetteNames && { cassetteNames: source.cassetteNames }) },
    files,
    options.cache,
    async () => (file) => checkFile(source, file, settings),
    options.parallelism,
    options.onProgress,
  );
  const facts: FileFacts[] = [];
  for (const result of checked) {
    findings.push(...result.findings);
    facts.push(...result.facts);
  }
  findings.push(...checkTree(facts, options));

  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : RULE_NAMES.indexOf(a.rule) - RULE_NAMES.indexOf(b.rule)));
  // A file no format recognised (a testdata/ YAML that is no cassette) was not checked.
  const recordingFiles = files.filter((_, i) => checked[i]!.facts.length > 0 || checked[i]!.findings.length > 0);
  return {
    files: recordingFiles.length,
    checkedPaths: recordingFiles.map((file) => file.display),
    errors: findings.filter((finding) => finding.severity === 'error').length,
    warnings: findings.filter((finding) => finding.severity === 'warning').length,
    findings,
    missing: listing.missing,
  };
}

/** One file's per-file findings and the facts the tree rules need: what workers compute and the cache keeps. */
export function checkFile(source: RecordingSource, file: SourceFile, options: FileCheckOptions): VerifiedFile {
  const findings: Finding[] = [];
  const facts: FileFacts[] = [];
  const fileRules = RULES.filter((rule) => rule.scope === 'file' && options.rules[rule.name] !== 'off');
  const keeping = RULES.flatMap((rule) => (rule.scope === 'tree' && rule.keep ? [rule as TreeRule<RuleName>] : []));
  const recordings = openRecordings(source, file);
  for (const recording of recordings) {
    const interaction = interactionOf(recording);
    const at = interaction === undefined ? undefined : { interaction };
    for (const rule of fileRules.filter((candidate) => (candidate.formats as readonly string[]).includes(recording.entry.format)))
      for (const [name, found] of checkSafely(rule, recording, options))
        pushFinding(findings, options, name, found, recording.entry.path, at);
    const kept: FileFacts['kept'] = {};
    for (const rule of keeping) if (options.rules[rule.name] !== 'off') kept[rule.name] = rule.keep!(recording, options);
    facts.push({ entry: recording.entry, kept });
  }
  // Where each call of a cassette with findings starts, so that an annotation points at it
  // (a gzipped one has no lines to point at). Read again, and only then: a clean cassette is
  // never scanned, and a huge one's text is not kept alive while the rules run.
  const format = containerNamed(recordings[0]?.entry.container ?? '');
  const findLines = format?.holds === 'many' ? format.interactionLines : undefined;
  if (findLines && !file.absPath.endsWith('.gz') && findings.some((found) => found.interaction !== undefined)) {
    const raw = source.read(file);
    const lines = raw.ok ? findLines(raw.text, recordings.length) : null;
    if (lines) for (const found of findings) if (found.interaction !== undefined) found.line = lines[found.interaction]!;
  }
  return { findings, facts };
}

/** The tree-wide rules (duplicates, index, location...) over what was kept of every file checked. */
export function checkTree(facts: readonly FileFacts[], options: FileCheckOptions): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (rule.scope !== 'tree' || options.rules[rule.name] === 'off') continue;
    const own = facts.filter((fact) => (rule.formats as readonly string[]).includes(fact.entry.format));
    for (const found of rule.check(own, options)) pushFinding(findings, options, rule.name, found, found.path ?? '');
  }
  return findings;
}

function pushFinding(
  findings: Finding[],
  options: FileCheckOptions,
  rule: RuleName,
  found: Hit,
  ownPath: string,
  at?: { interaction: number },
): void {
  const severity = options.rules[rule];
  if (severity === 'off') return;
  findings.push({
    code: found.code,
    rule,
    severity,
    path: found.path ?? ownPath,
    ...(at && { interaction: at.interaction }),
    message: describeFinding(found.code, found.data),
    data: found.data,
  });
}

/** A cassette's interaction, when the recording is one (a cassette that cannot be read is the file as a whole). */
function interactionOf(recording: Recording): number | undefined {
  return recording.entry.format === 'vcr' && recording.envelope !== null ? recording.entry.interaction : undefined;
}

/** The per-file rules on one recording, as verify would report them: what `show` prints first. */
export function verifyRecording(recording: Recording, options: Omit<VerifyOptions, 'paths'>): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (rule.scope !== 'file' || options.rules[rule.name] === 'off') continue;
    if (!(rule.formats as readonly string[]).includes(recording.entry.format)) continue;
    const interaction = interactionOf(recording);
    for (const [name, found] of checkSafely(rule, recording, options))
      pushFinding(findings, options, name, found, recording.entry.path, interaction === undefined ? undefined : { interaction });
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
