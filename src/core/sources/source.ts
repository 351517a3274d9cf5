import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { makeProblem, type Problem } from '../load/problems.js';
import type { CassetteNameRule } from '../../formats/containers/vcrpy/test-id.js';

// zlib only for a gzipped cassette: a warm run, which reads no file, never loads it (~1.5 ms).
const requireFromHere = createRequire(import.meta.url);
const loadZlib = () => requireFromHere('node:zlib') as typeof import('node:zlib');

/** A file a source can read: `path` is what the source reads by, `absPath` where it sits in its tree. */
export interface SourceFile {
  /** For the disk, the absolute path; for a git revision, the path from the repository root. */
  path: string;
  /** Absolute path in the tree (for a git revision: as if checked out at the repository root). */
  absPath: string;
  /** Relative to the current folder, `/`-separated: what every command prints. */
  display: string;
}

/** Something under a given path that looked like a recording but was passed over, and why. */
export interface Skipped {
  absPath: string;
  display: string;
  reason: string;
}

export interface Listing {
  files: SourceFile[];
  skipped: Skipped[];
  /** Given paths that do not exist: a usage error for the caller to report. */
  missing: string[];
}

/** A file's bytes as text, or why there are none. Never throws. */
export type RawFile = { ok: true; text: string; bytes: number } | { ok: false; problem: Problem; bytes: number };

/**
 * Where recordings come from: the disk, or a git revision. Every command reads recordings
 * through a source and the one loader (`openRecordings`), so a file reads alike whichever asks.
 */
export interface RecordingSource {
  /** `working tree`, or the revision a git source reads. */
  readonly label: string;
  list(paths: readonly string[]): Listing;
  read(file: SourceFile): RawFile;
  /** A project's own cassette naming (config `cassetteNames`), and the folder its paths are relative to. */
  readonly cassetteNames?: { root: string; rules: readonly CassetteNameRule[] };
}

/** Files above this are reported, not read: a V8 string cannot hold much more than 512 MiB. */
export const MAX_BYTES = 256 * 1024 * 1024;

/**
 * A file's bytes as its text: a `.gz` file (langchain's `*.yaml.gz` cassettes) is
 * decompressed first, never beyond what a file may hold.
 */
export function decodeFile(name: string, buffer: Buffer): RawFile {
  if (!name.endsWith('.gz')) return decodeBytes(buffer);
  try {
    return decodeBytes(loadZlib().gunzipSync(buffer, { maxOutputLength: MAX_BYTES + 1 }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
      return { ok: false, bytes: buffer.length, problem: makeProblem('parse/too-large', { bytes: MAX_BYTES + 1, limit: MAX_BYTES }) };
    return { ok: false, bytes: buffer.length, problem: makeProblem('parse/not-gzip', { reason: (error as Error).message }) };
  }
}

/** Bytes to text, refusing what Python's `json.load` would not read as UTF-8. */
export function decodeBytes(buffer: Buffer): RawFile {
  const bytes = buffer.length;
  if (bytes > MAX_BYTES) return { ok: false, bytes, problem: makeProblem('parse/too-large', { bytes, limit: MAX_BYTES }) };
  if (bytes > 0 && !isUtf8(buffer))
    return { ok: false, bytes, problem: makeProblem('parse/not-utf8', { offset: findInvalidUtf8(buffer) }) };
  return { ok: true, text: buffer.toString('utf8'), bytes };
}

function findInvalidUtf8(buffer: Buffer): number {
  let i = 0;
  while (i < buffer.length) {
    const lead = buffer[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const extra = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    // isUtf8 on the one sequence also rejects overlong forms and surrogates.
    if (extra === 0 || !isUtf8(buffer.subarray(i, i + extra + 1)) || i + extra >= buffer.length) return i;
    i += extra + 1;
  }
  return buffer.length;
}
