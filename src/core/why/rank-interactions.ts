import { isDeepStrictEqual } from 'node:util';
import type { CassetteMiss } from '../../formats/containers/container.js';
import { listJsonChanges } from '../diff/json-changes.js';
import type { Recording } from '../load/open-recording.js';

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
export function rankInteractions(miss: CassetteMiss, recordings: readonly Recording[]): Difference[] {
  const wanted = parseUri(miss.uri ?? '');
  const missedBody = readMissedBody(miss);
  const ranked = recordings
    .filter((recording) => recording.envelope !== null)
    .map((recording): Difference => {
      const envelope = recording.envelope!;
      const uri = envelope.url;
      const got = parseUri(uri ?? '');
      const differs: string[] = [];
      if ((envelope.method ?? '').toUpperCase() !== (miss.method ?? '').toUpperCase()) differs.push('method');
      for (const part of ['scheme', 'host', 'port', 'path'] as const) if (got[part] !== wanted[part]) differs.push(part);
      const query = diffQuery(wanted.query, got.query);
      if (query.length > 0) differs.push('query');
      const bodyPaths =
        missedBody === undefined || envelope.requestBody === null
          ? []
          : listJsonChanges(missedBody, envelope.requestBody, '', 20).map((change) => change.path || '(whole body)');
      if (bodyPaths.length > 0 || vcrSaysBodyDiffers(miss, uri)) differs.push('body');
      return { interaction: recording.entry.interaction, method: envelope.method, uri, differs, query, bodyPaths };
    });
  return ranked.sort((a, b) => a.differs.length - b.differs.length || a.interaction - b.interaction);
}

/** vcrpy listed this URI among its similar requests with a failed body matcher. */
function vcrSaysBodyDiffers(miss: CassetteMiss, uri: string | null): boolean {
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

/**
 * The missed request's body, when the error gives it: quoted whole (go-vcr as genai wraps it,
 * Polly), or as vcrpy's body matcher printed it (`<missed body> != <recorded body>`).
 */
function readMissedBody(miss: CassetteMiss): unknown {
  if (miss.body !== null) return parseLoose(miss.body);
  const printed = miss.similar.flatMap((near) => near.failed.filter((failed) => failed.matcher === 'body').map((failed) => failed.detail));
  const sides = printed[0]?.split(/\s+!=\s+/);
  return sides?.length === 2 ? parseLoose(sides[0]!) : undefined;
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
