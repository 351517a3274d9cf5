import type { Entry } from './types.js';

export type RefResolution =
  | { status: 'found'; entry: Entry }
  /** Every recording of one test: a test that made several calls. */
  | { status: 'test'; testId: string; entries: Entry[] }
  | { status: 'ambiguous'; candidates: Entry[] }
  | { status: 'missing'; candidates: Entry[] };

const HEX_PREFIX = /^[0-9a-f]{4,64}$/;
const RESPONSE_ID = /^rec-([0-9a-f]{12})$/;

/**
 * Finds the one recording a user means: a full hash or a unique prefix of at least four
 * hex characters, a `rec-<12hex>` response id, a path, or a test id (exact, else a unique
 * substring). Tried in that order; the first kind of match that finds anything decides.
 * Several recordings of one test (a test that made several calls) are that test.
 */
export function resolveRef(ref: string, entries: readonly Entry[]): RefResolution {
  // The ids list prints on a terminal are shortened with an ellipsis: what precedes it is a prefix.
  const trimmed = ref.trim().replace(/….*$/s, '');
  const lower = trimmed.toLowerCase();
  const attempts: Array<() => Entry[]> = [];

  const responseId = RESPONSE_ID.exec(lower);
  if (responseId) {
    attempts.push(() => entries.filter((entry) => entry.responseId === lower));
    attempts.push(() => entries.filter((entry) => entry.nameHash?.startsWith(responseId[1]!)));
  }
  if (HEX_PREFIX.test(lower)) attempts.push(() => entries.filter((entry) => entry.nameHash?.startsWith(lower)));
  if (trimmed.startsWith('models-'))
    attempts.push(() =>
      entries.filter((entry) => entry.id === trimmed || entry.path.endsWith(`/${trimmed}`) || entry.path.endsWith(`/${trimmed}.json`)),
    );
  // A cassette by its name (every interaction), or one interaction: its id `<stem>#<n>`, or `<path>#<n>`.
  attempts.push(() => entries.filter((entry) => entry.format === 'vcr' && entry.id.replace(/#\d+$/, '') === trimmed));
  if (/#\d+$/.test(trimmed))
    attempts.push(() => entries.filter((entry) => entry.id === trimmed || `${entry.path}#${entry.interaction}` === trimmed));
  const asPath = trimmed.replace(/\\/g, '/').replace(/^\.\//, '');
  attempts.push(() => entries.filter((entry) => entry.path === asPath || entry.path.endsWith(`/${asPath}`)));
  attempts.push(() => entries.filter((entry) => entry.testId === trimmed));
  attempts.push(() => entries.filter((entry) => entry.testId?.includes(trimmed)));

  if (trimmed.startsWith('models-')) attempts.push(() => entries.filter((entry) => entry.id.startsWith(trimmed)));
  for (const attempt of attempts) {
    const matches = attempt();
    if (matches.length === 1) return { status: 'found', entry: matches[0]! };
    const tests = new Set(matches.map((entry) => entry.testId));
    if (matches.length > 1 && tests.size === 1 && matches[0]!.testId !== null && matches[0]!.testId.includes(trimmed)) {
      return { status: 'test', testId: matches[0]!.testId, entries: matches };
    }
    // Every interaction of one cassette: the test's calls, in the order it made them.
    if (matches.length > 1 && new Set(matches.map((entry) => entry.absPath)).size === 1 && matches[0]!.format === 'vcr')
      return { status: 'test', testId: matches[0]!.testId ?? matches[0]!.path, entries: matches };
    if (matches.length > 1) return { status: 'ambiguous', candidates: matches };
  }
  // Nothing matched exactly: offer what loosely resembles the ref.
  const loose = entries.filter((entry) => [entry.testId, entry.path, entry.model].some((field) => field?.toLowerCase().includes(lower)));
  return { status: 'missing', candidates: loose };
}
