import type { VerifyRun } from '../../../core/verify/run-verify.js';
import type { Terminal } from '../../terminal.js';
import { renderGithub } from './github.js';
import { renderHuman } from './human.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';

export interface ReportContext {
  terminal: Terminal;
  /** Warnings fail the run, so reporters that mark failures count them too. */
  strict: boolean;
}

export type Reporter = (result: VerifyRun, context: ReportContext) => string;

export const REPORT_FORMATS = ['human', 'json', 'github', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORTERS: Record<ReportFormat, Reporter> = {
  human: renderHuman,
  json: renderJson,
  github: renderGithub,
  junit: renderJunit,
};
