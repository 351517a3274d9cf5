import type { Config } from '../core/config.js';
import type { Parallelism } from '../core/parallel/share-work.js';
import type { OutputKind } from './sanitize.js';
import type { Terminal } from './terminal.js';

/** What every command is given: it reads nothing else from the process. */
export interface Context {
  cwd: string;
  /** The project's config, loaded and validated once by main. */
  config: Config;
  terminal: Terminal;
  /** The environment's variables a command may act on (GITHUB_STEP_SUMMARY); none when absent. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Worker threads for reading and checking large trees; absent, everything runs on this thread. */
  parallelism?: Parallelism;
}

/** 0 clean, 1 findings, 2 usage or input error, 130 stopped by SIGINT/SIGTERM. */
export type ExitCode = 0 | 1 | 2 | 130;

/** What a command returns; main writes `output` to stdout and exits with `exitCode`. */
export interface Outcome {
  /** Pieces are written one after the other, each once the last is flushed: a huge `show --raw` is never one string. */
  output: string | Iterable<string>;
  /** How the writer escapes and masks it (sanitize.ts); human when absent. */
  kind?: OutputKind;
  exitCode: ExitCode;
  /** Files to write instead of (or beside) stdout, e.g. `verify --output`; each escaped and masked as its `kind`, else as `fileKind`. */
  files?: Array<{ path: string; content: string; kind?: OutputKind }>;
  /** How the files are escaped and masked, when not as `kind`. */
  fileKind?: OutputKind;
  /** Text appended to files (GitHub's step summary); a failure to append is said on stderr, never fails the run. */
  appends?: Array<{ path: string; content: string }>;
  /** Lines for stderr once the files are written (what was written, what to do next): stdout stays the report. */
  notices?: string[];
}

/** Does a finding of this severity fail the run? Warnings do under --strict. */
export function failsRun(severity: 'error' | 'warning', strict: boolean): boolean {
  return severity === 'error' || strict;
}

/**
 * The exit code of a run that found things: 1 when any finding fails the run (an error;
 * a warning under --strict; more warnings than --max-warnings allows), else 0.
 */
export function exitCodeFor(
  counts: { errors: number; warnings?: number },
  options: { strict?: boolean; maxWarnings?: number } = {},
): ExitCode {
  const warnings = counts.warnings ?? 0;
  if (counts.errors > 0 || (options.strict === true && warnings > 0)) return 1;
  return options.maxWarnings !== undefined && warnings > options.maxWarnings ? 1 : 0;
}
