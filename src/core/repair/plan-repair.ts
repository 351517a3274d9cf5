import { existsSync, lstatSync } from 'node:fs';
import { readSmallFile } from '../read-small-file.js';
import { MAX_BYTES } from '../sources/source.js';
import { basename, dirname, join } from 'node:path';
import { computeRequestHash } from '../hash/request-hash.js';
import type { HashScheme } from '../hash/schemes.js';
import { isObject, type JsonObject } from '../json/json-value.js';
import { RawNumber, parsePythonJson } from '../json/parse-json.js';
import { dumpIndented } from '../json/python-dump.js';
import { isUsable, openRecording, type Recording } from '../load/open-recording.js';
import { allowsRepair } from '../../formats/containers/index.js';
import { CREDENTIAL_KEY, URL_PARAM, findKeys, isPlaceholder, maskSecret } from '../secrets.js';
import { findSecrets } from '../verify/rules/secret.js';
import { displayPath } from '../sources/display-path.js';
import type { RecordingSource, SourceFile } from '../sources/source.js';
import type { HashSchemeOption } from '../hash/schemes.js';
import { expectedFileName, schemeFor } from '../hash/recording-scheme.js';

export type RepairKind = 'rehash' | 'normalize' | 'redact';

/** What a repair does, or would do, to one file. */
export interface FileRepair {
  path: string;
  absPath: string;
  /** The new name (display path), when the file is renamed or moved. */
  newPath: string | null;
  newAbsPath: string | null;
  /** What changes, in words. */
  changes: string[];
  /** The file's new text, when its content changes. */
  content: string | null;
  /** Why the file is left alone, when it is. */
  refused: string | null;
  /** The recorder finds this request in another file (`newAbsPath`): this stale copy is to be removed. */
  removeStale: boolean;
  /** Size, modification time and mode when planned: a file changed since is left alone, and a rewrite keeps its mode. */
  planned: { bytes: number; mtimeMs: number; mode: number } | null;
  /** redact: credentials the secret rule still finds after it (split across chunks, inside base64), masked. */
  leftover: string[];
}

export interface RepairOptions {
  kind: RepairKind;
  cwd: string;
  hashScheme: HashSchemeOption;
  /** rehash: also move files the recorder looks for in another folder. */
  move: boolean;
  /** rehash: remove stale copies of a request the recorder finds in another file, even when they differ from it. */
  removeSuperseded?: boolean;
  /** rehash: when a copy was last changed (ms), to keep the newest of several stale copies of one request. */
  changedAt?: (absPath: string) => number;
  /** redact: the config's own secret patterns, which the rule finds too. */
  secretPatterns?: readonly RegExp[];
}

const EPOCH = '1970-01-01T00:00:00.000000Z';
const OLLAMA_DURATIONS = ['total_duration', 'load_duration', 'prompt_eval_duration', 'eval_duration'];
const RESPONSE_ID = /^rec-[0-9a-f]{12}$/;
const COMMON = join('tests', 'integration', 'common', 'recordings');

/**
 * Plans one repair over every file of the paths: reads, changes and renames nothing, so
 * that a dry run shows exactly what --write will do. Files are rewritten the way the
 * recorder writes them (dumpIndented), so a file that needs nothing is not touched.
 */
export function planRepairs(source: RecordingSource, paths: readonly string[], options: RepairOptions): FileRepair[] {
  const repairs: FileRepair[] = [];
  const texts = new Map<FileRepair, string>();
  // Repairs write what their formats allow (ogx JSON as the recorder dumps it); a cassette is never rewritten.
  for (const file of source.list(paths).files.filter((candidate) => allowsRepair(candidate.absPath, options.kind))) {
    const recording = openRecording(source, file);
    const repair = planSafely(recording, file, options);
    if (options.kind === 'redact' && repair.refused === null) checkRedacted(source, file, repair, recording, options);
    if (repair.changes.length === 0 && repair.refused === null && repair.leftover.length === 0) continue;
    repairs.push(repair);
    texts.set(repair, repair.content ?? recording.text ?? '');
  }
  return options.kind === 'rehash' ? shareTargets(repairs, texts, options) : repairs;
}

/**
 * Several stale copies of one request rename to one name: the newest is renamed (last
 * commit, else modification time; then path), and the others are superseded by it. An
 * identical copy is removed; one that differs is removed with --remove-superseded, else left
 * alone and said why. The keeper comes first, so that a copy is removed only after the file
 * the recorder will find is there (applyRepairs checks it again).
 */
function shareTargets(repairs: FileRepair[], texts: Map<FileRepair, string>, options: RepairOptions): FileRepair[] {
  const groups = new Map<string, FileRepair[]>();
  for (const repair of repairs)
    if (repair.newAbsPath !== null && repair.refused === null && !repair.removeStale)
      groups.set(repair.newAbsPath, [...(groups.get(repair.newAbsPath) ?? []), repair]);
  const order = new Map<FileRepair, number>();
  repairs.forEach((repair, i) => order.set(repair, i));
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const changedAt = options.changedAt ?? (() => 0);
    group.sort((a, b) => changedAt(b.absPath) - changedAt(a.absPath) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const [keeper, ...others] = group;
    for (const other of others) {
      other.content = null;
      other.changes = [];
      supersede(other, keeper!.path, texts.get(other) === texts.get(keeper!), options, `the newest copy, ${keeper!.path}, takes that name`);
      order.set(other, Math.max(order.get(other)!, order.get(keeper!)! + 0.5));
    }
  }
  return [...repairs].sort((a, b) => order.get(a)! - order.get(b)!);
}

/** A stale copy of a request another file answers (`found`, as it is named now): removed when identical or asked for, else left alone. */
function supersede(repair: FileRepair, found: string, identical: boolean, options: RepairOptions, why: string): void {
  if (identical) {
    repair.removeStale = true;
    repair.changes.push(`${why}, with the same content: this stale copy is to be removed`);
  } else if (options.removeSuperseded) {
    repair.removeStale = true;
    repair.changes.push(`${why}: the recorder never reads this older copy, which is to be removed (--remove-superseded)`);
  } else {
    repair.refused = `${why}, and this copy differs from it: left alone; --remove-superseded removes it (compare them: cassette diff ${repair.path} ${found})`;
  }
}

/** A file too deeply nested to rewrite is left alone with the reason; every other file is still planned. */
function planSafely(recording: Recording, file: SourceFile, options: RepairOptions): FileRepair {
  try {
    return planFile(recording, file, options);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { ...emptyRepair(file), refused: 'too deeply nested to rewrite: left alone' };
  }
}

function emptyRepair(file: SourceFile): FileRepair {
  return {
    path: file.display,
    absPath: file.absPath,
    newPath: null,
    newAbsPath: null,
    changes: [],
    content: null,
    refused: null,
    removeStale: false,
    planned: statOf(file.absPath),
    leftover: [],
  };
}

function statOf(path: string): FileRepair['planned'] {
  try {
    const stats = lstatSync(path);
    return { bytes: stats.size, mtimeMs: stats.mtimeMs, mode: stats.mode & 0o7777 };
  } catch {
    return null;
  }
}

function planFile(recording: Recording, file: SourceFile, options: RepairOptions): FileRepair {
  const repair = emptyRepair(file);
  if (!isUsable(recording) || recording.text === null) {
    repair.refused = `cannot be read (${recording.problem?.message ?? 'not a recording'}): left alone`;
    return repair;
  }
  // A 2025 file is found through index.sqlite, not by name, and a file-processing one is named
  // from more than it records: neither is normalised or renamed; a credential in either is redacted.
  const keepName = recording.entry.layout === 'legacy' || recording.entry.kind === 'file-processing';
  if (keepName && options.kind !== 'redact') return repair;
  let value: JsonObject;
  try {
    value = parsePythonJson(recording.text, { lossless: true }) as JsonObject;
  } catch {
    repair.refused = 'cannot be read losslessly: left alone';
    return repair;
  }
  const scheme = schemeFor(recording, options.hashScheme);
  // A file under a stale name is rehash's: normalising it would write ids of a hash its name
  // does not have, and wipe the evidence (its rec- ids) verify reads its history from.
  if (options.kind === 'normalize' && !hasStaleName(recording, value, scheme))
    normalizeResponse(value, recording.requestHash(scheme), repair);
  if (options.kind === 'redact') {
    redactSecrets(value, repair, options.secretPatterns ?? []);
    if (repair.changes.length > 0 && !keepName)
      renameToHash(recording, value, scheme, repair, 'the redaction changed the request hash', options.cwd);
  }
  if (options.kind === 'rehash') {
    renameToHash(recording, value, scheme, repair, null, options.cwd);
    if (repair.newPath !== null) normalizeIds(value, repair.newAbsPath!, repair);
    relocate(recording, repair, options);
  }
  const text = repair.changes.length > 0 ? dumpIndented(value) : null;
  if (text !== null && text !== recording.text) repair.content = text;
  checkCollision(repair, text ?? recording.text, options);
  return repair;
}

/** Is the file named otherwise than the recorder looks it up? */
function hasStaleName(recording: Recording, value: JsonObject, scheme: HashScheme): boolean {
  const hash = computeRequestHash({ ...('test_id' in value ? { test_id: value.test_id } : {}), request: value.request }, scheme);
  if (hash === null) return false;
  const name = expectedFileName(recording, scheme, hash);
  if (recording.entry.kind === 'model-list') return !basename(recording.entry.absPath).startsWith(name.split('<digest>')[0]!);
  return name !== basename(recording.entry.absPath);
}

/** The name the recorder looks up for the (possibly changed) request. */
function renameToHash(
  recording: Recording,
  value: JsonObject,
  scheme: HashScheme,
  repair: FileRepair,
  why: string | null,
  cwd: string,
): void {
  const hash = computeRequestHash({ ...('test_id' in value ? { test_id: value.test_id } : {}), request: value.request }, scheme);
  if (hash === null) return;
  let name = expectedFileName(recording, scheme, hash);
  if (recording.entry.kind === 'model-list') {
    const digest = /-([0-9a-f]{8})\.json$/.exec(basename(recording.entry.absPath))?.[1];
    if (!digest) return;
    name = name.replace('<digest>', digest);
  }
  if (name === basename(recording.entry.absPath)) return;
  repair.newAbsPath = join(dirname(recording.entry.absPath), name);
  repair.newPath = displayPath(repair.newAbsPath, cwd);
  repair.changes.push(`renamed to ${name}: ${why ?? `the ${scheme} recorder looks up this name`}`);
}

/** `rec-<hash12>` response ids follow the file's new name, as the recorder would have written them. */
function normalizeIds(value: JsonObject, newAbsPath: string, repair: FileRepair): void {
  const hash = /^([0-9a-f]{64})\.json$/.exec(basename(newAbsPath))?.[1] ?? /^models-([0-9a-f]{64})-/.exec(basename(newAbsPath))?.[1];
  if (!hash) return;
  const wanted = `rec-${hash.slice(0, 12)}`;
  let count = 0;
  for (const data of typedData(value)) {
    if (typeof data.id === 'string' && RESPONSE_ID.test(data.id) && data.id !== wanted) {
      data.id = wanted;
      count++;
    }
  }
  if (count > 0) repair.changes.push(`${count} response id${count > 1 ? 's' : ''} rewritten to ${wanted}`);
}

/** The recorder's response normalisation (FORMAT.md section 4): ids, timestamps, Ollama durations. */
function normalizeResponse(value: JsonObject, hash: string | null, repair: FileRepair): void {
  if (hash === null) return;
  const wanted = `rec-${hash.slice(0, 12)}`;
  const counts = new Map<string, number>();
  const note = (field: string) => counts.set(field, (counts.get(field) ?? 0) + 1);
  for (const data of typedData(value)) {
    if (data.object !== 'model') {
      if (typeof data.id === 'string' && data.id !== wanted) {
        data.id = wanted;
        note('id');
      }
      if (isNumber(data.created) && Number(data.created) !== 0) {
        data.created = new RawNumber('0');
        note('created');
      }
    }
    if (typeof data.created_at === 'string' && data.created_at !== EPOCH) {
      data.created_at = EPOCH;
      note('created_at');
    }
    for (const key of OLLAMA_DURATIONS) {
      if (isNumber(data[key]) && Number(data[key]) !== 0) {
        data[key] = new RawNumber('0');
        note(key);
      }
    }
  }
  for (const [field, count] of counts) repair.changes.push(`${field} normalised in ${count} response object${count > 1 ? 's' : ''}`);
}

function isNumber(value: unknown): boolean {
  return typeof value === 'number' || value instanceof RawNumber;
}

/** Each `__data__` of the response body (the body itself or its items): what the recorder normalises. */
function typedData(value: JsonObject): JsonObject[] {
  const response = value.response;
  if (!isObject(response)) return [];
  const items = Array.isArray(response.body) ? response.body : [response.body];
  return items.filter(isObject).flatMap((item) => (typeof item.__type__ === 'string' && isObject(item.__data__) ? [item.__data__] : []));
}

/** Every credential the secret rule would find, replaced by a placeholder of the same shape. */
function redactSecrets(root: JsonObject, repair: FileRepair, custom: readonly RegExp[]): void {
  let count = 0;
  const patterns = custom.map((pattern) => ({ kind: 'secret pattern', pattern }));
  const redactText = (text: string): string => {
    let out = text;
    for (const { value } of findKeys(text, patterns)) out = out.split(value).join(placeholder(value));
    out = out.replace(URL_PARAM, (whole, name: string, value: string) => (isPlaceholder(value) ? whole : `${whole[0]}${name}=REDACTED`));
    return out;
  };
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      // Header lists: [["Authorization", "Bearer …"], …]
      if (
        item.length === 2 &&
        typeof item[0] === 'string' &&
        typeof item[1] === 'string' &&
        CREDENTIAL_KEY.test(item[0]) &&
        !isPlaceholder(item[1])
      ) {
        item[1] = credentialPlaceholder(item[1]);
        count++;
        continue;
      }
      item.forEach((child, i) => {
        if (typeof child === 'string') {
          const redacted = redactText(child);
          if (redacted !== child) {
            item[i] = redacted;
            count++;
          }
        } else stack.push(child);
      });
    } else if (isObject(item)) {
      // A key used as an object key leaks as much as a value: the object is rebuilt, its order kept.
      if (Object.keys(item).some((key) => redactText(key) !== key)) {
        const entries = Object.entries(item);
        for (const key of Object.keys(item)) delete item[key];
        for (const [key, child] of entries) {
          const safe = redactText(key);
          if (safe !== key) count++;
          item[safe] = child;
        }
      }
      for (const [key, child] of Object.entries(item)) {
        if (typeof child !== 'string') {
          stack.push(child);
          continue;
        }
        const redacted = CREDENTIAL_KEY.test(key) && !isPlaceholder(child) ? credentialPlaceholder(child) : redactText(child);
        if (redacted !== child) {
          item[key] = redacted;
          count++;
        }
      }
    }
  }
  if (count > 0) repair.changes.push(`${count} credential${count > 1 ? 's' : ''} replaced by placeholders`);
}

/** `sk-proj-REDACTED`, `AKIAREDACTED`: the provider's prefix kept, the secret gone. */
function placeholder(key: string): string {
  const prefix = /^(sk-ant-|sk-proj-|sk-svcacct-|sk-admin-|sk-|AIza|AKIA|ASIA|gh[pousr]_|github_pat_|hf_)/.exec(key)?.[1] ?? '';
  return `${prefix}REDACTED`;
}

function credentialPlaceholder(value: string): string {
  return /^bearer\s/i.test(value) ? 'Bearer REDACTED' : 'REDACTED';
}

/** rehash --move: a file the recorder looks for in another folder (its test's, or the shared one). */
function relocate(recording: Recording, repair: FileRepair, options: RepairOptions): void {
  const testId = recording.entry.testId;
  if (!testId || recording.entry.layout !== 'per-area') return;
  const testFile = testId.split('::')[0]!;
  if (!testFile.endsWith('.py')) return;
  const current = dirname(repair.newAbsPath ?? repair.absPath);
  const wantedTail = join(dirname(testFile), 'recordings');
  if (current.endsWith(wantedTail) || current.endsWith(COMMON)) return;
  const root = findRoot(current, testFile);
  if (root === null) return;
  const target = join(root, wantedTail, basename(repair.newAbsPath ?? repair.absPath));
  if (!options.move) {
    repair.changes.push(`in the wrong folder for its test: the recorder looks in ${wantedTail}/ (--move moves it)`);
    return;
  }
  repair.newAbsPath = target;
  repair.newPath = displayPath(target, options.cwd);
  repair.changes.push(`moved to ${wantedTail}/, where the recorder looks for its test`);
}

/** The folder holding tests/, above a recordings folder. */
function findRoot(folder: string, testFile: string): string | null {
  const top = testFile.split('/')[0]!;
  for (let at = folder; dirname(at) !== at; at = dirname(at)) if (basename(at) === top) return dirname(at);
  return null;
}

/** A rename onto a name already taken: the recorder finds this request there, so this copy is stale. */
function checkCollision(repair: FileRepair, text: string, options: RepairOptions): void {
  if (repair.newAbsPath === null || !existsSync(repair.newAbsPath)) return;
  // A link under the right name answers for whatever it points to, maybe outside the paths:
  // it is no evidence that this copy is stale.
  if (lstatSync(repair.newAbsPath).isSymbolicLink()) {
    repair.refused = `${repair.newPath} is a symbolic link: this file is left alone`;
    return;
  }
  const read = readSmallFile(repair.newAbsPath, MAX_BYTES);
  const existing = read.ok ? read.text : '';
  const found = repair.newPath!;
  repair.changes = repair.changes.filter((change) => !change.startsWith('renamed to') && !/ response ids? rewritten/.test(change));
  repair.content = null;
  supersede(repair, found, existing === text, options, `the recorder finds this request as ${found}`);
}

/**
 * What the secret rule still finds once the planned redaction is applied (a key split across
 * stream chunks, one inside base64): said, so that redact never reports a clean file that
 * verify would still fail. A dry run and a write say the same.
 */
function checkRedacted(source: RecordingSource, file: SourceFile, repair: FileRepair, recording: Recording, options: RepairOptions): void {
  const text = repair.content ?? recording.text;
  if (text === null) return;
  const after = openRecording(source, file, { ok: true, text, bytes: Buffer.byteLength(text) });
  repair.leftover = findSecrets(after, options.secretPatterns ?? []).map(
    (secret) => `${secret.kind} at ${secret.location} (${maskSecret(secret.value)})`,
  );
}
