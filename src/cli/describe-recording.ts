import { findInLegacyIndex } from '../core/legacy/legacy-index.js';
import { isUsable, type Recording } from '../core/load/open-recording.js';
import { summarizeRequest } from '../core/load/summarize-request.js';
import type { HashSchemeOption } from '../core/verify/define-rule.js';
import { defaultSeverities } from '../core/verify/rules/index.js';
import { verifyRecording } from '../core/verify/run-verify.js';
import type { Context } from './context.js';
import { UserError } from './errors.js';
import type { Shown } from './reporters/show.js';

/** One recording as show presents it, verify's findings on it first. */
export function describeRecording(recording: Recording, note: string | null, hashScheme: HashSchemeOption, context: Context): Shown {
  const answer = recording.answer();
  if (!isUsable(recording) || !answer.ok) {
    const reason = answer.ok ? recording.problem?.message : answer.problem.message;
    throw new UserError(`${recording.entry.path}: ${reason ?? 'not a recording'}`, 'cassette show --raw prints the file as it is');
  }
  const findings = verifyRecording(recording, {
    cwd: context.cwd,
    hashScheme,
    rules: { ...defaultSeverities(), ...context.config.rules },
    secretPatterns: [],
  });
  return {
    entry: recording.entry,
    envelope: recording.envelope!,
    request: summarizeRequest(recording.envelope!),
    answer: answer.answer,
    legacyIndex: recording.entry.layout === 'legacy' ? findInLegacyIndex(recording.entry.absPath) : null,
    findings,
    note,
  };
}
