import type { Envelope } from '../load/envelope.js';
import type { JsonObject } from '../json/json-value.js';
import type { HashScheme } from '../hash/request-hash.js';
import type { Entry } from '../types.js';

export const RULE_NAMES = [
  'parse',
  'schema',
  'unknown-type',
  'hash',
  'location',
  'stream',
  'secret',
  'duplicate',
  'normalization',
  'index',
] as const;
export type RuleName = (typeof RULE_NAMES)[number];
export type Severity = 'error' | 'warning';
export type RuleSetting = Severity | 'off';

/** One problem in one file. The words come from messages.ts; the shape is the --json output. */
export interface Finding {
  path: string;
  rule: RuleName;
  severity: Severity;
  message: string;
}

export type HashSchemeOption = HashScheme | 'auto';

export interface VerifyOptions {
  paths: string[];
  cwd: string;
  hashScheme: HashSchemeOption;
  /** Severity per rule, after defaults, config and --rule/--skip-rule. */
  rules: Record<RuleName, RuleSetting>;
  /** Extra secret patterns from the config file. */
  secretPatterns: RegExp[];
  /** When set, only findings on these absolute paths are kept (--changed). */
  onlyPaths?: ReadonlySet<string>;
  onProgress?: (done: number, total: number) => void;
}

/** What one file's check needs: plain data, so that a worker thread can be handed it. */
export type VerifySettings = Pick<VerifyOptions, 'cwd' | 'hashScheme' | 'rules' | 'secretPatterns'>;

/** A file as the rules see it: parsed once, the lossless request read only when asked for. */
export interface CheckedFile {
  entry: Entry;
  /** Present when the file is a readable recording. */
  envelope: Envelope | null;
  value: unknown;
  text: string | null;
  /** The request as the recorder hashes it, numbers as written; null when there is none. */
  losslessRecording(): JsonObject | null;
  /** The request hash under a scheme, memoised; null when the request cannot be hashed. */
  hash(scheme: HashScheme): string | null;
}

/** What a per-file rule returns: the message, and the path when it is not the file's own. */
export interface RuleHit {
  message: string;
  path?: string;
}

export interface FileRule {
  rule: RuleName;
  check(file: CheckedFile, settings: VerifySettings): RuleHit[];
}

/** The little that tree-wide rules keep of each file, so memory does not grow with file size. */
export interface FileFacts {
  entry: Entry;
  /** The hash the recorder computes for this file under its layout's scheme. */
  computedHash: string | null;
}

export interface TreeRule {
  rule: RuleName;
  check(files: readonly FileFacts[], options: VerifyOptions): Array<Required<RuleHit>>;
}

export interface VerifyResult {
  files: number;
  errors: number;
  warnings: number;
  problems: Finding[];
}
