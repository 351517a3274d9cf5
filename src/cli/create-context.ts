import { appendFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { loadConfig } from '../core/config.js';
import { PARALLEL_FROM } from '../core/parallel/share-work.js';
import { expandPathArguments } from '../core/sources/globs.js';
import { describeFsError } from '../core/load/problems.js';
import { writeAtomic } from '../core/write-file.js';
import type { Context, Outcome } from './context.js';
import { UserError } from './errors.js';
import { prepareOutput } from './sanitize.js';
import { createTerminal } from './terminal.js';

/**
 * The config, loaded and validated once for every command: an invalid one is exit 2 whatever
 * the arguments. `workerScript` is the bundle's worker entry, when there is one.
 */
export async function createContext(workerScript: string | undefined, cwd = process.cwd()): Promise<Context> {
  const result = await loadConfig(cwd);
  if (!result.ok)
    throw new UserError(`invalid config in ${result.source}`, 'fix the config file; docs/config.md lists every key', result.problems);
  const threads = readJobs(process.env.CASSETTE_JOBS);
  const parallelism = workerScript && threads > 1 ? { script: workerScript, threads, minWork: PARALLEL_FROM } : undefined;
  return { cwd, config: result.config, terminal: createTerminal(), env: process.env, ...(parallelism && { parallelism }) };
}

/** CASSETTE_JOBS: threads to read and check with (1: this one only); every core by default. */
function readJobs(value: string | undefined): number {
  if (value === undefined || value === '') return availableParallelism();
  if (!/^[1-9][0-9]{0,2}$/.test(value)) throw new UserError(`CASSETTE_JOBS must be a whole number from 1, not '${value}'`);
  return Number(value);
}

/** Path arguments checked (and globs expanded) before any work: a path that is not there is exit 2. */
export async function resolvePathArguments(paths: readonly string[], context: Context): Promise<string[]> {
  const { paths: expanded, missing } = await expandPathArguments(paths, context.cwd);
  if (missing.length > 0)
    throw new UserError(`no such file or folder: ${missing.join(', ')}`, 'give recording files or folders that hold them');
  return expanded;
}

export async function writeOutcome(outcome: Outcome, context: Context): Promise<void> {
  for (const file of outcome.files ?? []) {
    // Whole or not at all: a reader (a CI step collecting report.xml) never sees half a report.
    const path = resolve(context.cwd, file.path);
    const written = writeAtomic(
      path,
      prepareOutput(file.content, file.kind ?? outcome.fileKind ?? outcome.kind ?? 'human', { colour: false, terminal: false }),
    );
    if (!written.ok) throw new UserError(`cannot write ${path}: ${written.reason}`);
  }
  for (const append of outcome.appends ?? []) {
    try {
      appendFileSync(resolve(context.cwd, append.path), prepareOutput(append.content, 'report', { colour: false, terminal: false }));
    } catch (error) {
      context.terminal.writeError(`cassette: cannot append to ${append.path}: ${describeFsError(error)}\n`);
    }
  }
  for (const piece of typeof outcome.output === 'string' ? [outcome.output] : outcome.output) {
    if (piece !== '') await context.terminal.write(piece, outcome.kind);
  }
  for (const notice of outcome.notices ?? []) context.terminal.writeError(`${notice}\n`);
}
