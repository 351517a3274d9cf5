import { isJunit, readJunitCases } from '../../../core/why/parse-misses.js';
import type { CassetteMiss } from '../container.js';
import { dedupeMisses } from '../dedupe-misses.js';

type VcrMiss = CassetteMiss;

const CANNOT_OVERWRITE = /Can't overwrite existing cassette \((['"])(.+?)\1\) in your current record mode \((.*?)\)\.?/;
const NO_MATCH = /No match for the request \(<Request \((\w+)\) (\S+?)>\) was found/;
const SIMILAR = /^\d+ - \(<Request \((\w+)\) (\S+?)>\)\.?$/;
const FAILED_MATCHER = /^(\w+) - assertion failure :?$/;
const FAILED_TEST = /^(?:FAILED|ERROR) (\S+::\S+?)(?: - .*)?$/;
// pytest's heading of a failure's traceback: `____ test_name[param] ____` or `____ TestClass.test_name ____`.
const SECTION = /^_{3,} (\S.*?) _{3,}$/;

/** Every vcrpy miss in a pasted message, a pytest log or a JUnit report, each once, with the test that raised it when the input says. */
export function findVcrpyMisses(text: string): VcrMiss[] {
  if (!isJunit(text)) return parseLog(text);
  return readJunitCases(text).flatMap(({ testId, text: failure }) =>
    dedupeMisses(parseLog(failure).map((miss) => ({ ...miss, testId: miss.testId ?? testId }))),
  );
}

function parseLog(text: string): VcrMiss[] {
  const lines = text.split(/\r?\n/);
  const misses: VcrMiss[] = [];
  let current: VcrMiss | null = null;
  let similar: VcrMiss['similar'][number] | null = null;
  let matcher: { matcher: string; detail: string } | null = null;
  // Which failure's traceback each miss sits in, to pair it with its FAILED line.
  const sectionOf = new Map<VcrMiss, string | null>();
  let section: string | null = null;
  for (const raw of lines) {
    // Traceback lines come prefixed (`E   `) in pytest's output.
    const line = raw.replace(/^E\s{1,3}/, '').trim();
    const heading = SECTION.exec(line);
    if (heading) section = heading[1]!;
    const failedTest = FAILED_TEST.exec(line);
    if (failedTest) {
      const unnamed = misses.filter((miss) => miss.testId === null);
      // The summary line's message is often cut before the cassette: pair by cassette when it
      // has one, else by the traceback's heading, else in order (pytest lists failures as it ran them).
      const cassette = CANNOT_OVERWRITE.exec(line)?.[2];
      const heading = failedTest[1]!.split('::').slice(1).join('.');
      const miss =
        (cassette === undefined ? undefined : unnamed.find((candidate) => candidate.cassette === cassette)) ??
        unnamed.find((candidate) => sectionOf.get(candidate) === heading) ??
        (cassette === undefined
          ? unnamed.find((candidate) => sectionOf.get(candidate) === null || !sectionOf.has(candidate))
          : undefined) ??
        unnamed[0];
      if (miss) miss.testId = failedTest[1]!;
      continue;
    }
    const head = CANNOT_OVERWRITE.exec(line);
    if (head) {
      current = {
        cassette: head[2]!,
        recordMode: head[3]!.replace(/^<RecordMode\.\w+: '(\w+)'>$/, '$1'),
        method: '',
        uri: '',
        testId: null,
        body: null,
        format: 'vcrpy',
        similar: [],
      };
      misses.push(current);
      sectionOf.set(current, section);
      similar = null;
      matcher = null;
    }
    if (!current) continue;
    const noMatch = NO_MATCH.exec(line);
    if (noMatch) {
      current.method = noMatch[1]!;
      current.uri = noMatch[2]!;
      continue;
    }
    const near = SIMILAR.exec(line);
    if (near) {
      similar = { method: near[1]!, uri: near[2]!, failed: [] };
      current.similar.push(similar);
      matcher = null;
      continue;
    }
    const failed = FAILED_MATCHER.exec(line);
    if (failed && similar) {
      matcher = { matcher: failed[1]!, detail: '' };
      similar.failed.push(matcher);
      continue;
    }
    if (line.startsWith('Matchers succeeded') || line.startsWith('Matchers failed') || line.startsWith('Found ')) continue;
    // An assertion message runs to the end of the traceback: a blank line or pytest's next section.
    if (line === '' || /^(={3,}|_{3,})/.test(line)) matcher = null;
    if (matcher) matcher.detail = matcher.detail === '' ? line : `${matcher.detail}\n${line}`;
  }
  return dedupeMisses(misses.filter((miss) => miss.method !== '' && miss.method !== null));
}
