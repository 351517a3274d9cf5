import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readOptions } from './read-options.js';
import type { OptionsOf } from './options.js';
import { applyRepairs } from '../core/repair/apply-repairs.js';
import { lastCommitTime, listTracked } from '../core/sources/git.js';
import { planRepairs, type RepairKind } from '../core/repair/plan-repair.js';
import { exitCodeFor, type Context, type Outcome } from './context.js';
import { allowsRepair } from '../formats/containers/index.js';
import { UserError } from './errors.js';
import { clean, plural } from './format-text.js';
import { shellQuote } from './shell-quote.js';
import { chooseHashScheme } from './hash-scheme.js';
import { failWhenNothingFound, openDiskSource, pathsToRead } from './read-paths.js';
import { stringifyJson } from '../core/json/depth.js';

/**
 * rehash, normalize and redact: a dry run by default (each file it would change, and why),
 * writing only with --write. Exit 0 when nothing needed changing, 1 when something was (or
 * would be) changed or was refused, 2 on usage errors.
 */
export function repairCommand(kind: RepairKind) {
  return async (args: { paths: string[] }, rawOptions: unknown, context: Context): Promise<Outcome> => {
    const options = readOptions(kind, rawOptions) as OptionsOf<'rehash'>;
    if (options.move && kind !== 'rehash') throw new UserError('--move goes with rehash');
    const paths = pathsToRead(args.paths, context);
    const scheme = chooseHashScheme(options.hashScheme, context, paths);
    const source = await openDiskSource(context);
    const listing = source.list(paths);
    failWhenNothingFound(listing.files.length, paths);
    if (listing.files.every((file) => !allowsRepair(file.absPath, kind)))
      throw new UserError(`${kind} repairs ogx recordings; ${paths.join(', ')} holds only cassettes`, 'cassettes are never rewritten');
    if (options.removeSuperseded && kind !== 'rehash') throw new UserError('--remove-superseded goes with rehash');
    const repairs = planRepairs(source, paths, {
      kind,
      cwd: context.cwd,
      hashScheme: scheme.option,
      move: options.move === true,
      removeSuperseded: options.removeSuperseded === true,
      changedAt: lastChanged,
      secretPatterns: (context.config.secretPatterns ?? []).map((pattern) => new RegExp(pattern)),
    });
    const leftover = repairs.reduce((total, repair) => total + repair.leftover.length, 0);
    const applied = options.write ? applyRepairs(repairs, writableRoots(paths, context.cwd)) : null;
    // A dry run with work to do is a finding; a write is clean once everything planned was done.
    // A credential redact cannot remove fails the run, dry or not: verify would still fail on it.
    const unfinished = applied ? applied.filter((item) => !item.done).length : repairs.length;
    const exitCode = exitCodeFor({ errors: leftover + unfinished });
    if (options.json) {
      const files = repairs.map((repair, i) => ({
        path: repair.path,
        newPath: repair.newPath,
        changes: repair.changes,
        removed: repair.removeStale,
        refused: repair.refused,
        leftover: repair.leftover,
        done: applied ? applied[i]!.done : false,
        reason: applied ? applied[i]!.reason : null,
      }));
      return { output: `${stringifyJson({ written: options.write === true, files }, 2)}\n`, exitCode, kind: 'json' };
    }
    const c = context.terminal.out;
    const lines: string[] = [];
    repairs.forEach((repair, i) => {
      const result = applied?.[i];
      const removal = repair.removeStale && repair.refused === null;
      const verb =
        repair.refused !== null
          ? c.red('left alone')
          : result
            ? result.done
              ? removal
                ? 'removed'
                : 'changed'
              : c.red('failed')
            : removal
              ? 'would remove'
              : 'would change';
      const arrow = repair.newPath && !removal && repair.refused === null ? ` -> ${clean(repair.newPath)}` : '';
      lines.push(`${verb} ${clean(repair.path)}${arrow}`);
      for (const change of repair.changes) lines.push(`  ${clean(change)}`);
      const why = repair.refused ?? result?.reason;
      if (why) lines.push(`  ${c.red(clean(why))}`);
      for (const left of repair.leftover) lines.push(`  ${c.red(`cannot be redacted: ${clean(left)}`)}`);
    });
    const done = applied ? applied.filter((item) => item.done).length : 0;
    const planned = repairs.filter((repair) => repair.refused === null).length;
    const leftAlone = repairs.length - planned;
    lines.push(
      repairs.length === 0
        ? `nothing to ${kind}: ${plural(listing.files.length, 'recording')} checked (hash scheme ${clean(scheme.description)})`
        : applied
          ? `${plural(done, 'file')} changed or removed, ${applied.length - done} left alone`
          : `dry run: --write changes or removes ${plural(planned, 'file')}${leftAlone > 0 ? ` and leaves ${leftAlone} alone` : ''}`,
    );
    // Removed copies come back from git, as prune's do: one command per file, quoted for a POSIX shell.
    const removed = applied ? applied.filter((item) => item.done && item.repair.removeStale).map((item) => item.repair) : [];
    const tracked =
      removed.length > 0
        ? listTracked(
            context.cwd,
            removed.map((repair) => repair.absPath),
          )
        : null;
    const restorable = removed.filter((repair) => tracked?.has(repair.absPath));
    if (restorable.length > 0) {
      lines.push('restore a removed copy with:');
      for (const repair of restorable) lines.push(`  git checkout -- ${shellQuote(repair.path)}`);
    }
    if (removed.length > restorable.length)
      lines.push(
        c.yellow(`${plural(removed.length - restorable.length, 'removed copy', 'removed copies')} not in git: cannot be restored`),
      );
    if (leftover > 0)
      lines.push(
        c.red(
          `${plural(leftover, 'credential')} cannot be redacted in place (split across stream chunks, or inside encoded data): revoke ${leftover === 1 ? 'it' : 'them'} and re-record`,
        ),
      );
    return { output: `${lines.join('\n')}\n`, exitCode };
  };
}

/**
 * Where a repair may write: the folders given, and for a file given its own folder, so that
 * the fix cassette prints (`cassette rehash --write <file>`) renames it beside itself. A move
 * to another folder needs that folder's tree given.
 */
function writableRoots(paths: readonly string[], cwd: string): string[] {
  return paths.map((path) => {
    const absolute = resolve(cwd, path);
    try {
      return statSync(absolute).isFile() ? dirname(absolute) : absolute;
    } catch {
      return absolute;
    }
  });
}

/**
 * When a copy was last changed, to keep the newest of several: its last commit when git has
 * one (a checkout gives every file the same modification time), else its modification time.
 */
function lastChanged(absPath: string): number {
  const committed = lastCommitTime(absPath);
  if (committed !== null) return committed;
  try {
    return statSync(absPath).mtimeMs;
  } catch {
    return 0;
  }
}
