import { SCHEME_DESCRIPTIONS, type HashScheme } from '../hash/request-hash.js';
import type { RuleName, Severity } from './types.js';

/**
 * Every word `verify` says, in one place: each message says what is wrong and what to do.
 */
export const DEFAULT_SEVERITY: Record<RuleName, Severity> = {
  parse: 'error',
  schema: 'error',
  'unknown-type': 'warning',
  hash: 'error',
  location: 'error',
  stream: 'error',
  secret: 'error',
  duplicate: 'warning',
  normalization: 'warning',
  index: 'error',
};

const short = (hash: string): string => `${hash.slice(0, 12)}…`;

export const messages = {
  parse: (reason: string) => `${reason}; the recorder cannot load this file: fix or delete it`,
  envelope: (reason: string) => `${reason}; a recording needs "request" and "response" objects`,
  schemaMismatch: (path: string, problem: string) => `${path}: ${problem}`,
  unknownType: (type: string, count: number) =>
    `__type__ ${type}${count > 1 ? ` (${count} objects)` : ''} has no schema in cassette, so its fields are not checked`,

  notAHashName: () => 'file name is not a request hash: the recorder looks files up by hash and never finds this one; re-record it',
  twelveHexInPerArea: (e2Matches: boolean) =>
    `12-hex name in a per-area folder: recorders since 2025-10-04 look up the full 64-hex hash and never find it${e2Matches ? ' (it is the E2 hash: recorded by the 2025 recorder)' : ''}; re-record it`,
  olderScheme: (scheme: HashScheme, current: HashScheme, expected: string) =>
    `name is the ${scheme} hash (${SCHEME_DESCRIPTIONS[scheme]}); the ${current} recorder looks for ${short(expected)} and never finds this file: re-record it`,
  noScheme: (current: HashScheme, expected: string, recordedAs: { responseId: string; scheme: HashScheme | null } | null) => {
    const evidence =
      recordedAs === null
        ? 'the request was edited after recording, or the file renamed'
        : recordedAs.scheme === null
          ? `its response ids (${recordedAs.responseId}) name a request that no longer matches: the request was edited after recording`
          : `its response ids (${recordedAs.responseId}) are its ${recordedAs.scheme} hash: recorded under ${recordedAs.scheme} (${SCHEME_DESCRIPTIONS[recordedAs.scheme]}) and renamed since`;
    return `name matches no hash scheme: ${evidence}; the ${current} recorder looks for ${short(expected)} and never finds this file: re-record it`;
  },
  modelDigest: (expected: string) => `model-list digest does not match the model ids in the file (expected ${expected}): re-record it`,

  location: (testFile: string, expectedDir: string) =>
    `test ${testFile} is looked up in ${expectedDir}/ and in the shared common/recordings/, never here: move the file there`,

  streamFlagBody: (flag: boolean) =>
    flag
      ? 'is_streaming is true but the body is not a list of chunks: replay will fail'
      : 'is_streaming is false but the body is a list of chunks: replay will fail',
  streamFlagRequest: (requested: boolean, recorded: boolean) =>
    `request asks for stream=${requested} but the response was recorded with is_streaming=${recorded}: re-record it`,
  emptyStream: () => 'a streamed response with no chunks: the replayed call yields nothing; re-record it',
  unfinishedStream: (chunks: number) =>
    `chat stream of ${chunks} chunks never sets a finish_reason: the recording was cut off; re-record it`,

  secret: (kind: string, location: string, masked: string) =>
    `${kind} at ${location} (${masked}): revoke the credential, then re-record with it redacted`,

  duplicate: (other: string, foundIsOther: boolean) =>
    foundIsOther
      ? `same request as ${other}, which is the file the recorder finds: delete this one`
      : `same request as ${other}: the recorder finds only one of them; delete one`,

  normalization: (field: string, found: string, expected: string, count: number, total: number) =>
    `response ${field} is ${found}${total > 1 ? ` in ${count} of ${total} objects` : ''}, the recorder writes ${expected}: noise in the next re-record diff`,

  indexMissingFile: (file: string) =>
    `index.sqlite lists ${file}, which does not exist: replay of that request fails; re-record or drop the row`,
  indexAbsent: () => 'not listed in index.sqlite: the 2025 recorder never finds this file; re-record it or delete it',
  indexUnreadable: (reason: string) => `index.sqlite cannot be read (${reason}): no file beside it can be found`,
} as const;
