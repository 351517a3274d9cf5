import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readOptions } from '../read-options.js';
import { prettyPrintJson } from '../../core/json/format-json.js';
import { openRecording, openRecordings } from '../../core/load/open-recording.js';
import { summarizeRequest } from '../../core/load/summarize-request.js';
import { resolveRef } from '../../core/resolve-ref.js';
import { diskFile } from '../../core/sources/disk.js';
import type { Entry } from '../../core/types.js';
import type { HashSchemeOption } from '../../core/hash/schemes.js';
import { expectedFileName } from '../../core/hash/recording-scheme.js';
import { collectKnown } from '../../core/why/explain-miss.js';
import type { Context, Outcome } from '../context.js';
import { UserError } from '../errors.js';
import { shortenTestId, truncateEnd } from '../format-text.js';
import { chooseHashScheme } from '../hash-scheme.js';
import { diskSourceOf, loadIndex, openDiskSource, openKnownCache, pathsToRead } from '../read-paths.js';
import { SHOW_REPORTERS } from '../reporters/show.js';
import { reportAs } from '../reporters/registry.js';
import { showRecording } from '../show-recording.js';

const MAX_CANDIDATES = 20;

/** One thing to show: a file, and which of its calls (null: every call, in order, as a cassette holds them). */
interface Target {
  path: string;
  interaction: number | null;
}

/** What a ref found: what to show, in order, and what to say about how it was found. */
interface Found {
  targets: Target[];
  note: string | null;
}

/** `<path>#<n>`: one interaction of a cassette. */
const INTERACTION_REF = /^(.+)#(\d+)$/;

export async function run(args: { ref: string; paths: string[] }, rawOptions: unknown, context: Context): Promise<Outcome> {
  const options = readOptions('show', rawOptions);
  if (options.raw && options.json) throw new UserError('--raw and --json cannot be combined', 'choose one of them');
  const { ref } = args;
  if (ref.trim() === '')
    throw new UserError('an empty ref matches every recording', 'give a hash or hash prefix, a rec- id, a path or a test id');
  const direct = directTarget(ref, context);
  // Decided once: the checkout's recorder, found above the file or the paths.
  const paths = direct ? [direct.path] : pathsToRead(args.paths, context);
  const scheme = chooseHashScheme(undefined, context, paths).option;
  const found: Found = direct ? { targets: [direct], note: null } : await findByRef(ref, paths, scheme, context, options.cache);
  const source = diskSourceOf(context);

  if (options.raw) {
    const files = new Set(found.targets.map((target) => target.path));
    if (files.size > 1) throw new UserError(`'${ref}' is ${files.size} recordings; --raw prints one`, 'give its path or hash');
    // A cassette is printed whole: its interactions are one YAML document.
    const raw = source.read(diskFile(found.targets[0]!.path, context.cwd));
    if (!raw.ok) throw new UserError(`cannot read ${ref}: ${raw.problem.message}`);
    // Pretty-printed as written, in pieces; a file that is not JSON is printed as it is.
    return { output: prettyPrintJson(raw.text) ?? raw.text, exitCode: 0, kind: 'raw' };
  }
  const shown = found.targets.flatMap((target) =>
    openRecordings(source, diskFile(target.path, context.cwd))
      .filter((recording) => target.interaction === null || recording.entry.interaction === target.interaction)
      .map((recording) => showRecording(recording, found.note, scheme, context)),
  );
  if (shown.length === 0) throw new UserError(`${ref}: no such interaction`, 'cassette list shows every <file>#<n>');
  return {
    ...reportAs(SHOW_REPORTERS, options.json ? 'json' : 'human', { shown, full: options.full === true }, context.terminal),
    exitCode: 0,
  };
}

/** A file given by path (`<path>#<n>` for one interaction of a cassette), or null for any other ref. */
function directTarget(ref: string, context: Context): Target | null {
  const whole = resolve(context.cwd, ref);
  if (isFile(whole)) return { path: whole, interaction: null };
  const one = INTERACTION_REF.exec(ref);
  if (one && isFile(resolve(context.cwd, one[1]!))) return { path: resolve(context.cwd, one[1]!), interaction: Number(one[2]) };
  return null;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function findByRef(
  ref: string,
  paths: string[],
  scheme: HashSchemeOption,
  context: Context,
  cache: boolean | undefined,
): Promise<Found> {
  const { entries } = await loadIndex(paths, context, { cache });
  const resolution = resolveRef(ref, entries);
  if (resolution.status === 'found') return { targets: [targetOf(resolution.entry)], note: null };
  if (resolution.status === 'test') return { targets: inRecordingOrder(resolution.entries, context), note: null };
  if (resolution.status === 'ambiguous') {
    throw new UserError(
      `'${ref}' matches ${resolution.candidates.length} recordings`,
      'give more of the hash, the full test id, or a path',
      listCandidates(resolution.candidates, context),
    );
  }
  // The hash the recorder looks for (printed by verify and by a replay failure) of a file stored under an old name.
  const byRequest = /^[0-9a-f]{4,64}$/i.test(ref.trim())
    ? await findByRequestHash(ref.trim().toLowerCase(), paths, scheme, context, cache)
    : null;
  if (byRequest) return byRequest;
  const candidates = listCandidates(resolution.candidates, context);
  throw new UserError(
    `no recording matches '${ref}'${candidates.length > 0 ? '; similar ones:' : ` among ${entries.length} recordings`}`,
    'cassette list shows every id and test id',
    candidates,
  );
}

/** The one recording whose request hashes to `prefix` now (what `why` computes, from its cache). */
async function findByRequestHash(
  prefix: string,
  paths: string[],
  scheme: HashSchemeOption,
  context: Context,
  cache: boolean | undefined,
): Promise<Found | null> {
  const matches = collectKnown(
    await openDiskSource(context),
    paths,
    scheme,
    cache === false ? undefined : openKnownCache(paths, scheme, context),
  ).filter((known) => known.hash?.startsWith(prefix));
  // Several stale copies of one request all hash to it: each is shown. Two requests that share the prefix are no answer.
  if (matches.length === 0 || new Set(matches.map((known) => known.hash)).size > 1) return null;
  const [match] = matches;
  const recording = openRecording(diskSourceOf(context), diskFile(match!.absPath, context.cwd));
  const expected = expectedFileName(recording, match!.scheme!, match!.hash!);
  const stored = matches.length === 1 ? 'stored under an old name' : `${matches.length} copies stored under old names`;
  return {
    targets: matches.map((known) => ({ path: known.absPath, interaction: null })),
    note: `${stored}; the recorder looks for ${expected}`,
  };
}

function targetOf(entry: Entry): Target {
  return { path: entry.absPath, interaction: entry.format === 'vcr' ? entry.interaction : null };
}

/**
 * A test's calls in the order it made them. A cassette records them in order; ogx files do
 * not, but a conversation grows with each call, so by the number of messages sent, then by path.
 */
function inRecordingOrder(entries: readonly Entry[], context: Context): Target[] {
  if (entries.every((entry) => entry.format === 'vcr')) return entries.map(targetOf);
  const source = diskSourceOf(context);
  const sized = entries.map((entry) => {
    const recording = openRecording(source, diskFile(entry.absPath, context.cwd));
    return { entry, messages: recording.envelope ? summarizeRequest(recording.envelope).messages.length : 0 };
  });
  return sized
    .sort((a, b) => a.messages - b.messages || (a.entry.absPath < b.entry.absPath ? -1 : a.entry.absPath > b.entry.absPath ? 1 : 0))
    .map((item) => targetOf(item.entry));
}

/** Candidates a user can tell apart: id, test id, endpoint and what was asked. */
function listCandidates(entries: readonly Entry[], context: Context): string[] {
  const source = diskSourceOf(context);
  const lines = entries.slice(0, MAX_CANDIDATES).map((entry) => {
    const file = diskFile(entry.absPath, context.cwd);
    const recording = entry.format === 'vcr' ? openRecordings(source, file)[entry.interaction] : openRecording(source, file);
    const messages = recording?.envelope ? summarizeRequest(recording.envelope).messages : [];
    const first = (messages.find((message) => message.role === 'user') ?? messages[0])?.content;
    const test = entry.testId === null ? entry.path : shortenTestId(entry.testId, null);
    // Cassettes of one name in several folders share their ids: `<path>#<n>` is a ref that tells them apart.
    const ref = entry.format === 'vcr' ? `${entry.path}#${entry.interaction}` : entry.id;
    return [ref, test, entry.endpoint ?? '-', first === undefined ? null : `"${truncateEnd(first, 50)}"`].filter(Boolean).join('  ');
  });
  if (entries.length > MAX_CANDIDATES) lines.push(`... and ${entries.length - MAX_CANDIDATES} more`);
  return lines;
}
