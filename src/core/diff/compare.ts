import { getString, isObject, unwrapData } from '../json/json-value.js';
import { isUsable, openRecording, type Recording } from '../load/open-recording.js';
import type { RawFile } from '../sources/source.js';
import type { Answer, ToolCall } from '../types.js';
import { listJsonChanges, sameJson } from './json-changes.js';
import { canonicalResponse } from './noise.js';
import type { Change, ChangeDetails, ChangeKind, ChangeStatus, Side } from './types.js';

/** A recording opened for comparison: the loader's, or why it cannot be one. */
export type LoadedSide = { ok: true; recording: Recording; answer: Answer } | { ok: false; reason: string };

/** Opens one side through the loader; a side that is no usable recording is a reason, not an error. */
export function loadSide(side: Side, raw?: RawFile): LoadedSide {
  const recording = openRecording(side.source, side.file, raw);
  if (!isUsable(recording)) return { ok: false, reason: recording.problem?.message ?? 'not a recording' };
  const answer = recording.answer();
  return answer.ok ? { ok: true, recording, answer: answer.answer } : { ok: false, reason: answer.problem.message };
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
  const a = describeSide(before);
  const b = describeSide(after);
  const kinds = new Set<ChangeKind>();
  const details = change.details;

  details.request = listJsonChanges(
    { test_id: a.envelope.testId, ...a.envelope.request },
    { test_id: b.envelope.testId, ...b.envelope.request },
    'request',
  );
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
  if (!sameJson([...new Set(a.types)], [...new Set(b.types)]))
    details.structure.push(`types ${[...new Set(a.types)].join(', ')} -> ${[...new Set(b.types)].join(', ')}`);
  const responseKinds = ['text', 'reasoning', 'tool-calls', 'finish-reason', 'usage', 'model', 'error'] as const;
  if (details.structure.length === 0 && !responseKinds.some((kind) => kinds.has(kind))) {
    const oldResponse = canonicalResponse(a.envelope.response, noise);
    const newResponse = canonicalResponse(b.envelope.response, noise);
    if (oldResponse !== newResponse) {
      const fields = listJsonChanges(JSON.parse(oldResponse), JSON.parse(newResponse), 'response', 5).map((item) => item.path);
      details.structure.push(`other fields: ${fields.join(', ')}`);
    }
  }
  if (details.structure.length > 0) kinds.add('structure');
  change.kinds = kinds.size > 0 ? [...kinds] : ['noise-only'];
  return change;
}

/** What comparison reads of a usable side. */
function describeSide(side: Extract<LoadedSide, { ok: true }>) {
  const envelope = side.recording.envelope!;
  const items = Array.isArray(envelope.body) ? envelope.body : [envelope.body];
  const first = unwrapData(items[0]);
  return {
    envelope,
    answer: side.answer,
    chunks: side.recording.entry.chunks,
    types: items.map((item) => (isObject(item) ? (getString(item.__type__) ?? 'dict') : typeof item)),
    responseModel: getString(first?.model) ?? getString(first?.model_version),
  };
}

function callShapes(calls: readonly ToolCall[]): Array<{ name: string | null; arguments: unknown }> {
  return calls.map((call) => ({ name: call.name, arguments: call.arguments }));
}

/** How alike two requests are, 0 to 1: the share of their leaf values that agree. */
export function requestSimilarity(a: LoadedSide, b: LoadedSide): number {
  if (!a.ok || !b.ok) return 0;
  const leavesA = countLeaves(a.recording.envelope!.request);
  const leavesB = countLeaves(b.recording.envelope!.request);
  const differing = listJsonChanges(a.recording.envelope!.request, b.recording.envelope!.request, '', 10_000).length;
  const total = Math.max(leavesA, leavesB, 1);
  return Math.max(0, 1 - differing / total);
}

function countLeaves(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countLeaves(item), 0);
  if (isObject(value)) return Object.values(value).reduce((sum: number, item) => sum + countLeaves(item), 0);
  return 1;
}
