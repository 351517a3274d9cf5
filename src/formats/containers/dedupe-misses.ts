import type { CassetteMiss } from './container.js';

/** The same miss once: a traceback and its summary line, or a message and its traceback, name it twice. */
export function dedupeMisses(misses: readonly CassetteMiss[]): CassetteMiss[] {
  const seen = new Set<string>();
  return misses.filter((miss) => {
    const key = JSON.stringify([miss.cassette, miss.method, miss.uri, miss.testId]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
