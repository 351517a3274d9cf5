import * as z from 'zod/mini';
import { RECORDING_KINDS } from '../../core/types.js';
import { parseChoiceList } from '../choices.js';
import { exitCodeFor, type Context, type Outcome } from '../context.js';
import { UserError } from '../errors.js';
import { loadIndex, pathsToRead } from '../read-paths.js';
import { renderListHuman, renderListJson } from '../reporters/list.js';

const ListOptions = z.object({
  test: z.optional(z.string()),
  endpoint: z.optional(z.string()),
  model: z.optional(z.string()),
  kind: z.optional(z.string()),
  errors: z.optional(z.boolean()),
  json: z.optional(z.boolean()),
});

export async function run(args: { paths: string[] }, rawOptions: unknown, context: Context): Promise<Outcome> {
  const options = ListOptions.parse(rawOptions);
  const kinds = options.kind === undefined ? null : new Set(parseChoiceList('--kind', [options.kind], RECORDING_KINDS));
  const given = pathsToRead(args.paths, context);
  const { entries } = await loadIndex(given, context);
  if (options.errors && entries.length === 0)
    throw new UserError(`no recordings found under ${given.join(', ')}`, 'give the folders that hold the recordings');
  const shown = entries.filter(
    (entry) =>
      (options.test === undefined || (entry.testId?.includes(options.test) ?? false)) &&
      (options.endpoint === undefined || (entry.endpoint?.includes(options.endpoint) ?? false)) &&
      (options.model === undefined || (entry.model?.includes(options.model) ?? false)) &&
      (kinds === null || kinds.has(entry.kind)) &&
      (!options.errors || entry.error !== null),
  );
  // Like `ls` on an unreadable entry: the listing is printed, and the exit code says something was wrong.
  return {
    output: options.json ? renderListJson(shown) : renderListHuman(shown, entries.length, context.terminal),
    exitCode: exitCodeFor({ errors: shown.filter((entry) => entry.error !== null).length }),
    kind: options.json ? 'json' : 'human',
  };
}
