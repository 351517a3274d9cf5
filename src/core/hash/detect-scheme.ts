import { existsSync } from 'node:fs';
import { readSmallFile } from '../read-small-file.js';
import { dirname, join, resolve } from 'node:path';
import type { HashScheme } from './schemes.js';

/** Where a checkout keeps its recorder, by period (FORMAT.md section 7), newest first. */
const RECORDER_PATHS = [
  'src/ogx/testing/api_recorder.py',
  'src/llama_stack/testing/api_recorder.py',
  'llama_stack/testing/api_recorder.py',
  'llama_stack/testing/inference_recorder.py',
];

/** What each era's recorder source contains, newest first: the first that matches wins. */
const FINGERPRINTS: ReadonlyArray<{ era: 'E7' | 'E6' | 'E5' | 'E4' | 'E3' | 'E2' | 'E1'; matches: (source: string) => boolean }> = [
  { era: 'E7', matches: (source) => source.includes('__NORMALIZED__') },
  { era: 'E6', matches: (source) => source.includes('project_id') },
  { era: 'E5', matches: (source) => source.includes('exclude_stream_options') },
  { era: 'E4', matches: (source) => source.includes('round(value, 5)') },
  { era: 'E3', matches: (source) => source.includes('f"{request_hash}.json"') && source.includes('test_id') },
  { era: 'E2', matches: (source) => source.includes('f"{request_hash[:12]}.json"') && !source.includes('sqlite3') },
  { era: 'E1', matches: (source) => source.includes('import sqlite3') && source.includes('index.sqlite') },
];

export interface DetectedScheme {
  /** The scheme files are hashed by (E1 hashes as E2; only its index differs). */
  scheme: HashScheme;
  era: string;
  /** The recorder source it was read from, absolute. */
  source: string;
}

/**
 * The scheme a checkout's own recorder implements, read from its source: a checkout of an
 * older revision is judged by that revision's recorder, not today's. Looks in each start
 * folder and every folder above it; null when no recorder source is found (or none of the
 * fingerprints matches it).
 */
export function detectRecorderScheme(startDirs: readonly string[]): DetectedScheme | null {
  for (const start of startDirs) {
    for (let folder = resolve(start); ; folder = dirname(folder)) {
      for (const relative of RECORDER_PATHS) {
        const path = join(folder, relative);
        if (!existsSync(path)) continue;
        const source = safeRead(path);
        const era = FINGERPRINTS.find((fingerprint) => fingerprint.matches(source))?.era;
        if (era) return { scheme: era === 'E1' ? 'E2' : era, era, source: path };
      }
      if (dirname(folder) === folder) break;
    }
  }
  return null;
}

/** The recorder's source, which a pull request can replace by a link to /dev/zero: a regular file of bounded size, else nothing. */
function safeRead(path: string): string {
  const read = readSmallFile(path, 8 * 1024 * 1024);
  return read.ok ? read.text : '';
}
