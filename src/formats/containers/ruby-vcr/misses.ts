import type { CassetteMiss } from '../container.js';
import { dedupeMisses } from '../dedupe-misses.js';

const UNHANDLED = 'An HTTP request has been made that VCR does not know how to handle:';
const USING = /^VCR is currently using the following cassettes?:$/;
const REQUEST = /^([A-Z]+) (\S+)$/;
const LISTED = /^- (.+)$/;
const RECORD = /^- :record => :(\w+)$/;
// RSpec's heading of a failure: `  1) RubyLLM::Chat basic chat functionality ... conversation`.
const EXAMPLE = /^\d+\) (.+)$/;

/**
 * Ruby VCR's `UnhandledHTTPRequestError` in an RSpec (or minitest) log: the request, the
 * cassette in use and its record mode; the example from the failure's heading.
 */
export function findRubyVcrMisses(log: string): CassetteMiss[] {
  const lines = log.split(/\r?\n/).map((line) => line.trim());
  const misses: CassetteMiss[] = [];
  let example: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const heading = EXAMPLE.exec(lines[i]!);
    if (heading) example = heading[1]!;
    if (!lines[i]!.endsWith(UNHANDLED)) continue;
    const request = REQUEST.exec(lines.find((line, j) => j > i && line !== '') ?? '');
    if (!request) continue;
    let cassette: string | null = null;
    let recordMode: string | null = null;
    for (let j = i + 1; j < Math.min(lines.length, i + 12); j++) {
      if (!USING.test(lines[j]!)) continue;
      cassette = LISTED.exec(lines[j + 1] ?? '')?.[1] ?? null;
      recordMode = RECORD.exec(lines[j + 2] ?? '')?.[1] ?? null;
      break;
    }
    // "There is currently no cassette in use": nothing to compare against.
    if (cassette === null) continue;
    misses.push({
      format: 'ruby-vcr',
      cassette,
      recordMode,
      method: request[1]!,
      uri: request[2]!,
      testId: example,
      body: null,
      similar: [],
    });
  }
  return dedupeMisses(misses);
}
