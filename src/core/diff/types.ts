import type { RecordingSource, SourceFile } from '../sources/source.js';
import type { RecordedError, ToolCall, Usage } from '../types.js';

/** Every kind of change, in the order a reviewer reads them: what the model said first, noise last. */
export const CHANGE_KINDS = [
  'text',
  'tool-calls',
  'finish-reason',
  'error',
  'reasoning',
  'embeddings',
  'models',
  'request',
  'usage',
  'model',
  'structure',
  'noise-only',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
/** modified: same path; rerecorded: a deleted and an added file paired by their requests; renamed: the same bytes under another name. */
export type ChangeStatus = 'modified' | 'added' | 'deleted' | 'rerecorded' | 'renamed';

interface ValueChange<T> {
  old: T;
  new: T;
}

/** One JSON path whose value differs: `request.body.temperature: 0.7 -> 0.2`. */
export interface PathChange {
  path: string;
  old: unknown;
  new: unknown;
}

export interface ChangeDetails {
  /** Changes to what the recorder hashes. */
  request: PathChange[];
  /** Changes to the request the recorder does not hash (headers, the URL's host): noise. */
  requestNoise?: PathChange[];
  embeddings?: { old: { count: number; dimensions: number }; new: { count: number; dimensions: number }; largestDifference: number };
  models?: { added: string[]; removed: string[] };
  text?: ValueChange<string | null>;
  reasoning?: ValueChange<string | null>;
  toolCalls?: ValueChange<ToolCall[]>;
  finishReason?: ValueChange<string | null>;
  usage?: ValueChange<Usage | null>;
  model?: ValueChange<string | null>;
  error?: ValueChange<RecordedError | null>;
  /** What changed in the response's form: chunk counts, types, other fields. */
  structure: string[];
}

export interface Change {
  /** The new side's path (the old one's for a deletion); `<path>#<n>` for a cassette's interaction. */
  path: string;
  /** The file the change is in: `path` for an ogx recording, the cassette for one of its interactions. */
  file: string;
  /** The path within what is compared: the order of the report. */
  rel: string;
  oldPath: string | null;
  status: ChangeStatus;
  /** For a paired (rerecorded or renamed) file: how alike the two requests are, 0 to 1. */
  similarity: number | null;
  testId: string | null;
  endpoint: string | null;
  model: string | null;
  /** The first user message of the new side (the old one's for a deletion). */
  firstMessage: string | null;
  kinds: ChangeKind[];
  details: ChangeDetails;
  /** A side that could not be read or is not a recording: reported, not fatal. */
  problems: string[];
}

/** One side of a pair: a file and the source (disk or a git revision) that reads it. */
export interface Side {
  source: RecordingSource;
  file: SourceFile;
}

export interface DiffResult {
  changes: Change[];
  summary: {
    files: number;
    byStatus: Record<ChangeStatus, number>;
    byKind: Record<ChangeKind, number>;
    real: number;
    noiseOnly: number;
    /** Renamed with identical content: nothing changed but the name. */
    unchanged: number;
    unreadable: number;
  };
}
