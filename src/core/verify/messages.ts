import { SCHEME_DESCRIPTIONS, type HashScheme } from '../hash/schemes.js';
import { PROBLEM_CODES, type ProblemCode } from '../load/problems.js';
import type { CassetteFix } from '../../formats/containers/secret-fix.js';
import { containerNamed } from '../../formats/containers/index.js';

/**
 * Every word `verify` says, in one place, keyed by the finding's stable code: each message
 * says what is wrong and what to do. Rules return a code and its data, never words.
 */
const MESSAGES = {
  'parse/code-tag': (data: { tags: string[] }) =>
    `YAML tag${data.tags.length > 1 ? 's' : ''} ${data.tags.slice(0, 3).join(', ')}${data.tags.length > 3 ? ` and ${data.tags.length - 3} more` : ''} build${data.tags.length > 1 ? '' : 's'} Python objects by running code: vcrpy loads cassettes with PyYAML's unsafe loader, so ${data.tags.length > 1 ? 'they run' : 'it runs'} when the test replays; remove ${data.tags.length > 1 ? 'them' : 'it'} and do not run this cassette`,
  'schema/interaction': (data: { problem: string }) => `${data.problem}: vcrpy cannot replay this interaction; fix or re-record it`,
  'schema/body': (data: { side: string; problem: string }) => `${data.side} body: ${data.problem}`,
  'schema/field': (data: { path: string; problem: string; more: number; type: string | null }) =>
    `${data.path}: ${data.problem}${data.more > 0 ? ` (and ${data.more} more ${data.type?.split('.').at(-1) ?? ''} objects)` : ''}`,
  'unknown-type/no-schema': (data: { type: string; count: number }) =>
    `__type__ ${data.type}${data.count > 1 ? ` (${data.count} objects)` : ''} has no schema in cassette, so its fields are not checked`,

  'hash/not-a-hash-name': (data: { expectedFile: string; testId: string | null }) =>
    `file name is not a request hash: the recorder looks for ${data.expectedFile} and never finds this one; ${REHASH}`,
  'hash/twelve-hex-per-area': (data: { e2Matches: boolean; expectedFile: string; testId: string | null }) =>
    `12-hex name in a per-area folder: recorders since 2025-10-04 look up the full 64-hex hash (${data.expectedFile}) and never find it` +
    `${data.e2Matches ? ' (it is the E2 hash: recorded by the 2025 recorder)' : ''}; ${REHASH}`,
  'hash/older-scheme': (data: { scheme: HashScheme; current: HashScheme; expectedFile: string; testId: string | null }) =>
    `name is the ${data.scheme} hash (${SCHEME_DESCRIPTIONS[data.scheme]}); the ${data.current} recorder looks for ` +
    `${data.expectedFile} and never finds this file: ${REHASH}`,
  'hash/no-scheme': (data: {
    current: HashScheme;
    expectedFile: string;
    testId: string | null;
    responseId: string | null;
    recordedScheme: HashScheme | null;
  }) => {
    const evidence =
      data.responseId === null
        ? 'the request was edited after recording, or the file renamed'
        : data.recordedScheme === null
          ? `its response ids (${data.responseId}) name a request that no longer matches: the request was edited after recording`
          : `its response ids (${data.responseId}) are its ${data.recordedScheme} hash: recorded under ${data.recordedScheme} ` +
            `(${SCHEME_DESCRIPTIONS[data.recordedScheme]}) and renamed since`;
    return `name matches no hash scheme: ${evidence}; the ${data.current} recorder looks for ${data.expectedFile} and never finds this file: ${REHASH}`;
  },
  'hash/model-digest': (data: { expected: string }) =>
    `model-list digest does not match the model ids in the file (expected ${data.expected}): re-record it`,

  'location/wrong-folder': (data: { testFile: string; expectedDir: string }) =>
    `test ${data.testFile} is looked up in ${data.expectedDir}/ and in the shared common/recordings/, never here: move the file there`,

  'stream/bad-events': (data: { count: number; first: string }) =>
    `${data.count} stream event${data.count > 1 ? 's are' : ' is'} not JSON (first: ${data.first}): the client fails to read it on replay; re-record it`,
  'stream/no-end': (data: { events: number; expected: string }) =>
    `stream of ${data.events} events has no end (${data.expected}): the recording was cut off; re-record it`,
  'stream/truncated-frames': () => 'the AWS event stream ends inside a frame: the recording was cut off; re-record it',
  'stream/flag-without-chunks': () => 'is_streaming is true but the body is not a list of chunks: replay will fail',
  'stream/chunks-without-flag': () => 'is_streaming is false but the body is a list of chunks: replay will fail',
  'stream/request-mismatch': (data: { requested: boolean; recorded: boolean }) =>
    `request asks for stream=${data.requested} but the response was recorded with is_streaming=${data.recorded}: re-record it`,
  'stream/empty': () => 'a streamed response with no chunks: the replayed call yields nothing; re-record it',
  'stream/unfinished': (data: { chunks: number }) =>
    `chat stream of ${data.chunks} chunks never sets a finish_reason: the recording was cut off; re-record it`,

  'secret/found': (data: { kind: string; location: string; masked: string; fix?: CassetteFix & { container?: string } }) =>
    `${data.kind} at ${data.location} (${data.masked}): revoke the credential, then re-record ${
      data.fix ? `with ${describeSecretFix(data.fix)}` : 'with it redacted'
    }`,

  'duplicate/found-is-other': (data: { other: string }) =>
    `same request as ${data.other}, which is the file the recorder finds: this copy is never read; cassette rehash --write --remove-superseded removes it`,
  'duplicate/none-found': (data: { other: string; expectedFile: string }) =>
    `same request as ${data.other}, and the recorder finds neither (it looks for ${data.expectedFile}): cassette rehash --write --remove-superseded renames the newest and removes the rest`,

  'normalization/field': (data: { field: string; found: string; expected: string; count: number; total: number }) =>
    `response ${data.field} is ${data.found}${data.total > 1 ? ` in ${data.count} of ${data.total} objects` : ''}, ` +
    `the recorder writes ${data.expected}: noise in the next re-record diff`,

  'index/missing-file': (data: { file: string }) =>
    `index.sqlite lists ${data.file}, which does not exist: replay of that request fails; re-record or drop the row`,
  'index/absent': () => 'not listed in index.sqlite: the 2025 recorder never finds this file; re-record it or delete it',
  'index/unreadable': (data: { reason: string }) => `index.sqlite cannot be read (${data.reason}): no file beside it can be found`,

  'internal/rule-failed': (data: { rule: string; detail: string }) =>
    `cassette could not run the ${data.rule} rule on this file (${data.detail}); please report it`,
} as const;

type MessageCode = keyof typeof MESSAGES;

/**
 * Every code a finding can carry: the loader's problems and the rules' own. Documented in
 * docs/rules.md. `parse/no-answer` is only why `show` has no answer to print (a cassette with
 * no interactions, or a YAML file that is no cassette): such a file is fine, never a finding.
 */
export const FINDING_CODES: readonly FindingCode[] = [
  ...PROBLEM_CODES.filter((code) => code !== 'parse/no-answer'),
  ...(Object.keys(MESSAGES) as MessageCode[]),
];

/** Problems the loader finds are findings too, under the same code, with the loader's words and advice. */
export type FindingCode = MessageCode | ProblemCode;

export type FindingData<C extends FindingCode> = C extends MessageCode
  ? Parameters<(typeof MESSAGES)[C]>[0] extends undefined
    ? Record<string, never>
    : Parameters<(typeof MESSAGES)[C]>[0]
  : { reason: string } & Record<string, unknown>;

export function describeFinding(code: FindingCode, data: Record<string, unknown>): string {
  if (code in MESSAGES) return (MESSAGES[code as MessageCode] as (data: unknown) => string)(data);
  const reason = String(data.reason);
  return code === 'schema/envelope'
    ? `${reason}; a recording needs "request" and "response" objects`
    : `${reason}; the recorder cannot load this file: fix or delete it`;
}

/**
 * The one advice for a recording stored under a name the recorder does not look up: the
 * answer is still good, so renaming it (what rehash does, or removing it when an identical
 * copy has the right name) fixes the replay without a paid re-recording.
 */
const REHASH = 'no re-recording needed: cassette rehash --write renames it (or removes a stale copy)';

/** The fix as the cassette's recorder words it (a cached finding without a container is vcrpy's). */
function describeSecretFix(fix: CassetteFix & { container?: string }): string {
  const format = containerNamed(fix.container ?? 'vcrpy');
  return format?.holds === 'many' ? format.describeSecretFix(fix) : 'it redacted';
}
