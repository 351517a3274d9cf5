import { getArray, getObject, getString, isObject, unwrapData, type JsonObject } from '../json/json-value.js';
import { createHash } from 'node:crypto';
import { isUsable, openRecording, openRecordings, type Recording } from '../load/open-recording.js';
import { summarizeRequest } from '../load/summarize-request.js';
import type { RawFile } from '../sources/source.js';
import type { Answer, ToolCall } from '../types.js';
import { listJsonChanges, sameJson } from './json-changes.js';
import { canonicalResponse, digestResponse, withoutHeaderNoise } from './noise.js';
import { splitRequestChanges } from './request-paths.js';
import { requestLeaves, type RequestLeaves } from './similarity.js';
import type { Change, ChangeDetails, ChangeKind, Side } from './types.js';

/**
 * What comparison keeps of one side: the request, the answer, the response's form and a
 * digest of the response with noise removed. The parsed file itself is let go before the
 * other side is read, so a diff of two 200 MB recordings holds one of them at a time.
 */
export interface SideSummary {
  testId: string | null;
  endpoint: string | null;
  model: string | null;
  shape: string;
  format: 'ogx' | 'vcr';
  /** The first thing the user said: how a reviewer recognises a call. */
  firstMessage: string | null;
  request: JsonObject;
  leaves: RequestLeaves;
  /** sha256 of the file's text: equal digests are a file renamed, nothing else. */
  textDigest: string;
  /** Embedding vectors, for embeddings recordings. */
  vectors: number[][] | null;
  /** Model ids, for model lists. */
  modelIds: string[] | null;
  answer: Answer;
  chunks: number | null;
  types: string[];
  responseModel: string | null;
  responseDigest: string;
  /** The response itself, kept for files small enough to list the fields that differ. */
  response: unknown;
}

/** A side read for comparison, or why it cannot be one. */
export type LoadedSide = { ok: true; summary: SideSummary } | { ok: false; reason: string };

// Below this, a changed response's differing fields are listed by path; above, the digest says whether it changed.
const KEEP_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Opens one side through the loader; a side that is no usable recording is a reason, not an error. */
export function loadSide(side: Side, noise: ReadonlySet<string>, raw?: RawFile): LoadedSide {
  return summarizeRecording(openRecording(side.source, side.file, raw), noise);
}

/** Every interaction of a cassette, summarised in order; one reason when the file cannot be read. */
export function loadCassette(side: Side, noise: ReadonlySet<string>, raw?: RawFile): LoadedSide[] {
  return openRecordings(side.source, side.file, raw).map((recording) => summarizeRecording(recording, noise));
}

function summarizeRecording(recording: Recording, noise: ReadonlySet<string>): LoadedSide {
  if (!isUsable(recording)) return { ok: false, reason: recording.problem?.message ?? recording.entry.note ?? 'not a recording' };
  const answer = recording.answer();
  if (!answer.ok) return { ok: false, reason: answer.problem.message };
  const envelope = recording.envelope!;
  const items = Array.isArray(envelope.body) ? envelope.body : [envelope.body];
  const first = unwrapData(items[0]);
  const request = summarizeRequest(envelope);
  const models = answer.answer.facts.models;
  // A cassette's response headers are compared without what every re-record changes.
  const response = recording.http ? withoutHeaderNoise(envelope.response) : envelope.response;
  return {
    ok: true,
    summary: {
      testId: envelope.testId,
      endpoint: envelope.endpoint,
      model: envelope.model,
      shape: envelope.shape,
      format: recording.entry.format,
      firstMessage: (request.messages.find((message) => message.role === 'user') ?? request.messages[0])?.content ?? null,
      request: envelope.request,
      leaves: requestLeaves(envelope.request, envelope.testId),
      textDigest: createHash('sha256')
        .update(recording.text ?? '')
        .digest('hex'),
      vectors: readVectors(envelope.body),
      modelIds: Array.isArray(models) ? models : null,
      answer: answer.answer,
      chunks: recording.entry.chunks,
      types: [...new Set(items.map((item) => (isObject(item) ? (getString(item.__type__) ?? 'dict') : typeof item)))],
      responseModel: getString(first?.model) ?? getString(first?.model_version),
      responseDigest: digestResponse(response, noise),
      response: recording.entry.bytes <= KEEP_RESPONSE_BYTES ? response : null,
    },
  };
}

/** A change with no kinds yet, named by the side that describes it (the new one, when it could be read). */
export function emptyChange(paths: ChangePaths, side: SideSummary | null): Change {
  return {
    ...paths,
    testId: side?.testId ?? null,
    endpoint: side?.endpoint ?? null,
    model: side?.model ?? null,
    firstMessage: side?.firstMessage ?? null,
    kinds: [],
    details: { request: [], structure: [] },
    problems: [],
  };
}

type AnswerDetail = Exclude<keyof ChangeDetails, 'request' | 'requestNoise' | 'structure' | 'embeddings' | 'models'>;

/** Where a change is and how its sides were paired: what the caller knows before comparing. */
export type ChangePaths = Pick<Change, 'path' | 'file' | 'rel' | 'oldPath' | 'status' | 'similarity'>;

/**
 * What a re-recording changed, as a person reads it: the request (JSON paths), the answer
 * (text, reasoning, tool calls by name and parsed arguments, finish reason), token usage,
 * the model, a recorded error, and the response's form. What differs only in noise fields
 * is `noise-only`.
 */
export function compareLoaded(before: LoadedSide, after: LoadedSide, paths: ChangePaths, noise: ReadonlySet<string>): Change {
  const change = emptyChange(paths, after.ok ? after.summary : before.ok ? before.summary : null);
  if (!before.ok) change.problems.push(`old ${paths.oldPath ?? paths.path}: ${before.reason}`);
  if (!after.ok) change.problems.push(`new ${paths.path}: ${after.reason}`);
  if (!before.ok || !after.ok) return change;
  const a = before.summary;
  const b = after.summary;
  const kinds = new Set<ChangeKind>();
  const details = change.details;

  const requestChanges = listJsonChanges({ test_id: a.testId, ...a.request }, { test_id: b.testId, ...b.request }, 'request');
  for (const item of requestChanges) if (item.path === 'request.test_id') item.path = 'test_id';
  // Only what the recorder hashes is a request change; headers or the URL's host are noise.
  const split = splitRequestChanges(requestChanges, b.format === 'vcr' ? 'cassette' : b.shape);
  details.request = split.hashed;
  if (split.noise.length > 0) details.requestNoise = split.noise;
  if (details.request.length > 0) kinds.add('request');
  const vectors = compareVectors(a.vectors, b.vectors);
  if (vectors) {
    kinds.add('embeddings');
    details.embeddings = vectors;
  }
  if (a.modelIds && b.modelIds) {
    const added = b.modelIds.filter((id) => !a.modelIds!.includes(id));
    const removed = a.modelIds.filter((id) => !b.modelIds!.includes(id));
    if (added.length > 0 || removed.length > 0) {
      kinds.add('models');
      details.models = { added, removed };
    }
  }

  const answerA = a.answer;
  const answerB = b.answer;
  // Each answer field: the kind it stands for, where its change is kept, and how it compares.
  const note = <K extends AnswerDetail>(
    kind: ChangeKind,
    key: K,
    old: NonNullable<ChangeDetails[K]>['old'],
    now: NonNullable<ChangeDetails[K]>['old'],
    same = sameJson(old, now),
  ): void => {
    if (same) return;
    kinds.add(kind);
    (details as Record<AnswerDetail, unknown>)[key] = { old, new: now };
  };
  note('text', 'text', answerA.text, answerB.text);
  note('reasoning', 'reasoning', answerA.reasoning, answerB.reasoning);
  // Call ids are minted anew on every recording: names and arguments are what count.
  note(
    'tool-calls',
    'toolCalls',
    answerA.toolCalls,
    answerB.toolCalls,
    sameJson(callShapes(answerA.toolCalls), callShapes(answerB.toolCalls)),
  );
  note('finish-reason', 'finishReason', answerA.finishReason, answerB.finishReason);
  note('usage', 'usage', answerA.usage, answerB.usage);
  note('model', 'model', a.responseModel, b.responseModel);
  note('error', 'error', answerA.error, answerB.error);
  if (a.chunks !== b.chunks) details.structure.push(`chunks ${a.chunks ?? '-'} -> ${b.chunks ?? '-'}`);
  if (!sameJson(a.types, b.types)) details.structure.push(`types ${a.types.join(', ')} -> ${b.types.join(', ')}`);
  const responseKinds = ['text', 'reasoning', 'tool-calls', 'finish-reason', 'usage', 'model', 'error', 'embeddings', 'models'] as const;
  if (details.structure.length === 0 && !responseKinds.some((kind) => kinds.has(kind))) {
    if (a.responseDigest !== b.responseDigest) {
      if (a.response !== null && b.response !== null) {
        const oldResponse = JSON.parse(canonicalResponse(a.response, noise)) as unknown;
        const newResponse = JSON.parse(canonicalResponse(b.response, noise)) as unknown;
        // Five named, and how many more: a list cut without saying so hides what changed (ogx /api/ps models).
        const all = listJsonChanges(oldResponse, newResponse, 'response', 1000).map((item) => item.path);
        const more = all.length - 5;
        details.structure.push(
          `other fields: ${all.slice(0, 5).join(', ')}${more > 0 ? ` and ${more >= 995 ? 'more' : `${more} more`}` : ''}`,
        );
      } else details.structure.push('other fields of the response (too large to list them)');
    }
  }
  if (details.structure.length > 0) kinds.add('structure');
  change.kinds = kinds.size > 0 ? [...kinds] : ['noise-only'];
  return change;
}

function callShapes(calls: readonly ToolCall[]): Array<{ name: string | null; arguments: unknown }> {
  return calls.map((call) => ({ name: call.name, arguments: call.arguments }));
}

/** Embedding vectors of a response: OpenAI `data[].embedding` (lists or base64 float32), Ollama `embedding(s)`. */
function readVectors(body: unknown): number[][] | null {
  const data = unwrapData(body);
  if (!data) return null;
  const items = getArray(data.data);
  const raw = items
    ? items.map((item) => getObject(item)?.embedding)
    : (getArray(data.embeddings) ?? (Array.isArray(data.embedding) ? [data.embedding] : null));
  if (!raw || raw.length === 0) return null;
  const vectors = raw.map((vector) => {
    if (Array.isArray(vector)) return vector.map(Number);
    if (typeof vector === 'string') {
      const bytes = Buffer.from(vector, 'base64');
      return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4)));
    }
    return [];
  });
  return vectors;
}

/** How two sets of vectors differ: count, dimensions, and the largest absolute difference. Null when equal. */
function compareVectors(a: number[][] | null, b: number[][] | null): NonNullable<ChangeDetails['embeddings']> | null {
  if (!a || !b) return null;
  let largest = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    for (let j = 0; j < Math.min(x.length, y.length); j++) largest = Math.max(largest, Math.abs(x[j]! - y[j]!));
  }
  const dims = (vectors: number[][]) => vectors[0]?.length ?? 0;
  if (largest === 0 && a.length === b.length && dims(a) === dims(b)) return null;
  return { old: { count: a.length, dimensions: dims(a) }, new: { count: b.length, dimensions: dims(b) }, largestDifference: largest };
}
