import { basename } from 'node:path';
import { findAdapter } from '../../formats/answers/index.js';
import type { FormatAdapter } from '../../formats/answers/adapter.js';
import { computeRequestHash } from '../hash/request-hash.js';
import { type HashScheme } from '../hash/schemes.js';
import { getString, unwrapData, type JsonObject } from '../json/json-value.js';
import type { RawFile, RecordingSource, SourceFile } from '../sources/source.js';
import type { Answer, Entry } from '../types.js';
import { formatsForName, isSingleCallName } from '../../formats/containers/index.js';
import type { CassetteFormat } from '../../formats/containers/container.js';
import type { ContainerRead } from '../../formats/containers/interaction.js';
import { findCodeTags, readYaml } from '../../formats/decode/read-yaml.js';
import { MAX_DECOMPRESSED_PER_CASSETTE } from '../../formats/decode/decode-body.js';
import { interactionId, viewInteraction, type HttpExchange } from '../../formats/containers/view-interaction.js';
import { createCassetteNaming } from '../../formats/containers/vcrpy/test-id.js';
import { readEnvelope, type Envelope } from './envelope.js';
import { makeEntry } from './entry.js';
import { readLosslessRecording } from './lossless-request.js';
import { parseRecordingText } from './parse.js';
import { isWarningOnly, makeProblem, type Problem } from './problems.js';

type AnswerResult = { ok: true; answer: Answer } | { ok: false; problem: Problem };

/**
 * One recorded call, as every command sees it. The entry (what `list` prints) is filled in
 * when the file is opened; the answer, the lossless request and its hashes are computed on
 * first use and kept.
 */
export interface Recording {
  file: SourceFile;
  entry: Entry;
  /** The file's text (past a BOM when it parsed), null when it could not be read. */
  text: string | null;
  /** The parsed file, undefined when it could not be read or parsed. */
  value: unknown;
  /** Present when the file is a usable recording. */
  envelope: Envelope | null;
  adapter: FormatAdapter | null;
  /** Why the file cannot be used, or (with an envelope) a warning about it. `entry.error` is its message. */
  problem: Problem | null;
  answer(): AnswerResult;
  /** The request as the recorder hashes it, numbers as written; null when there is none. */
  lossless(): JsonObject | null;
  /** The request hash under a scheme, memoised; null when the request cannot be hashed. */
  requestHash(scheme: HashScheme): string | null;
  /** For an interaction of a cassette (any container format's): the raw HTTP exchange its rules check. */
  http: HttpExchange | null;
  /** On a cassette's first recording: YAML tags in the file that run code when PyYAML's unsafe loader (vcrpy's) reads it. */
  codeTags?: string[];
  /** On a cassette's first recording: what the file holds besides its interactions (comments, keys beside the list, HAR's cookies). */
  looseText?: string;
}

/**
 * Reads one file of a source into its recordings. A single-call format (ogx) holds one; a
 * cassette holds several, each its own entry (`entry.interaction`). The registry says which
 * formats a file's name can be; its content says which one it is. Never throws: a file that
 * cannot be used is one recording with a `problem`; a file no format recognises that only a
 * folder made a candidate (a `testdata/` YAML that is no cassette) has none.
 */
export function openRecordings(source: RecordingSource, file: SourceFile, raw?: RawFile): Recording[] {
  const cassettes = formatsForName(file.absPath).filter((format): format is CassetteFormat => format.holds === 'many');
  if (cassettes.length === 0) return [openRecording(source, file, raw)];
  return openCassette(source, file, raw ?? source.read(file), cassettes);
}

/** The file's one recording (or its first, for a cassette); `raw` when the caller has read the file already. */
export function openRecording(source: RecordingSource, file: SourceFile, raw: RawFile = source.read(file)): Recording {
  if (!isSingleCallName(file.absPath) && formatsForName(file.absPath).length > 0) {
    const [first] = openRecordings(source, file, raw);
    if (first) return first;
    const entry = makeEntry(file, raw.bytes, 0);
    entry.format = 'vcr';
    entry.container = '';
    entry.kind = 'unsupported';
    entry.note = 'no recorder wrote this file: it is no cassette of any format cassette reads';
    return unusable(file, entry, null, raw.ok ? raw.text : null, undefined);
  }
  const entry = makeEntry(file, raw.bytes, 0);
  if (!raw.ok) return unusable(file, entry, raw.problem, null, undefined);
  const parsed = parseRecordingText(raw.text, raw.bytes);
  if (!parsed.ok) return unusable(file, entry, parsed.problem, raw.text, undefined);
  const read = readEnvelope(parsed.value, basename(file.absPath));
  if (!read.ok) return unusable(file, entry, read.problem, parsed.text, parsed.value);
  return usableRecording(file, entry, parsed.text, parsed.value as JsonObject, read.envelope, parsed.warning, null);
}

/**
 * A cassette's interactions, each its own recording (`entry.interaction`, id `<stem>#<n>`),
 * or one recording that says why there are none: an unreadable file, an unsupported dialect
 * (kind `unsupported`, no error), or an empty cassette; or none when no format claims it.
 */
function openCassette(source: RecordingSource, file: SourceFile, raw: RawFile, candidates: readonly CassetteFormat[]): Recording[] {
  const fallback = candidates.find((format) => format.fallback);
  const entryOf = (format: CassetteFormat): Entry => {
    const entry = makeEntry(file, raw.bytes, 0);
    entry.format = 'vcr';
    entry.container = format.name;
    entry.id = interactionId(file.absPath, 0, format.fileName);
    entry.testId = testIdOf(source, format, file.absPath);
    return entry;
  };
  if (!raw.ok) return fallback ? [unusable(file, entryOf(fallback), raw.problem, null, undefined)] : [];
  const text = raw.text;
  if (raw.bytes === 0 || text.trim() === '') {
    if (!fallback) return [];
    return [unusable(file, entryOf(fallback), makeProblem(raw.bytes === 0 ? 'parse/empty' : 'parse/whitespace'), text, undefined)];
  }
  // Formats that share a name share a syntax (`.yml` is YAML whoever wrote it).
  const parsed = parseContainerText(candidates[0]!.syntax, text, raw.bytes);
  if (!parsed.ok) {
    const owner = candidates.find((format) => format.looksLike(text)) ?? fallback;
    return owner ? [unusable(file, entryOf(owner), parsed.problem, text, undefined)] : [];
  }
  const format = candidates.find((candidate) => candidate.recognise(parsed.value)) ?? fallback;
  if (!format) return [];
  const recordings = readCassetteRecordings(file, entryOf(format), text, format, format.read(parsed.value));
  // Read from the file's text when a rule asks, once: list never does (a line scan of every
  // cassette cost a cold list ~60%).
  let tags: string[] | undefined;
  let loose: string | undefined;
  const yaml = format.syntax === 'yaml';
  Object.defineProperty(recordings[0]!, 'codeTags', { enumerable: true, get: () => (tags ??= yaml ? findCodeTags(text) : []) });
  Object.defineProperty(recordings[0]!, 'looseText', {
    enumerable: true,
    get: () => (loose ??= format.findLooseText(text, parsed.value)),
  });
  return recordings;
}

/** A cassette's text parsed by its syntax; a failure is the problem verify reports. */
function parseContainerText(
  syntax: 'yaml' | 'json',
  text: string,
  bytes: number,
): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  if (syntax === 'json') {
    const parsed = parseRecordingText(text, bytes);
    return parsed.ok ? { ok: true, value: parsed.value } : parsed;
  }
  const read = readYaml(text);
  return read.ok ? read : { ok: false, problem: makeProblem('parse/invalid-yaml', { detail: read.reason, line: read.line }) };
}

/** The interactions a format read, or the one recording that says why there are none. */
function readCassetteRecordings(file: SourceFile, entry: Entry, text: string, format: CassetteFormat, read: ContainerRead): Recording[] {
  if (!read.ok) {
    if (!read.unsupported)
      return [unusable(file, entry, makeProblem('parse/invalid-yaml', { detail: read.reason, line: read.line }), text, undefined)];
    const recording = unusable(file, entry, null, text, undefined);
    entry.kind = 'unsupported';
    entry.note = read.reason;
    return [recording];
  }
  if (read.interactions.length === 0) {
    const recording = unusable(file, entry, null, text, undefined);
    entry.kind = 'empty';
    entry.note = 'a cassette with no interactions';
    return [recording];
  }
  const budget = { left: MAX_DECOMPRESSED_PER_CASSETTE };
  return read.interactions.map((interaction, index) => {
    const own = { ...entry, interaction: index, id: interactionId(file.absPath, index, format.fileName) };
    const view = viewInteraction(interaction, read.dialect, basename(file.absPath), own.testId, budget);
    const value = view.value;
    // The interaction's text (the secret scan's prefilter, diff's digest) is written only when asked for: list never does.
    return usableRecording(file, own, () => JSON.stringify(value), value, view.envelope, null, view.facts);
  });
}

const namings = new WeakMap<object, (absPath: string) => string | null>();

/** A cassette's test id: by the project's `cassetteNames` when the source has them, else by its recorder's naming rule. */
function testIdOf(source: RecordingSource, format: CassetteFormat, absPath: string): string | null {
  const names = source.cassetteNames;
  if (!names || names.rules.length === 0) return format.testId(absPath);
  let naming = namings.get(names);
  if (!naming) namings.set(names, (naming = createCassetteNaming(names.rules, names.root)));
  return naming(absPath) ?? format.testId(absPath);
}

/** A readable recording: its adapter, what the entry shows, and the answer and hashes on first use. */
function usableRecording(
  file: SourceFile,
  entry: Entry,
  text: string | (() => string),
  value: JsonObject,
  envelope: Envelope,
  warning: Problem | null,
  http: HttpExchange | null,
): Recording {
  let problem = warning;
  let adapter: FormatAdapter | null = null;
  try {
    adapter = findAdapter(envelope, http !== null);
    entry.kind = adapter.kind;
    entry.chunks = adapter.countChunks ? adapter.countChunks(envelope) : Array.isArray(envelope.body) ? envelope.body.length : null;
  } catch (error) {
    // Only a pathological body (nesting deep enough to exhaust the stack) gets here.
    problem = deepOrBug(error);
  }
  entry.testId = envelope.testId;
  entry.endpoint = envelope.endpoint;
  entry.model = envelope.model;
  entry.streaming = envelope.isStreaming ?? (Array.isArray(envelope.body) ? true : envelope.body === undefined ? null : false);
  const firstResponse = Array.isArray(envelope.body) ? envelope.body[0] : envelope.body;
  entry.responseId = getString(unwrapData(firstResponse)?.id);
  entry.error = problem?.message ?? null;

  let answer: AnswerResult | undefined;
  let lossless: JsonObject | null | undefined;
  const hashes = new Map<HashScheme, string | null>();
  const recording: Recording = {
    file,
    entry,
    text: typeof text === 'string' ? text : null,
    value,
    envelope,
    adapter,
    problem,
    answer() {
      if (answer === undefined) {
        try {
          answer = adapter ? { ok: true, answer: adapter.reconstruct(envelope) } : { ok: false, problem: problem! };
        } catch (error) {
          answer = { ok: false, problem: deepOrBug(error) };
        }
      }
      return answer;
    },
    http,
    lossless() {
      // A cassette's request is not hashed: its recorder matches on method, URI (and body) instead.
      if (lossless === undefined) lossless = http || typeof text !== 'string' ? null : readLosslessRecording(text, value);
      return lossless;
    },
    requestHash(scheme) {
      if (!hashes.has(scheme)) {
        const request = recording.lossless();
        let hash: string | null = null;
        try {
          hash = request ? computeRequestHash(request, scheme) : null;
        } catch {
          hash = null; // a request too deep to serialise has no hash the recorder could compute either
        }
        hashes.set(scheme, hash);
      }
      return hashes.get(scheme)!;
    },
  };
  if (typeof text === 'function') {
    // Written on first read only, and only for a cassette: an accessor on every recording cost verify ~5%.
    let written: string | null = null;
    Object.defineProperty(recording, 'text', { enumerable: true, get: () => (written ??= text()) });
  }
  return recording;
}

function unusable(file: SourceFile, entry: Entry, problem: Problem | null, text: string | null, value: unknown): Recording {
  entry.error = problem?.message ?? null;
  const failed: { ok: false; problem: Problem } = {
    ok: false,
    problem: problem ?? makeProblem('parse/no-answer', { reason: entry.note ?? 'no answer' }),
  };
  return {
    file,
    entry,
    text,
    value,
    envelope: null,
    adapter: null,
    problem,
    http: null,
    answer: () => failed,
    lossless: () => null,
    requestHash: () => null,
  };
}

/**
 * An adapter that throws on a readable recording: nesting deep enough to exhaust the stack,
 * or a bug of ours, which must not stop the other files from being read.
 */
function deepOrBug(error: unknown): Problem {
  if (error instanceof RangeError) return makeProblem('parse/too-deep');
  return makeProblem('parse/cassette-bug', { detail: String(error) });
}

/** Is the recording usable (read, parsed, an envelope), perhaps with a warning? */
export function isUsable(recording: Recording): boolean {
  return recording.envelope !== null && (recording.problem === null || isWarningOnly(recording.problem));
}
