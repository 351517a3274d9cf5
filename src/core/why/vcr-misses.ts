import { isDeepStrictEqual } from 'node:util';
import { isJunit, readJunitCases } from './parse-misses.js';
import { listJsonChanges } from '../diff/json-changes.js';
import type { Recording } from '../load/open-recording.js';

/** What vcrpy's CannotOverwriteExistingCassetteException says: the cassette, the request, the near misses. */
export interface VcrMiss {
  cassette: string;
  recordMode: string | null;
  method: string;
  uri: string;
  testId: string | null;
  /** vcrpy's own "similar requests", with the matchers that failed on each and their messages. */
  similar: Array<{ method: string; uri: string; failed: Array<{ matcher: string; detail: string }> }>;
}

const CANNOT_OVERWRITE = /Can't overwrite existing cassette \((['"])(.+?)\1\) in your current record mode \((.*?)\)\.?/;
const NO_MATCH = /No match for the request \(<Request \((\w+)\) (\S+?)>\) was found/;
const SIMILAR = /^\d+ - \(<Request \((\w+)\) (\S+?)>\)\.?$/;
const FAILED_MATCHER = /^(\w+) - assertion failure :?$/;
const FAILED_TEST = /^(?:FAILED|ERROR) (\S+::\S+?)(?: - .*)?$/;
// pytest's heading of a failure's traceback: `____ test_name[param] ____` or `____ TestClass.test_name ____`.
const SECTION = /^_{3,} (\S.*?) _{3,}$/;

/** Every vcrpy miss in a pasted message, a pytest log or a JUnit report, each once, with the test that raised it when the input says. */
export function parseVcrMisses(text: string): VcrMiss[] {
  if (!isJunit(text)) return parseLog(text);
  return readJunitCases(text).flatMap(({ testId, text: failure }) =>
    dedupe(parseLog(failure).map((miss) => ({ ...miss, testId: miss.testId ?? testId }))),
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
  return dedupe(misses.filter((miss) => miss.method !== ''));
}

/** The same miss once: a traceback and its summary line, or a message and its traceback, name it twice. */
function dedupe(misses: readonly VcrMiss[]): VcrMiss[] {
  const seen = new Set<string>();
  return misses.filter((miss) => {
    const key = JSON.stringify([miss.cassette, miss.method, miss.uri, miss.testId]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How one recorded interaction differs from the missed request, by vcrpy's default matchers. */
export interface Difference {
  interaction: number;
  method: string | null;
  uri: string | null;
  /** The matchers that fail: method, scheme, host, port, path, query, body. */
  differs: string[];
  /** Query parameters added, removed or changed. */
  query: string[];
  /** JSON paths where the bodies differ, when both bodies are known (vcrpy printed them). */
  bodyPaths: string[];
}

/**
 * The cassette's interactions ranked by how close they are to the miss: by the matchers that
 * fail on each (fewest first), as vcrpy's own similar-requests list does. The missed body is
 * unknown to vcrpy's message unless a matcher printed it; its paths are named then.
 */
export function rankInteractions(miss: VcrMiss, recordings: readonly Recording[]): Difference[] {
  const wanted = parseUri(miss.uri);
  const printed = miss.similar.flatMap((near) => near.failed.filter((failed) => failed.matcher === 'body').map((failed) => failed.detail));
  const ranked = recordings
    .filter((recording) => recording.envelope !== null)
    .map((recording): Difference => {
      const envelope = recording.envelope!;
      const uri = envelope.url;
      const got = parseUri(uri ?? '');
      const differs: string[] = [];
      if ((envelope.method ?? '').toUpperCase() !== miss.method.toUpperCase()) differs.push('method');
      for (const part of ['scheme', 'host', 'port', 'path'] as const) if (got[part] !== wanted[part]) differs.push(part);
      const query = diffQuery(wanted.query, got.query);
      if (query.length > 0) differs.push('query');
      const bodyPaths = printed.length > 0 ? bodyPathsFrom(printed[0]!, envelope.requestBody) : [];
      if (bodyPaths.length > 0 || vcrSaysBodyDiffers(miss, uri)) differs.push('body');
      return { interaction: recording.entry.interaction, method: envelope.method, uri, differs, query, bodyPaths };
    });
  return ranked.sort((a, b) => a.differs.length - b.differs.length || a.interaction - b.interaction);
}

/** vcrpy listed this URI among its similar requests with a failed body matcher. */
function vcrSaysBodyDiffers(miss: VcrMiss, uri: string | null): boolean {
  return miss.similar.some((near) => near.uri === uri && near.failed.some((failed) => failed.matcher === 'body'));
}

function parseUri(uri: string): { scheme: string; host: string; port: string; path: string; query: Map<string, string[]> } {
  try {
    const url = new URL(uri);
    const query = new Map<string, string[]>();
    for (const [key, value] of url.searchParams) query.set(key, [...(query.get(key) ?? []), value]);
    const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
    return { scheme: url.protocol.replace(/:$/, ''), host: url.hostname, port, path: url.pathname, query };
  } catch {
    return { scheme: '', host: '', port: '', path: uri, query: new Map() };
  }
}

function diffQuery(wanted: Map<string, string[]>, got: Map<string, string[]>): string[] {
  const keys = [...new Set([...wanted.keys(), ...got.keys()])].sort();
  return keys.flatMap((key) => {
    const a = wanted.get(key);
    const b = got.get(key);
    if (!a) return [`+${key}`]; // recorded, not in the miss
    if (!b) return [`-${key}`]; // in the miss, not recorded
    return isDeepStrictEqual(a, b) ? [] : [`~${key}`];
  });
}

/** A matcher that printed `<missed body> != <recorded body>`: the missed side, as JSON, against the recorded one. */
function bodyPathsFrom(detail: string, recorded: unknown): string[] {
  const sides = detail.split(/\s+!=\s+/);
  if (sides.length !== 2) return [];
  const missed = parseLoose(sides[0]!);
  if (missed === undefined || recorded === null) return [];
  return listJsonChanges(missed, recorded, '', 20).map((change) => change.path || '(whole body)');
}

/** JSON, or a Python bytes literal of JSON (`b'{...}'`) as vcrpy's matchers print bodies. */
function parseLoose(text: string): unknown {
  const bytes = /^b(['"])(.*)\1$/s.exec(text.trim());
  const body = bytes ? bytes[2]!.replace(/\\'/g, "'").replace(/\\\\/g, '\\') : text.trim();
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
