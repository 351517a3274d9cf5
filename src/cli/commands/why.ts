import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readOptions } from '../read-options.js';
import { collectKnown, explainMiss } from '../../core/why/explain-miss.js';
import { explainCassetteMiss } from '../../core/why/explain-cassette-miss.js';
import { parseMisses } from '../../core/why/parse-misses.js';
import { cassetteFormats } from '../../formats/containers/index.js';
import type { CassetteMiss } from '../../formats/containers/container.js';
import { exitCodeFor, type Context, type Outcome } from '../context.js';
import { UserError } from '../errors.js';
import { chooseHashScheme } from '../hash-scheme.js';
import { createProgress } from '../progress.js';
import { openDiskSource, openKnownCache, pathsToRead } from '../read-paths.js';
import { WHY_REPORTERS } from '../reporters/why.js';
import { reportAs } from '../reporters/registry.js';
import { CASSETTE_MISS_REPORTERS } from '../reporters/why-cassette.js';

/**
 * Explains replay misses: where the recorder looked, and the fix (a rename, a move, or a
 * re-record). Exit 0 when every miss is fixed without re-recording, 1 otherwise, 2 when the
 * input holds no miss.
 */
export async function run(args: { input: string; paths: string[] }, rawOptions: unknown, context: Context): Promise<Outcome> {
  const options = readOptions('why', rawOptions);
  const input = readInput(args.input, context.cwd);
  const misses = parseMisses(input);
  const cassetteMisses = cassetteFormats().flatMap((format) => format.findMisses(input));
  if (misses.length === 0 && cassetteMisses.length === 0) {
    throw new UserError(
      'no replay miss in the input',
      "give the hash, the 'Recording not found' message, a recorder's miss error (vcrpy's CannotOverwriteExistingCassetteException, Ruby VCR's UnhandledHTTPRequestError, go-vcr's 'requested interaction not found', Polly's 'Recording ... is not found'), or the test log or JUnit XML report holding it (a file, or - for standard input)",
    );
  }
  const paths = pathsToRead(args.paths, context);
  if (misses.length === 0) return explainCassetteMisses(cassetteMisses, paths, options.json === true, context);
  const scheme = chooseHashScheme(options.hashScheme, context, paths);
  const progress = createProgress(context.terminal, 'hashing');
  // The cache keeps each file's computed hashes, so a second `why` on an unchanged tree reads nothing.
  const cache = options.cache === false ? undefined : openKnownCache(paths, scheme.option, context);
  const known = collectKnown(await openDiskSource(context), paths, scheme.option, cache);
  progress.stop();
  const explanations = misses.map((miss) => explainMiss(miss, known, context.cwd));
  const exitCode = exitCodeFor({ errors: explanations.filter((explanation) => !explanation.fixable).length });
  return {
    ...reportAs(WHY_REPORTERS, options.json ? 'json' : 'human', { explanations, scheme: scheme.description }, context.terminal),
    exitCode,
  };
}

/** Cassette misses: the cassette each names, its interactions most alike first. Every one needs a re-record: exit 1. */
async function explainCassetteMisses(misses: CassetteMiss[], paths: string[], json: boolean, context: Context): Promise<Outcome> {
  const source = await openDiskSource(context);
  const files = source.list(paths).files;
  const explanations = misses.map((miss) => explainCassetteMiss(miss, source, files, context.cwd));
  const exitCode = exitCodeFor({ errors: explanations.length });
  return { ...reportAs(CASSETTE_MISS_REPORTERS, json ? 'json' : 'human', explanations, context.terminal), exitCode };
}

/** A file's text, standard input, or the argument itself (a hash, a pasted message). */
function readInput(input: string, cwd: string): string {
  if (input === '-') {
    try {
      return readFileSync(0, 'utf8');
    } catch (error) {
      throw new UserError(`cannot read standard input: ${(error as Error).message}`);
    }
  }
  const path = resolve(cwd, input);
  try {
    if (statSync(path).isFile()) return readFileSync(path, 'utf8');
  } catch {
    // not a file: the argument is the text
  }
  return input;
}
