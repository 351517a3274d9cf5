import { isDeepStrictEqual } from 'node:util';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { HashScheme } from '../hash/schemes.js';
import { getString, isObject } from '../json/json-value.js';
import { openRecordings } from '../load/open-recording.js';
import { summarizeRequest } from '../load/summarize-request.js';
import { displayPath } from '../sources/display-path.js';
import type { RecordingSource, SourceFile } from '../sources/source.js';
import type { FileCache } from '../cache/file-cache.js';
import type { HashSchemeOption } from '../hash/schemes.js';
import { schemeFor } from '../hash/recording-scheme.js';
import type { Miss } from './parse-misses.js';

/** A recording as `why` weighs it: where it is, what it was recorded for, and the hash its request has now. */
export interface Known {
  absPath: string;
  path: string;
  testId: string | null;
  endpoint: string | null;
  model: string | null;
  hash: string | null;
  scheme: HashScheme | null;
  firstMessage: string | null;
  tool: string | null;
  toolArguments: unknown;
}

/**
 * Reads every recording under the paths once, with the hash the recorder computes for it
 * now. With a cache, unchanged files are not read again.
 */
export function collectKnown(
  source: RecordingSource,
  paths: readonly string[],
  option: HashSchemeOption,
  cache?: FileCache<Known[]>,
): Known[] {
  const known: Known[] = [];
  for (const file of source.list(paths).files) {
    const cached = cache?.lookup(file);
    if (cached) {
      known.push(...cached.map((one) => ({ ...one, absPath: file.absPath, path: file.display })));
      continue;
    }
    const own = knownOf(source, file, option);
    // Only what JSON keeps as it is (a NaN in a tool's arguments would come back as null).
    if (cache && isDeepStrictEqual(JSON.parse(JSON.stringify(own)), own)) cache.store(file, own);
    known.push(...own);
  }
  cache?.save();
  return known;
}

function knownOf(source: RecordingSource, file: SourceFile, option: HashSchemeOption): Known[] {
  const known: Known[] = [];
  for (const recording of openRecordings(source, file)) {
    const envelope = recording.envelope;
    if (!envelope) continue;
    const scheme = schemeFor(recording, option);
    const messages = summarizeRequest(envelope).messages;
    known.push({
      absPath: file.absPath,
      path: file.display,
      testId: envelope.testId,
      endpoint: envelope.endpoint,
      model: envelope.model,
      hash: recording.requestHash(scheme),
      scheme,
      firstMessage: (messages.find((message) => message.role === 'user') ?? messages[0])?.content ?? null,
      tool:
        envelope.shape === 'tool' ? `${getString(envelope.request.provider) ?? '?'}.${getString(envelope.request.tool_name) ?? '?'}` : null,
      toolArguments: envelope.shape === 'tool' ? envelope.request.kwargs : null,
    });
  }
  return known;
}

/** What is in a folder the recorder looked in. */
interface Looked {
  path: string;
  exists: boolean;
  /** Recordings in that folder. */
  recordings: number;
}

type Verdict = 'present' | 'old-name' | 'wrong-folder' | 'changed' | 'unknown';

export interface Explanation {
  miss: Miss;
  verdict: Verdict;
  /** Where the recorder looked, in order: the test's recordings folder, then the shared one. */
  looked: Looked[];
  /** The recording that answers the miss, for present, old-name and wrong-folder. */
  file: string | null;
  /** Other files whose request hashes to the miss: stale copies the recorder never reads. */
  copies: string[];
  /** Where it must go: the full path the recorder looks up. */
  target: string | null;
  /** For a changed request: the test's recordings, most alike first. */
  candidates: Array<{ path: string; endpoint: string | null; model: string | null; firstMessage: string | null }>;
  /** True when nothing needs re-recording: the file is there, or a rename or move fixes it. */
  fixable: boolean;
}

const COMMON = join('tests', 'integration', 'common', 'recordings');

/**
 * Explains one miss, as FORMAT.md section 2 says the recorder searches: the test's
 * `recordings/` folder, then the shared fallback. A recording whose request hashes to the
 * missed hash is stored under an old name; a file of that name elsewhere is in the wrong
 * folder; otherwise the request changed since the test was recorded.
 */
export function explainMiss(miss: Miss, known: readonly Known[], cwd: string): Explanation {
  const root = findTestRoot(known, cwd);
  const wanted = miss.hash;
  // A full hash, or a prefix of one (what a log cut, or a user typed): every file whose request hashes to it now.
  const matching =
    wanted === null
      ? []
      : known.filter((item) => item.hash !== null && (item.hash === wanted || (wanted.length >= 12 && item.hash.startsWith(wanted))));
  const sameRequest = matching.filter((item) => item.hash === matching[0]?.hash);
  // The name the recorder looks up: for a prefix, the full name of the request it is a prefix of.
  const name = wanted === null ? null : `${sameRequest[0] ? recordedName(sameRequest[0]) : wanted}.json`;
  // Without a test id in the input, the recording that answers the miss says which test it is.
  const testFile = (miss.testId ?? sameRequest[0]?.testId ?? null)?.split('::')[0] ?? null;
  const folders = [...(testFile ? [join(root, dirname(testFile), 'recordings')] : []), join(root, COMMON)];
  const looked = name === null ? [] : folders.map((folder) => lookIn(folder, name, cwd));
  const explanation = (verdict: Verdict, fields: Partial<Explanation> = {}): Explanation => ({
    miss,
    verdict,
    looked,
    file: null,
    copies: [],
    target: null,
    candidates: [],
    fixable: verdict === 'present' || verdict === 'old-name' || verdict === 'wrong-folder',
    ...fields,
  });
  const expectedFolder = folders[0]!;

  if (name !== null) {
    const found = sameRequest.find((item) => basename(item.absPath) === name && isUnder(item.absPath, folders));
    const others = (answer: Known) => sameRequest.filter((item) => item !== answer).map((item) => item.path);
    if (found) return explanation('present', { file: found.path, copies: others(found) });
    // A copy under the right name in another folder is to be moved, not renamed.
    const stale = sameRequest.filter((item) => basename(item.absPath) !== name);
    const renamed = stale.find((item) => isUnder(item.absPath, folders)) ?? stale[0];
    if (renamed) {
      const folder = isUnder(renamed.absPath, folders) ? dirname(renamed.absPath) : expectedFolder;
      return explanation('old-name', { file: renamed.path, copies: others(renamed), target: displayPath(join(folder, name), cwd) });
    }
    const elsewhere = known.find((item) => basename(item.absPath) === name && !isUnder(item.absPath, folders));
    if (elsewhere) return explanation('wrong-folder', { file: elsewhere.path, target: displayPath(join(expectedFolder, name), cwd) });
  }
  const candidates = rankCandidates(miss, known).slice(0, 5);
  return explanation(candidates.length > 0 ? 'changed' : 'unknown', { candidates });
}

/** The hash part of the name the recorder gives a recording: 12 hex under the 2025 scheme, 64 since. */
function recordedName(item: Known): string {
  return item.scheme === 'E2' ? item.hash!.slice(0, 12) : item.hash!;
}

/** The test's recordings (or the tool's calls), those that share the endpoint and model first. */
function rankCandidates(miss: Miss, known: readonly Known[]): Explanation['candidates'] {
  const endpoint = miss.url === null ? null : urlPathOf(miss.url);
  const scored = known
    .filter((item) => (miss.tool !== null ? item.tool === miss.tool : miss.testId !== null && item.testId === miss.testId))
    .map((item) => {
      let score = 0;
      if (miss.model !== null && item.model === miss.model) score += 2;
      if (endpoint !== null && item.endpoint !== null && endpoint.endsWith(item.endpoint)) score += 1;
      if (miss.tool !== null && isObject(miss.toolRequest) && isObject(item.toolArguments)) {
        const wanted = Object.entries(miss.toolRequest);
        score +=
          wanted.filter(([key, value]) => JSON.stringify((item.toolArguments as Record<string, unknown>)[key]) === JSON.stringify(value))
            .length / Math.max(1, wanted.length);
      }
      return { item, score };
    });
  scored.sort((a, b) => b.score - a.score || (a.item.path < b.item.path ? -1 : 1));
  return scored.map(({ item }) => ({ path: item.path, endpoint: item.endpoint, model: item.model, firstMessage: item.firstMessage }));
}

function lookIn(folder: string, name: string, cwd: string): Looked {
  const exists = existsSync(join(folder, name));
  let recordings = 0;
  try {
    recordings = readdirSync(folder).filter((entry) => entry.endsWith('.json')).length;
  } catch {
    recordings = 0;
  }
  return { path: displayPath(join(folder, name), cwd), exists, recordings };
}

/** The folder holding `tests/`: above the first recording whose path has a `tests` folder, else cwd. */
function findTestRoot(known: readonly Known[], cwd: string): string {
  for (const item of known) {
    const parts = item.absPath.split(sep);
    const at = parts.lastIndexOf('tests');
    if (at > 0) return parts.slice(0, at).join(sep) || sep;
  }
  return cwd;
}

function isUnder(path: string, folders: readonly string[]): boolean {
  return folders.includes(dirname(path));
}

function urlPathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
