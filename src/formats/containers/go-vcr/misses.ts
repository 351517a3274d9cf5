import type { CassetteMiss } from '../container.js';
import { dedupeMisses } from '../dedupe-misses.js';

// go-vcr's ErrInteractionNotFound as net/http and genai's recorder wrap it:
// `Post "https://…": requested interaction not found; cassette "TestClient/….yaml"; body:` and the body on the next line.
const NOT_FOUND = /(\w+) "([^"]+)": requested interaction not found(?:; cassette "((?:[^"\\]|\\.)+)")?(; body:)?/;
// Replay-only mode and no file: `requested cassette not found: testdata/TestClient/New.yaml` (a new or renamed test).
const NO_CASSETTE = /requested cassette not found:? "?([^\s"]+\.ya?ml|[^\s"]+)"?/;
// `=== RUN   TestClient/Scoreboard/…` and `--- FAIL: TestClient/… (0.01s)`.
const RUN = /^=== (?:RUN|CONT|PAUSE)\s+(\S+)/;
const FAIL = /^\s*--- FAIL: (\S+) \(/;

/**
 * go-vcr misses in a `go test` log, a request its cassette does not hold or a cassette that
 * does not exist; the test from the last `=== RUN` before each (or the `--- FAIL` after).
 */
export function findGoVcrMisses(log: string): CassetteMiss[] {
  const lines = log.split(/\r?\n/);
  const misses: CassetteMiss[] = [];
  let running: string | null = null;
  lines.forEach((line, i) => {
    running = RUN.exec(line)?.[1] ?? running;
    const failed = FAIL.exec(line)?.[1];
    if (failed) for (const miss of misses) if (miss.testId === null && miss.cassette === `${failed}.yaml`) miss.testId = failed;
    const absent = NO_CASSETTE.exec(line);
    if (absent) {
      const cassette = /\.ya?ml$/.test(absent[1]!) ? absent[1]! : `${absent[1]!}.yaml`;
      misses.push({ format: 'go-vcr', cassette, recordMode: null, method: null, uri: null, testId: running, body: null, similar: [] });
      return;
    }
    const found = NOT_FOUND.exec(line);
    if (!found) return;
    const cassette = found[3] ? (JSON.parse(`"${found[3]}"`) as string) : null;
    misses.push({
      format: 'go-vcr',
      cassette: cassette ?? '',
      recordMode: null,
      method: found[1]!.toUpperCase(),
      uri: found[2]!,
      testId: running,
      body: found[4] ? (lines[i + 1]?.trim() ?? null) : null,
      similar: [],
    });
  });
  return dedupeMisses(misses.filter((miss) => miss.cassette !== ''));
}
