import type { Finding } from '../../../core/verify/run-verify.js';

/** A finding's message, led by the cassette interaction it is about (`#2: …`), when it is about one. */
export function locatedMessage(finding: Finding): string {
  return finding.interaction === undefined ? finding.message : `#${finding.interaction}: ${finding.message}`;
}
