import type { RecordingSource, SourceFile } from '../sources/source.js';
import type { RecordedError, ToolCall, Usage } from '../types.js';

export const CHANGE_KINDS = [
  'request',
  'text',
  'reasoning',
  'tool-calls',
  'finish-reason',
  'usage',
  'model',
  'error',
  'structure',
  'noise-only',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type ChangeStatus = 'modified' | 'added' | 'deleted' | 'rerecorded';

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
  request: PathChange[];
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
  /** The new side's path (the old one's for a deletion). */
  path: string;
  /** The path within what is compared: the order of the report. */
  rel: string;
  oldPath: string | null;
  status: ChangeStatus;
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
    unreadable: number;
  };
}
