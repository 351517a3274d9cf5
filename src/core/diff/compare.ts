import { getString, isObject, unwrapData, type JsonObject } from '../json/json-value.js';
import { isUsable, openRecording } from '../load/open-recording.js';
import type { RawFile } from '../sources/source.js';
import type { Answer, ToolCall } from '../types.js';
import { listJsonChanges, sameJson } from './json-changes.js';
import { canonicalResponse, digestResponse } from './noise.js';
import type { Change, ChangeDetails, ChangeKind, ChangeStatus, Side } from './types.js';

/**
 * What comparison keeps of one side: the request, the answer, the response's form and a
 * digest of the response with noise removed. The parsed file itself is let go before the
 * other side is read, so a diff of two 200 MB recordings holds one of them at a time.
 */
interface SideSummary {
  testId: string | null;
  endpoint: string | null;
  request: JsonObject;
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
  const recording = openRecording(side.source, side.file, raw);
  if (!isUsable(recording)) return { ok: false, reason: recording.problem?.message ?? 'not a recording' };
  const answer = recording.answer();
  if (!answer.ok) return { ok: false, reason: answer.problem.message };
  const envelope = recording.envelope!;
  const items = Array.isArray(envelope.body) ? envelope.body : [envelope.body];
  const first = unwrapData(items[0]);
  return {
    ok: true,
    summary: {
      testId: envelope.testId,
      endpoint: envelope.endpoint,
      request: envelope.request,
      answer: answer.answer,
      chunks: recording.entry.chunks,
      types: [...new Set(items.map((item) => (isObject(item) ? (getString(item.__type__) ?? 'dict') : typeof item)))],
      responseModel: getString(first?.model) ?? getString(first?.model_version),
      responseDigest: digestResponse(envelope.response, noise),
      response: recording.entry.bytes <= KEEP_RESPONSE_BYTES ? envelope.response : null,
    },
  };
}

const emptyDetails = (): ChangeDetails => ({ request: [], structure: [] });

type AnswerDetail = Exclude<keyof ChangeDetails, 'request' | 'structure'>;

type ChangePaths = { path: string; rel: string; oldPath: string | null; status: ChangeStatus };

/**
 * What a re-recording changed, as a person reads it: the request (JSON paths), the answer
 * (text, reasoning, tool calls by name and parsed arguments, finish reason), token usage,
 * the model, a recorded error, and the response's form. What differs only in noise fields
 * is `noise-only`.
 */
export function compareLoaded(before: LoadedSide, after: LoadedSide, paths: ChangePaths, noise: ReadonlySet<string>): Change {
  const change: Change = { ...paths, kinds: [], details: emptyDetails(), problems: [] };
  if (!before.ok) change.problems.push(`old ${paths.oldPath ?? paths.path}: ${before.reason}`);
  if (!after.ok) change.problems.push(`new ${paths.path}: ${after.reason}`);
  if (!before.ok || !after.ok) return change;
  const a = before.summary;
  const b = after.summary;
  const kinds = new Set<ChangeKind>();
  const details = change.details;

  details.request = listJsonChanges({ test_id: a.testId, ...a.request }, { test_id: b.testId, ...b.request }, 'request');
  for (const item of details.request) if (item.path === 'request.test_id') item.path = 'test_id';
  if (details.request.length > 0) kinds.add('request');

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
  const responseKinds = ['text', 'reasoning', 'tool-calls', 'finish-reason', 'usage', 'model', 'error'] as const;
  if (details.structure.length === 0 && !responseKinds.some((kind) => kinds.has(kind))) {
    if (a.responseDigest !== b.responseDigest) {
      if (a.response !== null && b.response !== null) {
        const oldResponse = JSON.parse(canonicalResponse(a.response, noise)) as unknown;
        const newResponse = JSON.parse(canonicalResponse(b.response, noise)) as unknown;
        const fields = listJsonChanges(oldResponse, newResponse, 'response', 5).map((item) => item.path);
        details.structure.push(`other fields: ${fields.join(', ')}`);
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

/** How alike two requests are, 0 to 1: the share of their leaf values that agree. */
export function requestSimilarity(a: LoadedSide, b: LoadedSide): number {
  if (!a.ok || !b.ok) return 0;
  const leavesA = countLeaves(a.summary.request);
  const leavesB = countLeaves(b.summary.request);
  const differing = listJsonChanges(a.summary.request, b.summary.request, '', 10_000).length;
  const total = Math.max(leavesA, leavesB, 1);
  return Math.max(0, 1 - differing / total);
}

function countLeaves(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countLeaves(item), 0);
  if (isObject(value)) return Object.values(value).reduce((sum: number, item) => sum + countLeaves(item), 0);
  return 1;
}
