import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { getArray, getString, unwrapData } from '../../json/json-value.js';
import { compareCodePoints } from '../../json/pyjson.js';
import { HASH_SCHEMES, type HashScheme } from '../../hash/request-hash.js';
import { MODEL_LIST_NAME } from '../../../formats/model-list.js';
import { messages } from '../messages.js';
import type { CheckedFile, FileRule, HashSchemeOption, RuleHit } from '../types.js';

/**
 * The scheme a file is judged by. `auto` follows the layout: the 2025 responses/ tree is
 * E2, everything else the current E7. A pinned scheme applies to every file.
 */
export function schemeFor(file: CheckedFile, option: HashSchemeOption): HashScheme {
  if (option !== 'auto') return option;
  return file.entry.layout === 'legacy' ? 'E2' : 'E7';
}

/** Does a name (12 or 64 hex) stand for this full hash? 12-hex names are the hash's first 12. */
function nameMatches(name: string, hash: string | null): boolean {
  return hash !== null && (name.length === 12 ? hash.startsWith(name) : hash === name);
}

/** The file name must be the request hash, or the recorder never finds the file. */
export const hashRule: FileRule = {
  rule: 'hash',
  check(file, options) {
    const { entry } = file;
    // File-processing names depend on more than the file records: no scheme can be checked.
    if (!file.envelope || entry.kind === 'file-processing') return [];
    const scheme = schemeFor(file, options.hashScheme);
    const expected = file.hash(scheme);
    if (expected === null) return [];
    const name = entry.nameHash;
    if (name === null) return [{ message: messages.notAHashName() }];
    const hits: RuleHit[] = [];
    if (entry.layout !== 'legacy' && name.length === 12 && options.hashScheme === 'auto') {
      hits.push({ message: messages.twelveHexInPerArea(nameMatches(name, file.hash('E2'))) });
    } else if (!nameMatches(name, expected)) {
      const older = HASH_SCHEMES.find((other) => other !== scheme && nameMatches(name, file.hash(other)));
      hits.push({
        message: older ? messages.olderScheme(older, scheme, expected) : messages.noScheme(scheme, expected, readRecordedAs(file)),
      });
    }
    const digest = checkModelDigest(file);
    if (digest) hits.push({ message: messages.modelDigest(digest) });
    return hits;
  },
};

/**
 * Since 2025-10-03 the recorder writes `rec-<hash12>` into response ids: when the name has
 * drifted, the ids still tell which hash, and so which scheme, the file was recorded under.
 */
function readRecordedAs(file: CheckedFile): { responseId: string; scheme: HashScheme | null } | null {
  const responseId = file.entry.responseId;
  const recorded = responseId === null ? null : /^rec-([0-9a-f]{12})$/.exec(responseId)?.[1];
  if (!recorded || !responseId) return null;
  return { responseId, scheme: HASH_SCHEMES.find((scheme) => file.hash(scheme)?.startsWith(recorded)) ?? null };
}

/** `models-<hash>-<digest>.json`: digest = first 8 hex of sha256 (sha1 before 2025-09-12) of the sorted ids. */
function checkModelDigest(file: CheckedFile): string | null {
  const match = MODEL_LIST_NAME.exec(basename(file.entry.absPath));
  if (!match) return null;
  const endpoint = file.envelope?.endpoint ?? '';
  const key = endpoint.includes('/api/tags') ? 'model' : 'id';
  const items = getArray(file.envelope?.body) ?? getArray(unwrapData(file.envelope?.body)?.models) ?? [];
  // Python's sorted() orders by code point
  const ids = [...new Set(items.map((item) => getString(unwrapData(item)?.[key])).filter((id): id is string => id !== null))].sort(
    compareCodePoints,
  );
  const joined = ids.join('|');
  const sha256 = createHash('sha256').update(joined).digest('hex').slice(0, 8);
  const sha1 = createHash('sha1').update(joined).digest('hex').slice(0, 8);
  return match[2] === sha256 || match[2] === sha1 ? null : sha256;
}
