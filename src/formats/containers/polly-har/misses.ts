import { isObject } from '../../../core/json/json-value.js';
import type { CassetteMiss } from '../container.js';
import { dedupeMisses } from '../dedupe-misses.js';

const NOT_FOUND = '[Polly] Recording for the following request is not found and `recordIfMissing` is `false`.';
// vitest's heading of a failure: ` FAIL  tests/e2e/output/call.test.ts > call output > [openai:completions] returns …`.
const FAIL = /^\s*(?:FAIL|×|✗)\s+(\S+\.[cm]?[jt]sx? > .+?)(?: \d+ms)?$/;

/**
 * Polly's "Recording … is not found" errors in a vitest or jest log: the request Polly
 * printed as JSON after the message (`url`, `method`, `body`, `recordingName`, `id`).
 */
export function findPollyMisses(log: string): CassetteMiss[] {
  const lines = log.split(/\r?\n/);
  const misses: CassetteMiss[] = [];
  let test: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    test = FAIL.exec(lines[i]!)?.[1] ?? test;
    if (!lines[i]!.includes(NOT_FOUND)) continue;
    const request = readJsonAfter(lines, i + 1);
    if (!request || typeof request.url !== 'string' || typeof request.method !== 'string') continue;
    misses.push({
      format: 'polly-har',
      // The flat-fs persister's file name; other persisters keep the name as a folder (`<name>_<hash>/recording.har`).
      cassette: typeof request.recordingName === 'string' ? `${request.recordingName}.har` : '',
      recordMode: null,
      method: request.method.toUpperCase(),
      uri: request.url,
      testId: test,
      body: typeof request.body === 'string' ? request.body : null,
      similar: [],
    });
  }
  return dedupeMisses(misses.filter((miss) => miss.cassette !== ''));
}

/** The JSON object that starts on line `from` (a log may indent it or prefix `Error: `), or null. */
function readJsonAfter(lines: readonly string[], from: number): Record<string, unknown> | null {
  const start = lines.slice(from, from + 3).findIndex((line) => line.trim().startsWith('{'));
  if (start < 0) return null;
  const first = from + start;
  const indent = lines[first]!.indexOf('{');
  for (let end = first; end < Math.min(lines.length, first + 2000); end++) {
    if (lines[end]!.slice(0, indent + 1).trim() !== '}' || lines[end]!.trim() !== '}') continue;
    try {
      const value: unknown = JSON.parse(
        lines
          .slice(first, end + 1)
          .map((line) => line.slice(indent))
          .join('\n'),
      );
      return isObject(value) ? value : null;
    } catch {
      return null;
    }
  }
  return null;
}
