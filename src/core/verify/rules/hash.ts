import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { MODEL_LIST_NAME } from '../../../formats/answers/model-list.js';
import { HASH_SCHEMES, type HashScheme } from '../../hash/schemes.js';
import { getArray, getString, unwrapData } from '../../json/json-value.js';
import { compareCodePoints } from '../../json/pyjson.js';
import type { Recording } from '../../load/open-recording.js';
import { defineRule, hit, type FileRule, type Hit } from '../define-rule.js';
import { expectedFileName, schemeFor } from '../../hash/recording-scheme.js';

/** Does a name (12 or 64 hex) stand for this full hash? 12-hex names are the hash's first 12. */
function nameMatches(name: string, hash: string | null): boolean {
  return hash !== null && (name.length === 12 ? hash.startsWith(name) : hash === name);
}

/** The file name must be the request hash, or the recorder never finds the file. */
export const hashRule = defineRule<'hash', FileRule<'hash'>>({
  name: 'hash',
  scope: 'file',
  defaultSeverity: 'error',
  formats: ['ogx'],
  description:
    "file name is not the request hash the recorder looks up; says which older scheme (E6 … E2) it matches, or, when none does, what the file's `rec-<hash12>` response ids say it was recorded as; 12-hex names in per-area folders; model-list digests",
  check(recording, context) {
    const { entry } = recording;
    // File-processing names depend on more than the file records: no scheme can be checked.
    if (!recording.envelope || entry.kind === 'file-processing') return [];
    const scheme = schemeFor(recording, context.hashScheme);
    const expected = recording.requestHash(scheme);
    if (expected === null) return [];
    const expectedFile = expectedFileName(recording, scheme, expected);
    const testId = entry.testId;
    const name = entry.nameHash;
    if (name === null) return [hit('hash/not-a-hash-name', { expectedFile, testId })];
    const hits: Hit[] = [];
    if (entry.layout !== 'legacy' && name.length === 12 && context.hashScheme === 'auto') {
      hits.push(hit('hash/twelve-hex-per-area', { e2Matches: nameMatches(name, recording.requestHash('E2')), expectedFile, testId }));
    } else if (!nameMatches(name, expected)) {
      const older = HASH_SCHEMES.find((other) => other !== scheme && nameMatches(name, recording.requestHash(other)));
      if (older) hits.push(hit('hash/older-scheme', { scheme: older, current: scheme, expectedFile, testId }));
      else hits.push(hit('hash/no-scheme', { current: scheme, expectedFile, testId, ...readRecordedAs(recording) }));
    }
    const digest = checkModelDigest(recording);
    if (digest) hits.push(hit('hash/model-digest', { expected: digest }));
    return hits;
  },
});

/**
 * Since 2025-10-03 the recorder writes `rec-<hash12>` into response ids: when the name has
 * drifted, the ids still tell which hash, and so which scheme, the file was recorded under.
 */
function readRecordedAs(recording: Recording): { responseId: string | null; recordedScheme: HashScheme | null } {
  const responseId = recording.entry.responseId;
  const recorded = responseId === null ? null : /^rec-([0-9a-f]{12})$/.exec(responseId)?.[1];
  if (!recorded) return { responseId: null, recordedScheme: null };
  return { responseId, recordedScheme: HASH_SCHEMES.find((scheme) => recording.requestHash(scheme)?.startsWith(recorded)) ?? null };
}

/** `models-<hash>-<digest>.json`: digest = first 8 hex of sha256 (sha1 before 2025-09-12) of the sorted ids. */
function checkModelDigest(recording: Recording): string | null {
  const match = MODEL_LIST_NAME.exec(basename(recording.entry.absPath));
  if (!match) return null;
  const envelope = recording.envelope;
  const key = (envelope?.endpoint ?? '').includes('/api/tags') ? 'model' : 'id';
  const items = getArray(envelope?.body) ?? getArray(unwrapData(envelope?.body)?.models) ?? [];
  // Python's sorted() orders by code point
  const ids = [...new Set(items.map((item) => getString(unwrapData(item)?.[key])).filter((id): id is string => id !== null))].sort(
    compareCodePoints,
  );
  const joined = ids.join('|');
  const sha256 = createHash('sha256').update(joined).digest('hex').slice(0, 8);
  const sha1 = createHash('sha1').update(joined).digest('hex').slice(0, 8);
  return match[2] === sha256 || match[2] === sha1 ? null : sha256;
}
