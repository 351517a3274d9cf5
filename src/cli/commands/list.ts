import { readOptions } from '../read-options.js';
import { RECORDING_KINDS } from '../../core/types.js';
import { parseChoiceList } from '../choices.js';
import { exitCodeFor, type Context, type Outcome } from '../context.js';
import { failWhenNothingFound, loadIndex, openDiskSource, pathsToRead } from '../read-paths.js';
import type { RuleSetting } from '../../core/verify/define-rule.js';
import type { RuleName } from '../../core/verify/rule-list.js';
import { LIST_REPORTERS } from '../reporters/list.js';
import { reportAs } from '../reporters/registry.js';

/** Files whose name the recorder would not look up: verify's hash rule, alone. */
async function findStale(paths: readonly string[], context: Context): Promise<Set<string>> {
  // Loaded for --stale alone: the rules and the loader are most of list's start-up otherwise.
  const [{ RULE_NAMES }, { runVerify }, { chooseHashScheme }] = await Promise.all([
    import('../../core/verify/rule-list.js'),
    import('../../core/verify/run-verify.js'),
    import('../hash-scheme.js'),
  ]);
  const rules = Object.fromEntries(RULE_NAMES.map((name) => [name, name === 'hash' ? 'error' : 'off'])) as Record<RuleName, RuleSetting>;
  const result = await runVerify(await openDiskSource(context), {
    paths,
    cwd: context.cwd,
    hashScheme: chooseHashScheme(undefined, context, paths).option,
    rules,
    secretPatterns: [],
    ...(context.parallelism && { parallelism: context.parallelism }),
  });
  return new Set(result.findings.map((finding) => finding.path));
}

export async function run(args: { paths: string[] }, rawOptions: unknown, context: Context): Promise<Outcome> {
  const options = readOptions('list', rawOptions);
  const kinds = options.kind === undefined ? null : new Set(parseChoiceList('--kind', [options.kind], RECORDING_KINDS));
  const given = pathsToRead(args.paths, context);
  const { entries } = await loadIndex(given, context, { cache: options.cache });
  failWhenNothingFound(entries.length, given);
  // Filters match without case: a user types `gpt-4o`, the file says `GPT-4o`.
  const matches = (value: string | null, wanted: string | undefined) =>
    wanted === undefined || (value?.toLowerCase().includes(wanted.toLowerCase()) ?? false);
  const stale = options.stale ? await findStale(given, context) : null;
  const shown = entries.filter(
    (entry) =>
      matches(entry.testId, options.test) &&
      matches(entry.endpoint, options.endpoint) &&
      matches(entry.model, options.model) &&
      (kinds === null || kinds.has(entry.kind)) &&
      (!options.errors || entry.error !== null) &&
      (stale === null || stale.has(entry.path)),
  );
  // Like `ls` on an unreadable entry: the listing is printed, and the exit code says something was wrong.
  return {
    ...reportAs(LIST_REPORTERS, options.json ? 'json' : 'human', { shown, total: entries.length }, context.terminal),
    // An unusable file, or with --stale a file the recorder would not find, is a finding.
    exitCode: exitCodeFor({ errors: shown.filter((entry) => entry.error !== null || stale !== null).length }),
  };
}
