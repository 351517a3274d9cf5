import { findInLegacyIndex } from '../core/legacy/legacy-index.js';
import { isUsable, type Recording } from '../core/load/open-recording.js';
import { summarizeRequest } from '../core/load/summarize-request.js';
import type { HashSchemeOption } from '../core/hash/schemes.js';
import { verifyRecording } from '../core/verify/run-verify.js';
import { configuredChecks } from './check-settings.js';
import type { Context } from './context.js';
import { UserError } from './errors.js';
import type { Shown } from './reporters/show.js';

/** One recording as show presents it, verify's findings on it first. */
export function showRecording(recording: Recording, note: string | null, hashScheme: HashSchemeOption, context: Context): Shown {
  const answer = recording.answer();
  if (!isUsable(recording) || !answer.ok) {
    const reason = answer.ok ? recording.problem?.message : answer.problem.message;
    throw new UserError(`${recording.entry.path}: ${reason ?? 'not a recording'}`, 'cassette show --raw prints the file as it is');
  }
  const findings = verifyRecording(recording, configuredChecks(context, hashScheme));
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
