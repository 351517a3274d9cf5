import type { JsonObject } from '../json/json-value.js';
import { parsePythonJson } from '../json/parse-json.js';

const REQUEST_KEY = '\n  "request": ';

/**
 * `{test_id, request}` with the request's numbers as written. Python's indent=2 puts every
 * top-level key at exactly two spaces, so the request's text is the span from its key to the
 * next such line, and only that span (small next to a long stream) goes through the slow
 * lossless parser. Any other layout falls back to a structural scan for the span.
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
  // Any other layout: find the request's span by a scan that allocates nothing.
  const span = findTopLevelValue(text, 'request');
  if (span === null) return null;
  try {
    recording.request = parsePythonJson(text.slice(span.start, span.end), { lossless: true });
    return recording;
  } catch {
    return null;
  }
}

/**
 * Where the value of a top-level key starts and ends in a JSON object's text: one pass
 * that skips strings and counts brackets, so a 60 MB stream costs no memory to get past.
 */
export function findTopLevelValue(text: string, key: string): { start: number; end: number } | null {
  const length = text.length;
  let i = text.indexOf('{');
  if (i < 0 || text.slice(0, i).trim() !== '') return null;
  i++;
  let depth = 1;
  let expectKey = true;
  let capturing = false;
  let start = -1;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      const end = findStringEnd(text, i);
      if (end < 0) return null;
      if (depth === 1 && expectKey) {
        capturing = text.slice(i, end) === JSON.stringify(key) || safeParseString(text.slice(i, end)) === key;
        expectKey = false;
      }
      i = end;
      continue;
    }
    if (depth === 1 && code === 0x3a && capturing) start = i + 1;
    else if (code === 0x7b || code === 0x5b) depth++;
    else if (code === 0x7d || code === 0x5d) {
      depth--;
      if (depth === 0) return capturing && start >= 0 ? { start, end: i } : null;
    } else if (depth === 1 && code === 0x2c) {
      if (capturing && start >= 0) return { start, end: i };
      expectKey = true;
    }
    i++;
  }
  return null;
}

/** Index just past the closing quote of the string that opens at `open`, or -1. */
function findStringEnd(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at + 1;
  }
}

function safeParseString(literal: string): unknown {
  try {
    return JSON.parse(literal);
  } catch {
    return null;
  }
}
