import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import type { Context, Outcome } from './context.js';
import { declareOptions } from './options.js';

declare const __CASSETTE_VERSION__: string;
declare const __CASSETTE_BUILD__: string | undefined;

// The worker entry sits beside the bundle (dist/worker.js); run from sources there is none.
const WORKER_SCRIPT = typeof __CASSETTE_BUILD__ === 'string' ? fileURLToPath(new URL('./worker.js', import.meta.url)) : undefined;

/** A command module: `run(args, options, context)` returns what to print and the exit code. */
interface CommandModule {
  run(args: never, options: unknown, context: Context): Outcome | Promise<Outcome>;
}

// The paths argument several commands share, declared once so that their help says the same; options are in options.ts.
const PATHS = ['[paths...]', 'recording files, folders or globs (default: config paths, ./recordings, else .)'] as const;

/**
 * Every command and option is declared here; each action imports its module only when it
 * runs, so `--help` and `--version` load nothing but commander.
 */
export function createProgram(): Command {
  const program = new Command('cassette')
    .description(
      'Index, read and check recorded LLM API traffic: ogx (llama-stack) recordings, VCR cassettes (vcrpy, Ruby vcr, go-vcr) and Polly.js HAR files.',
    )
    .version(typeof __CASSETTE_VERSION__ === 'string' ? __CASSETTE_VERSION__ : '0.0.0-dev', '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    // One prefix for every error, commander's own included.
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'cassette: ')) })
    .exitOverride();

  declareOptions(
    program
      .command('list')
      .description('list recordings: test id, endpoint, model, kind, stream, size')
      .argument(...PATHS),
    'list',
  ).action(action(() => import('./commands/list.js'), ['paths'], 'paths'));

  declareOptions(
    program
      .command('show')
      .description('show one recording: the request and the answer the model gave')
      .argument('<ref>', 'hash or unique hash prefix (4+ hex), rec-<12hex> response id, path, or test id (or unique part of one)')
      .argument('[paths...]', 'where to look (default: config paths, ./recordings, else .)'),
    'show',
  ).action(action(() => import('./commands/show.js'), ['ref', 'paths'], 'paths'));

  declareOptions(
    program
      .command('browse')
      .description('explore recordings in a full-terminal browser: grouped by test, filter as you type, verify in the background')
      .argument(...PATHS),
    'browse',
  ).action(action(() => import('./commands/browse.js'), ['paths'], 'paths'));

  declareOptions(
    program
      .command('verify')
      .description('check every recording: hash, location, schema, streams, secrets, duplicates (the CI gate)')
      .argument(...PATHS),
    'verify',
  ).action(action(() => import('./commands/verify.js'), ['paths'], 'paths'));

  declareOptions(
    program
      .command('prune')
      .description('find recordings of tests that no longer exist; remove them with --delete (dry run by default)')
      .argument(...PATHS),
    'prune',
  ).action(action(() => import('./commands/prune.js'), ['paths'], 'paths'));

  declareOptions(
    program
      .command('diff')
      .description('what a re-recording really changed: answers, tool calls, usage, requests; noise set apart')
      .argument('[inputs...]', 'nothing (working tree vs HEAD), <ref>, <refA>..<refB>, <fileA> <fileB>, or <dirA> <dirB>'),
    'diff',
  ).action(action(() => import('./commands/diff.js'), ['inputs']));

  declareOptions(
    program
      .command('rehash')
      .description('rename each recording whose name is not the hash its recorder looks up (dry run unless --write)')
      .argument(...PATHS),
    'rehash',
  ).action(action(() => import('./commands/rehash.js'), ['paths'], 'paths'));

  declareOptions(
    program
      .command('normalize')
      .description("apply the recorder's response normalisation (ids, timestamps, durations) (dry run unless --write)")
      .argument(...PATHS),
    'normalize',
  ).action(action(() => import('./commands/normalize.js'), ['paths'], 'paths'));

  declareOptions(
    program
      .command('redact')
      .description('replace every credential the secret rule finds with a placeholder (dry run unless --write)')
      .argument(...PATHS),
    'redact',
  ).action(action(() => import('./commands/redact.js'), ['paths'], 'paths'));

  declareOptions(
    program
      .command('why')
      .description(
        'explain a replay miss (ogx "Recording not found", or a vcrpy, Ruby VCR, go-vcr or Polly miss): where the recorder looked, and the fix',
      )
      .argument(
        '<input>',
        'a request hash, the error message, or the test log (pytest, RSpec, go test, vitest) or JUnit XML report holding it (a file, or - for standard input)',
      )
      .argument('[paths...]', 'where the recordings are (default: config paths, ./recordings, else .)'),
    'why',
  ).action(action(() => import('./commands/why.js'), ['input', 'paths'], 'paths'));

  declareOptions(
    program
      .command('hash')
      .description("the request hash the recorder computes: what a recording's file must be named")
      .argument('<input>', 'a recording, a request object ({method, url, body}), a bare body, or - for standard input'),
    'hash',
  ).action(action(() => import('./commands/hash.js'), ['input']));

  return program;
}

/**
 * The one shape of every action: map commander's arguments to names, load the config once,
 * check path arguments before any work, run the command, write its outcome, set the exit code.
 */
function action(load: () => Promise<CommandModule>, names: readonly string[], pathArgument?: string) {
  return async (...received: unknown[]): Promise<void> => {
    const args: Record<string, unknown> = Object.fromEntries(names.map((name, i) => [name, received[i]]));
    const options = received[names.length];
    // The command's modules load while the config is read: each chunk is a read the event loop waits on.
    const loading = load();
    loading.catch(() => {}); // awaited below; a failure before then must not be an unhandled rejection
    const { createContext, resolvePathArguments, writeOutcome } = await import('./create-context.js');
    const context = await createContext(WORKER_SCRIPT);
    if (pathArgument) args[pathArgument] = await resolvePathArguments(args[pathArgument] as string[], context);
    const command = await loading;
    const outcome = await command.run(args as never, options, context);
    await writeOutcome(outcome, context);
    process.exitCode = outcome.exitCode;
  };
}
