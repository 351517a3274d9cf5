import type { VerifyResult } from '../../../core/verify/run-verify.js';
import type { Terminal } from '../../terminal.js';
import { renderGithub } from './github.js';
import { renderHuman } from './human.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';

export interface ReportContext {
  terminal: Terminal;
  /** Warnings fail the run, so reporters that mark failures count them too. */
  strict: boolean;
  /** Which hash scheme the run used and why (`E6, from src/…/api_recorder.py`). */
  scheme?: string;
  /** The baseline file the run read (--suppressions-location), for the words around the suppressed count. */
  suppressions?: string;
  /** How many of the findings `cassette rehash --write` fixes, when the run asked (the GitHub summary). */
  rehashFixes?: number;
}

/** A run's result after the baseline: what is reported, and how many findings it accepted. */
export type VerifyReport = VerifyResult & { suppressed: number; unusedSuppressions: number };

export type Reporter = (result: VerifyReport, context: ReportContext) => string;

export const REPORT_FORMATS = ['human', 'json', 'github', 'junit'] as const;

/** The reporters by `--format` name: data in, text out. */
export const REPORTERS: Record<(typeof REPORT_FORMATS)[number], Reporter> = {
  human: renderHuman,
  json: renderJson,
  github: renderGithub,
  junit: renderJunit,
};
