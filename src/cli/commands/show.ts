import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { prettyPrintJson } from '../../core/json/format-json.js';
import { findInLegacyIndex } from '../../core/legacy/legacy-index.js';
import { isUsable, openRecording } from '../../core/load/open-recording.js';
import { summarizeRequest } from '../../core/load/summarize-request.js';
import { resolveRef } from '../../core/resolve-ref.js';
import { createDiskSource, diskFile } from '../../core/sources/disk.js';
import type { Entry } from '../../core/types.js';
import type { Context, Outcome } from '../context.js';
import { UserError } from '../errors.js';
import { shortenTestId } from '../format-text.js';
import { loadIndex } from '../read-paths.js';
import { renderShowHuman, renderShowJson } from '../reporters/show.js';

const ShowOptions = z.object({
  full: z.optional(z.boolean()),
  raw: z.optional(z.boolean()),
  json: z.optional(z.boolean()),
});

const MAX_CANDIDATES = 20;

export async function run(args: { ref: string; paths: string[] }, rawOptions: unknown, context: Context): Promise<Outcome> {
  const options = ShowOptions.parse(rawOptions);
  if (options.raw && options.json) throw new UserError('--raw and --json cannot be combined', 'choose one of them');
  const { ref } = args;
  const direct = resolve(context.cwd, ref);
  const absPath = isFile(direct) ? direct : await findByRef(ref, args.paths, context);
  const source = createDiskSource({ cwd: context.cwd });
  const file = diskFile(absPath, context.cwd);

  if (options.raw) {
    const raw = source.read(file);
    if (!raw.ok) throw new UserError(`cannot read ${ref}: ${raw.problem.message}`);
    // Pretty-printed as written, in pieces; a file that is not JSON is printed as it is.
    return { output: prettyPrintJson(raw.text) ?? raw.text, exitCode: 0, kind: 'raw' };
  }
  const recording = openRecording(source, file);
  const answer = recording.answer();
  if (!isUsable(recording) || !answer.ok) {
    const reason = answer.ok ? recording.problem?.message : answer.problem.message;
    throw new UserError(`${recording.entry.path}: ${reason ?? 'not a recording'}`, 'cassette show --raw prints the file as it is');
  }
  const shown = {
    entry: recording.entry,
    envelope: recording.envelope!,
    request: summarizeRequest(recording.envelope!),
    answer: answer.answer,
    legacyIndex: recording.entry.layout === 'legacy' ? findInLegacyIndex(absPath) : null,
  };
  const output = options.json ? renderShowJson(shown) : renderShowHuman(shown, { full: options.full === true }, context.terminal);
  return { output, exitCode: 0, kind: options.json ? 'json' : 'human' };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function findByRef(ref: string, paths: string[], context: Context): Promise<string> {
  const { entries } = await loadIndex(paths, context);
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
