import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { parseCollection, readCollectionFile } from '../../core/prune/collected.js';
import { deleteOrphans } from '../../core/prune/delete-orphans.js';
import { planPrune } from '../../core/prune/plan-prune.js';
import { isGitWorkTree } from '../../core/sources/git.js';
import { exitCodeFor, type Context, type ExitCode, type Outcome } from '../context.js';
import { UserError } from '../errors.js';
import { loadIndex, pathsToRead } from '../read-paths.js';
import { renderPruneHuman, renderPruneJson } from '../reporters/prune.js';

const PruneOptions = z.object({
  root: z.optional(z.string()),
  collected: z.optional(z.array(z.string())),
  collect: z.optional(z.string()),
  delete: z.optional(z.boolean()),
  maxDelete: z.optional(z.string()),
  force: z.optional(z.boolean()),
  json: z.optional(z.boolean()),
});

export async function run(args: { paths: string[] }, rawOptions: unknown, context: Context): Promise<Outcome> {
  const options = PruneOptions.parse(rawOptions);
  const { cwd } = context;
  const collected = readCollections(options.collected ?? [], options.collect, cwd);
  const given = pathsToRead(args.paths, context);
  const { entries } = await loadIndex(given, context);
  const considered = entries.filter((entry) => entry.testId !== null && entry.error === null).length;
  const plan = planPrune({
    entries,
    cwd,
    root: options.root ? resolve(cwd, options.root) : null,
    collected,
    maxDelete: parseMaxDelete(options.maxDelete, considered),
  });

  const refused = options.delete === true && plan.refusals.length > 0 && !options.force;
  const deletion =
    options.delete && !refused
      ? deleteOrphans(
          plan.orphans,
          given.map((path) => resolve(cwd, path)),
        )
      : null;
  const forced = options.force === true && options.delete === true ? plan.refusals : [];
  const report = { plan, deletion, refused, forced, git: deletion ? isGitWorkTree(cwd) : false };

  // A dry run that finds orphans is a finding; a refusal or a tree that cannot be judged is an input error.
  const unjudged = plan.mode === 'static' && plan.refusals.some((refusal) => refusal.code === 'no-test-files') && !options.force;
  const exitCode: ExitCode = refused || unjudged ? 2 : exitCodeFor({ errors: deletion ? deletion.failed.length : plan.orphans.length });
  const output = options.json ? renderPruneJson(report) : renderPruneHuman(report, context.terminal);
  return { output, exitCode, kind: options.json ? 'json' : 'human' };
}

function readCollections(files: string[], command: string | undefined, cwd: string): Set<string> | null {
  if (files.length === 0 && command === undefined) return null;
  const ids = new Set<string>();
  for (const file of files) {
    const result = readCollectionFile(resolve(cwd, file));
    if (!result.ok) throw new UserError(`--collected ${file}: ${result.reason}`);
    if (result.ids.size === 0) {
      throw new UserError(
        `--collected ${file} holds no test ids`,
        'give the output of pytest --collect-only -q, a list of node ids, or a pytest-json-report file',
      );
    }
    for (const id of result.ids) ids.add(id);
  }
  if (command !== undefined) {
    const run = spawnSync(command, { shell: true, cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.error || run.status !== 0) {
      const tail = `${run.stderr ?? ''}${run.stdout ?? ''}`.trim().split('\n').slice(-5);
      const failure = run.error ? `could not run: ${run.error.message}` : `exited with ${run.status}`;
      throw new UserError(`--collect: '${command}' ${failure}`, 'run it by hand to see why; nothing was judged or deleted', tail);
    }
    const found = parseCollection(run.stdout);
    if (found.size === 0)
      throw new UserError(`--collect: '${command}' printed no test ids`, 'it should print node ids, as pytest --collect-only -q does');
    for (const id of found) ids.add(id);
  }
  return ids;
}

function parseMaxDelete(value: string | undefined, considered: number): number | null {
  if (value === undefined) return null;
  const match = /^(\d+)(%?)$/.exec(value.trim());
  if (!match)
    throw new UserError(`--max-delete: '${value}' is not a number of files or a percentage`, 'e.g. --max-delete 40 or --max-delete 10%');
  return match[2] ? Math.floor((considered * Number(match[1])) / 100) : Number(match[1]);
}
