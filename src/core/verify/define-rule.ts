import type { HashSchemeOption } from '../hash/schemes.js';
import type { Recording } from '../load/open-recording.js';
import type { Entry } from '../types.js';
import type { FindingCode, FindingData } from './messages.js';

export type Severity = 'error' | 'warning';
export type RuleSetting = Severity | 'off';

/** What a rule may know besides the files: the run's settings. */
export interface RuleContext {
  cwd: string;
  hashScheme: HashSchemeOption;
  /** Extra secret patterns from the config file. */
  secretPatterns: readonly RegExp[];
}

/** What a rule returns: a code and its data; the path when it is not the file's own. */
export interface Hit {
  code: FindingCode;
  data: Record<string, unknown>;
  path?: string;
}

export function hit<C extends FindingCode>(code: C, data: FindingData<C>, path?: string): Hit {
  return path === undefined ? { code, data } : { code, data, path };
}

/** The little that tree-wide rules keep of each file, so memory does not grow with file size. */
export interface FileFacts {
  entry: Entry;
  /** What each tree rule that declares `keep` kept of the recording, by rule name. */
  kept: Record<string, string | null>;
}

/** The families of recordings a rule knows: ogx's one-JSON-file-per-call, and VCR cassettes. */
type RecordingFormat = Entry['format'];

interface RuleInfo<N extends string> {
  name: N;
  defaultSeverity: Severity;
  /** Where the rule applies: request hashes, folders and indexes are ogx's alone. */
  formats: readonly RecordingFormat[];
  /** One line for `--help`, docs/rules.md. */
  description: string;
}

export interface FileRule<N extends string = string> extends RuleInfo<N> {
  scope: 'file';
  check(recording: Recording, context: RuleContext): Hit[];
}

export interface TreeRule<N extends string = string> extends RuleInfo<N> {
  scope: 'tree';
  /** The one fact the rule needs of each recording (duplicate: its request hash), computed while the file is open. */
  keep?(recording: Recording, context: RuleContext): string | null;
  check(files: readonly FileFacts[], context: RuleContext): Hit[];
}

export type Rule<N extends string = string> = FileRule<N> | TreeRule<N>;

/** A rule, defined once: the rule list, severities, config validation, `--rule` choices and docs/rules.md derive from it. */
export function defineRule<const N extends string, R extends Rule<N>>(rule: R & { name: N }): R {
  return rule;
}
