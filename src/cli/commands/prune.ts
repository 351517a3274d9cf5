import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readOptions } from '../read-options.js';
import { parseCollection, readCollectionFile } from '../../core/prune/collected.js';
import { deleteOrphans } from '../../core/prune/delete-orphans.js';
import { acquirePruneLock } from '../../core/prune/lock.js';
import { runCollect } from '../../core/prune/run-collect.js';
import { planPrune, type PrunePlan } from '../../core/prune/plan-prune.js';
import { listTracked } from '../../core/sources/git.js';
import { matchesCassetteNames } from '../../formats/containers/vcrpy/test-id.js';
import { exitCodeFor, type Context, type ExitCode, type Outcome } from '../context.js';
import { UserError } from '../errors.js';
import { failWhenNothingFound, diskSourceOf, loadIndex, pathsToRead } from '../read-paths.js';
import { PRUNE_REPORTERS, renderRemoval } from '../reporters/prune.js';
import { reportAs } from '../reporters/registry.js';

export async function run(args: { paths: string[] }, rawOptions: unknown, context: Context): Promise<Outcome> {
  const options = readOptions('prune', rawOptions);
  const { cwd, terminal } = context;
  if (options.root !== undefined && !existsSync(resolve(cwd, options.root))) {
    throw new UserError(`--root: no such folder: ${options.root}`, 'give the folder that holds tests/');
  }
  const collected = await readCollections(options.collected ?? [], options.collect, cwd, parseTimeout(options.collectTimeout));
  const given = pathsToRead(args.paths, context);
  const { entries } = await loadIndex(given, context, { cache: options.cache });
  failWhenNothingFound(entries.length, given);
  const considered = entries.filter((entry) => entry.testId !== null && entry.error === null).length;
  const deleting = options.delete === true;
  const plan = planPrune({
    entries,
    configured: matchesCassetteNames(context.config.cassetteNames ?? [], cwd),
    cwd,
    root: options.root ? resolve(cwd, options.root) : null,
    collected,
    maxDelete: parseMaxDelete(options.maxDelete, considered),
    tracked: listTracked(
      cwd,
      entries.map((entry) => entry.absPath),
    ),
  });

  const refused = deleting && plan.refusals.length > 0 && !options.force;
  const forced = options.force === true && deleting ? plan.refusals : [];
  const deletion =
    deleting && !refused && plan.orphans.length > 0 ? await deleteWithLock(plan.orphans, given, options.json === true, context) : null;
  const report = { plan, deletion, refused, forced };

  // A dry run that finds orphans is a finding; a refusal or a tree that cannot be judged is an input error.
  const unjudged =
    plan.mode === 'static' &&
    plan.refusals.some((refusal) => refusal.code === 'no-test-files' || refusal.code === 'unknown-layout') &&
    !options.force;
  const kept = deletion ? deletion.removals.filter((removal) => !removal.removed).length : plan.orphans.length;
  const exitCode: ExitCode = deletion?.interrupted ? 130 : refused || (unjudged && !deletion) ? 2 : exitCodeFor({ errors: kept });
  return { ...reportAs(PRUNE_REPORTERS, options.json ? 'json' : 'human', { report, cwd }, terminal), exitCode };
}

/**
 * Deletes under a lock, one file at a time, each reported as it happens (on a terminal or
 * a pipe; --json prints one document at the end). SIGINT or SIGTERM stops after the
 * current file.
 */
async function deleteWithLock(orphans: PrunePlan['orphans'], given: string[], json: boolean, context: Context) {
  const lock = acquirePruneLock(given.map((path) => resolve(context.cwd, path)));
  if (!lock.ok) {
    throw new UserError(
      `another cassette prune --delete is running on this tree (pid ${lock.holder})`,
      'wait for it to finish; nothing was deleted',
    );
  }
  const stop = { aborted: false };
  const onSignal = (): void => void (stop.aborted = true);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await deleteOrphans(orphans, {
      allowedRoots: given.map((path) => resolve(context.cwd, path)),
      tracked: listTracked(
        context.cwd,
        orphans.map((orphan) => orphan.entry.absPath),
      ),
      stop,
      source: diskSourceOf(context),
      onRemoval: json ? undefined : (removal) => context.terminal.write(`${renderRemoval(removal, context.terminal)}\n`),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    lock.release();
  }
}

async function readCollections(
  files: string[],
  command: string | undefined,
  cwd: string,
  timeoutSeconds: number,
): Promise<Set<string> | null> {
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
    const run = await runCollect(command, cwd, timeoutSeconds * 1000);
    if (!run.ok)
      throw new UserError(`--collect: '${command}' ${run.reason}`, 'run it by hand to see why; nothing was judged or deleted', run.tail);
    const found = parseCollection(run.stdout);
    if (found.size === 0)
      throw new UserError(`--collect: '${command}' printed no test ids`, 'it should print node ids, as pytest --collect-only -q does');
    for (const id of found) ids.add(id);
  }
  return ids;
}

/** --collect-timeout in seconds; 10 minutes when not given. */
function parseTimeout(value: string | undefined): number {
  if (value === undefined) return 600;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UserError(`--collect-timeout: '${value}' is not a number of seconds`, 'e.g. --collect-timeout 120');
  return seconds;
}

function parseMaxDelete(value: string | undefined, considered: number): number | null {
  if (value === undefined) return null;
  const match = /^(\d+)(%?)$/.exec(value.trim());
  if (!match)
    throw new UserError(`--max-delete: '${value}' is not a number of files or a percentage`, 'e.g. --max-delete 40 or --max-delete 10%');
  return match[2] ? Math.floor((considered * Number(match[1])) / 100) : Number(match[1]);
}
