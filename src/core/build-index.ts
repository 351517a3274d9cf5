import { basename, dirname, relative, sep } from 'node:path';
import { countChunks, findAdapter } from '../formats/index.js';
import { MODEL_LIST_NAME } from '../formats/model-list.js';
import { discoverRecordings, type Skipped } from './sources/disk.js';
import { readEnvelope, type Envelope } from './load/envelope.js';
import { getString, unwrapData } from './json/json-value.js';
import { readJsonFile, type ReadResult } from './read-file.js';
import type { Entry, Layout } from './types.js';

export interface IndexOptions {
  paths: string[];
  cwd: string;
  maxBytes?: number;
  /** Called after each file; the shell decides whether to draw anything. */
  onProgress?: (done: number, total: number) => void;
}

export interface IndexResult {
  entries: Entry[];
  skipped: Skipped[];
  missing: string[];
}

/** Finds, reads and classifies every recording under the given paths. Never throws on bad files. */
export function indexRecordings(options: IndexOptions): IndexResult {
  const { files, skipped, missing } = discoverRecordings(options.paths, options.cwd);
  const entries: Entry[] = [];
  files.forEach((absPath, position) => {
    entries.push(describeFile(absPath, options.cwd, readJsonFile(absPath, { maxBytes: options.maxBytes })).entry);
    options.onProgress?.(position + 1, files.length);
  });
  return { entries, skipped, missing };
}

export interface DescribedFile {
  entry: Entry;
  /** Present when the file is a readable recording. */
  envelope: Envelope | null;
  value: unknown;
}

/** Turns one read result into an index entry. Pure: the same bytes give the same entry. */
export function describeFile(absPath: string, cwd: string, read: ReadResult): DescribedFile {
  const fileName = basename(absPath);
  const name = readFileName(fileName);
  const entry: Entry = {
    id: name.id,
    path: displayPath(absPath, cwd),
    absPath,
    nameHash: name.hash,
    layout: detectLayout(absPath),
    bytes: read.bytes,
    testId: null,
    endpoint: null,
    model: null,
    kind: 'unknown',
    streaming: null,
    chunks: null,
    responseId: null,
    error: null,
  };
  if (!read.ok) {
    entry.error = read.reason;
    return { entry, envelope: null, value: undefined };
  }
  const result = readEnvelope(read.value, fileName);
  if (!result.ok) {
    entry.error = result.reason;
    return { entry, envelope: null, value: read.value };
  }
  const envelope = result.envelope;
  try {
    const adapter = findAdapter(envelope);
    entry.kind = adapter.kind;
    entry.chunks = countChunks(adapter, envelope);
  } catch (error) {
    // Only a pathological body (nesting deep enough to exhaust the stack) gets here.
    entry.error = error instanceof RangeError ? 'too deeply nested to read' : `cannot classify: ${String(error)}`;
  }
  entry.testId = envelope.testId;
  entry.endpoint = envelope.endpoint;
  entry.model = envelope.model;
  entry.streaming = envelope.isStreaming ?? (Array.isArray(envelope.body) ? true : envelope.body === undefined ? null : false);
  const firstResponse = Array.isArray(envelope.body) ? envelope.body[0] : envelope.body;
  entry.responseId = getString(unwrapData(firstResponse)?.id);
  entry.error ??= read.warning;
  return { entry, envelope, value: read.value };
}

interface FileName {
  id: string;
  hash: string | null;
}

const HASH_NAME = /^([0-9a-f]{64}|[0-9a-f]{12})\.json$/;

export function readFileName(fileName: string): FileName {
  const hash = HASH_NAME.exec(fileName);
  if (hash) return { id: hash[1]!.slice(0, 12), hash: hash[1]! };
  const models = MODEL_LIST_NAME.exec(fileName);
  if (models) return { id: `models-${models[1]!.slice(0, 12)}-${models[2]!}`, hash: models[1]! };
  return { id: fileName.replace(/\.json$/, ''), hash: null };
}

function detectLayout(absPath: string): Layout {
  const folder = dirname(absPath);
  const parent = basename(folder);
  if (parent === 'recordings') return 'per-area';
  if (parent === 'responses' && `${folder}${sep}`.includes(`${sep}recordings${sep}`)) return 'legacy';
  return 'other';
}

/** The path relative to cwd, as list and verify print it; a prefix cut when the file is below cwd. */
export function displayPath(absPath: string, cwd: string): string {
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  const relativePath = absPath.startsWith(prefix) ? absPath.slice(prefix.length) : relative(cwd, absPath);
  return toDisplayPath(relativePath || basename(absPath));
}

export function toDisplayPath(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
