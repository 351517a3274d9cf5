import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { prettyPrintJson } from '../../core/json/format-json.js';
import { loadRecording } from '../../core/load-recording.js';
import { resolveRef } from '../../core/resolve-ref.js';
import type { Entry } from '../../core/types.js';
import { UserError } from '../errors.js';
import { shortenTestId } from '../format-text.js';
import { loadIndex } from '../load-index.js';
import { renderShowHuman, renderShowJson } from '../reporters/show.js';
import { createTerminal } from '../terminal.js';

const ShowOptions = z.object({
  full: z.optional(z.boolean()),
  raw: z.optional(z.boolean()),
  json: z.optional(z.boolean()),
});

const MAX_CANDIDATES = 20;

export function runShow(ref: string, paths: string[], rawOptions: unknown): void {
  const options = ShowOptions.parse(rawOptions);
  if (options.raw && options.json) throw new UserError('--raw and --json cannot be combined', 'choose one of them');
  const terminal = createTerminal();
  const cwd = process.cwd();
  const absPath = isFile(resolve(cwd, ref)) ? resolve(cwd, ref) : findByRef(ref, paths, terminal);

  if (options.raw) {
    let text: string;
    try {
      text = readFileSync(absPath, 'utf8');
    } catch (error) {
      throw new UserError(`cannot read ${ref}: ${(error as Error).message}`);
    }
    const pretty = prettyPrintJson(text);
    if (pretty === null) throw new UserError(`${ref} is not valid JSON`, 'cassette list --errors shows why');
    // In slices: a huge file's lines joined at once could pass V8's string length limit.
    for (let start = 0; start < pretty.length; start += 10_000) terminal.write(`${pretty.slice(start, start + 10_000).join('\n')}\n`);
    return;
  }
  const loaded = loadRecording(absPath, cwd);
  if (!loaded.ok) throw new UserError(`${loaded.entry.path}: ${loaded.reason}`, 'cassette show --raw prints the file as it is');
  terminal.write(options.json ? renderShowJson(loaded) : renderShowHuman(loaded, { full: options.full === true }, terminal));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findByRef(ref: string, paths: string[], terminal: ReturnType<typeof createTerminal>): string {
  const { entries } = loadIndex(paths, terminal);
  const resolution = resolveRef(ref, entries);
  if (resolution.status === 'found') return resolution.entry.absPath;
  const candidates = listCandidates(resolution.candidates);
  if (resolution.status === 'ambiguous') {
    throw new UserError(
      `'${ref}' matches ${resolution.candidates.length} recordings`,
      'give more of the hash, the full test id, or a path',
      candidates,
    );
  }
  throw new UserError(
    `no recording matches '${ref}'${candidates.length > 0 ? '; similar ones:' : ` among ${entries.length} recordings`}`,
    'cassette list shows every id and test id',
    candidates,
  );
}

function listCandidates(entries: readonly Entry[]): string[] {
  const lines = entries
    .slice(0, MAX_CANDIDATES)
    .map((entry) => `${entry.id}  ${entry.testId === null ? entry.path : shortenTestId(entry.testId, null)}`);
  if (entries.length > MAX_CANDIDATES) lines.push(`... and ${entries.length - MAX_CANDIDATES} more`);
  return lines;
}
