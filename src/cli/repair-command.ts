import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { applyRepairs } from '../core/repair/apply-repairs.js';
import { planRepairs, type RepairKind } from '../core/repair/plan-repair.js';
import type { Context, Outcome } from './context.js';
import { isCassetteName } from '../core/sources/select.js';
import { UserError } from './errors.js';
import { clean, plural } from './format-text.js';
import { chooseHashScheme } from './hash-scheme.js';
import { openDiskSource, pathsToRead } from './read-paths.js';

const RepairOptions = z.object({
  write: z.optional(z.boolean()),
  move: z.optional(z.boolean()),
  hashScheme: z.optional(z.string()),
  json: z.optional(z.boolean()),
});

/**
 * rehash, normalize and redact: a dry run by default (each file it would change, and why),
 * writing only with --write. Exit 0 when nothing needed changing, 1 when something was (or
 * would be) changed or was refused, 2 on usage errors.
 */
export function repairCommand(kind: RepairKind) {
  return async (args: { paths: string[] }, rawOptions: unknown, context: Context): Promise<Outcome> => {
    const options = RepairOptions.parse(rawOptions);
    if (options.move && kind !== 'rehash') throw new UserError('--move goes with rehash');
    const paths = pathsToRead(args.paths, context);
    const scheme = chooseHashScheme(options.hashScheme, context, paths);
    const source = await openDiskSource(context);
    const listing = source.list(paths);
    if (listing.files.length === 0)
      throw new UserError(`no recordings found under ${paths.join(', ')}`, 'give the folders that hold the recordings');
    if (listing.files.every((file) => isCassetteName(file.absPath)))
      throw new UserError(`${kind} repairs ogx recordings; ${paths.join(', ')} holds only VCR cassettes`, 'cassettes are never rewritten');
    const repairs = planRepairs(source, paths, { kind, cwd: context.cwd, hashScheme: scheme.option, move: options.move === true });
    const applied = options.write
      ? applyRepairs(
          repairs,
          paths.map((path) => resolve(context.cwd, path)),
        )
      : null;
    const exitCode = repairs.length === 0 ? 0 : 1;
    if (options.json) {
      const files = repairs.map((repair, i) => ({
        path: repair.path,
        newPath: repair.newPath,
        changes: repair.changes,
        removed: repair.removeStale,
        refused: repair.refused,
        done: applied ? applied[i]!.done : false,
        reason: applied ? applied[i]!.reason : null,
      }));
      return { output: `${JSON.stringify({ written: options.write === true, files }, null, 2)}\n`, exitCode, kind: 'json' };
    }
    const c = context.terminal.out;
    const lines: string[] = [];
    repairs.forEach((repair, i) => {
      const result = applied?.[i];
      const verb = repair.refused !== null ? c.red('refused') : result ? (result.done ? 'changed' : c.red('failed')) : 'would change';
      lines.push(`${verb} ${clean(repair.path)}${repair.newPath ? ` -> ${clean(repair.newPath)}` : ''}`);
      for (const change of repair.changes) lines.push(`  ${clean(change)}`);
      const why = repair.refused ?? result?.reason;
      if (why) lines.push(`  ${c.red(clean(why))}`);
    });
    const done = applied ? applied.filter((item) => item.done).length : 0;
    lines.push(
      repairs.length === 0
        ? `nothing to ${kind}: ${plural(listing.files.length, 'recording')} checked (hash scheme ${clean(scheme.description)})`
        : applied
          ? `${plural(done, 'file')} changed, ${applied.length - done} left alone`
          : `dry run: ${plural(repairs.length, 'file')} to change; --write changes them`,
    );
    return { output: `${lines.join('\n')}\n`, exitCode };
  };
}
