import { describeFile } from '../build-index.js';
import { isObject, type JsonObject } from '../json-value.js';
import { parsePythonJson } from '../parse-json.js';
import { readJsonFile } from '../read-file.js';
import { computeRequestHash, type HashScheme } from '../request-hash.js';
import type { CheckedFile } from './types.js';

const REQUEST_KEY = '\n  "request": ';

/** Reads one file for the rules: JSON.parse for the whole, the lossless parser for the request only. */
export function loadCheckedFile(absPath: string, cwd: string): CheckedFile {
  const read = readJsonFile(absPath);
  const { entry, envelope, value } = describeFile(absPath, cwd, read);
  const text = read.ok ? read.text : null;
  let lossless: JsonObject | null | undefined;
  const hashes = new Map<HashScheme, string | null>();
  const file: CheckedFile = {
    entry,
    envelope,
    value,
    text,
    losslessRecording() {
      if (lossless === undefined) lossless = text !== null && envelope ? readLosslessRecording(text, value as JsonObject) : null;
      return lossless;
    },
    hash(scheme) {
      if (!hashes.has(scheme)) {
        const recording = file.losslessRecording();
        hashes.set(scheme, recording ? computeRequestHash(recording, scheme) : null);
      }
      return hashes.get(scheme)!;
    },
  };
  return file;
}

/**
 * `{test_id, request}` with the request's numbers as written. Python's indent=2 puts every
 * top-level key at exactly two spaces, so the request's text is the span from its key to the
 * next such line, and only that span (small next to a long stream) goes through the slow
 * lossless parser. Any other layout falls back to parsing the whole file losslessly.
 */
export function readLosslessRecording(text: string, value: JsonObject): JsonObject | null {
  const recording: JsonObject = {};
  if ('test_id' in value) recording.test_id = value.test_id;
  const start = text.startsWith('{\n  "') ? text.indexOf(REQUEST_KEY) : -1;
  if (start >= 0) {
    const from = start + REQUEST_KEY.length;
    let end = text.indexOf('\n  "', from);
    if (end < 0) end = text.lastIndexOf('\n}');
    const span = text.slice(from, end).trimEnd().replace(/,$/, '');
    try {
      recording.request = parsePythonJson(span, { lossless: true });
      return recording;
    } catch {
      // not the layout we expected: read the whole file below
    }
  }
  try {
    const whole = parsePythonJson(text, { lossless: true });
    if (!isObject(whole)) return null;
    recording.request = whole.request;
    return recording;
  } catch {
    return null;
  }
}
