import { describeFile } from './build-index.js';
import { findAdapter } from '../formats/index.js';
import { findInLegacyIndex, type LegacyIndexStatus } from './legacy/legacy-index.js';
import { readJsonFile } from './read-file.js';
import { summarizeRequest, type RequestSummary } from './load/summarize-request.js';
import type { Envelope } from './load/envelope.js';
import type { Answer, Entry } from './types.js';

export type LoadedRecording =
  | { ok: true; entry: Entry; envelope: Envelope; request: RequestSummary; answer: Answer; legacyIndex: LegacyIndexStatus | null }
  | { ok: false; entry: Entry; reason: string };

/** Everything `show` needs about one file: its entry, the request in brief and the rebuilt answer. */
export function loadRecording(absPath: string, cwd: string): LoadedRecording {
  const read = readJsonFile(absPath);
  const { entry, envelope } = describeFile(absPath, cwd, read);
  if (!read.ok || !envelope) return { ok: false, entry, reason: entry.error ?? 'not a recording' };
  try {
    const answer = findAdapter(envelope).reconstruct(envelope);
    const legacyIndex = entry.layout === 'legacy' ? findInLegacyIndex(absPath) : null;
    return { ok: true, entry, envelope, request: summarizeRequest(envelope), answer, legacyIndex };
  } catch (error) {
    const reason = error instanceof RangeError ? 'too deeply nested to read' : `cannot read the answer: ${String(error)}`;
    return { ok: false, entry, reason };
  }
}
