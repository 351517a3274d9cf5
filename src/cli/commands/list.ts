import * as z from 'zod/mini';
import { RECORDING_KINDS, type Entry, type RecordingKind } from '../../core/types.js';
import { UserError } from '../errors.js';
import { loadIndex } from '../load-index.js';
import { renderListHuman, renderListJson } from '../reporters/list.js';
import { createTerminal } from '../terminal.js';

const ListOptions = z.object({
  test: z.optional(z.string()),
  endpoint: z.optional(z.string()),
  model: z.optional(z.string()),
  kind: z.optional(z.string()),
  errors: z.optional(z.boolean()),
  json: z.optional(z.boolean()),
});

export function runList(paths: string[], rawOptions: unknown): void {
  const options = ListOptions.parse(rawOptions);
  const kinds = parseKinds(options.kind);
  const terminal = createTerminal();
  const { entries } = loadIndex(paths, terminal);
  const shown = entries.filter(
    (entry) =>
      (options.test === undefined || (entry.testId?.includes(options.test) ?? false)) &&
      (options.endpoint === undefined || (entry.endpoint?.includes(options.endpoint) ?? false)) &&
      (options.model === undefined || (entry.model?.includes(options.model) ?? false)) &&
      (kinds === null || kinds.has(entry.kind)) &&
      (!options.errors || entry.error !== null),
  );
  terminal.write(options.json ? renderListJson(shown) : renderListHuman(shown, entries.length, terminal));
  // Like `ls` on an unreadable entry: the listing is printed, and the exit code says something was wrong.
  process.exitCode = shown.some((entry: Entry) => entry.error !== null) ? 1 : 0;
}

function parseKinds(value: string | undefined): Set<RecordingKind> | null {
  if (value === undefined) return null;
  const kinds = value
    .split(',')
    .map((kind) => kind.trim())
    .filter(Boolean);
  const unknown = kinds.filter((kind) => !(RECORDING_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0) {
    throw new UserError(`unknown kind: ${unknown.join(', ')}`, `kinds are: ${RECORDING_KINDS.join(', ')}`);
  }
  return new Set(kinds as RecordingKind[]);
}
