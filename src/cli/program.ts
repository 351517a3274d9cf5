import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import type { Context, Outcome } from './context.js';

declare const __CASSETTE_VERSION__: string;
declare const __CASSETTE_BUILD__: string | undefined;

// The worker entry sits beside the bundle (dist/worker.js); run from sources there is none.
const WORKER_SCRIPT = typeof __CASSETTE_BUILD__ === 'string' ? fileURLToPath(new URL('./worker.js', import.meta.url)) : undefined;

/** A command module: `run(args, options, context)` returns what to print and the exit code. */
interface CommandModule {
  run(args: never, options: unknown, context: Context): Outcome | Promise<Outcome>;
}

/** Repeatable list options take one value per flag (commas allowed), so they never swallow the paths after them. */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

// Options several commands share, declared once so that their help says the same.
const PATHS = ['[paths...]', 'recording files, folders or globs (default: config paths, ./recordings, else .)'] as const;
const HASH_SCHEME = ['--hash-scheme <scheme>', "auto (the checkout's recorder, else by layout), or pin one: E7 E6 E5 E4 E3 E2 E1"] as const;
const NO_CACHE = ['--no-cache', 'read every file again instead of using the index cache'] as const;

/**
 * Every command and option is declared here; each action imports its module only when it
 * runs, so `--help` and `--version` load nothing but commander.
 */
export function createProgram(): Command {
  const program = new Command('cassette')
    .description('Index, read and check recorded LLM API traffic: ogx (llama-stack) recordings, VCR cassettes (vcrpy, Ruby vcr, go-vcr) and Polly.js HAR files.')
    .version(typeof __CASSETTE_VERSION__ === 'string' ? __CASSETTE_VERSION__ : '0.0.0-dev', '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    // One prefix for every error, commander's own included.
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'cassette: ')) })
    .exitOverride();

  program
    .command('list')
    .description('list recordings: test id, endpoint, model, kind, stream, size')
    .argument(...PATHS)
    .option('--test <text>', 'only recordings whose test id contains <text>')
    .option('--endpoint <text>', 'only recordings whose endpoint contains <text>')
    .option('--model <text>', 'only recordings whose model contains <text>')
    .option('--kind <kinds>', 'only these kinds (comma-separated, e.g. chat-stream,embeddings)')
    .option('--errors', 'only files that cannot be read as recordings')
    .option('--stale', 'only files whose name the recorder would not look up (verify --rule hash)')
    .option('--json', 'print a JSON array instead of a table')
    .option(...NO_CACHE)
    .action(action(() => import('./commands/list.js'), ['paths'], 'paths'));

  program
    .command('show')
    .description('show one recording: the request and the answer the model gave')
    .argument('<ref>', 'hash or unique hash prefix (4+ hex), rec-<12hex> response id, path, or test id (or unique part of one)')
    .argument('[paths...]', 'where to look (default: config paths, ./recordings, else .)')
    .option('--full', 'do not shorten long messages')
    .option('--raw', 'print the file pretty-printed')
    .option('--json', 'print the reconstruction as JSON')
    .option(...NO_CACHE)
    .action(action(() => import('./commands/show.js'), ['ref', 'paths'], 'paths'));

  program
    .command('browse')
    .description('explore recordings in a full-terminal browser: grouped by test, filter as you type, verify in the background')
    .argument(...PATHS)
    .option(...NO_CACHE)
    .action(action(() => import('./commands/browse.js'), ['paths'], 'paths'));

  program
    .command('verify')
    .description('check every recording: hash, location, schema, streams, secrets, duplicates (the CI gate)')
    .argument(...PATHS)
    .option('--format <format>', 'human (default), json, github (workflow annotations) or junit')
    .option('--json', 'same as --format json')
    .option('--output <file>', 'write the report to <file> (never coloured); the human report still goes to the console')
    .option('--rule <rules>', 'run only these rules (comma-separated, or repeat the flag)', collect)
    .option('--skip-rule <rules>', 'do not run these rules (comma-separated, or repeat the flag)', collect)
    .option('--strict', 'warnings fail the run too')
    .option('--quiet', 'report errors only: warnings are neither shown nor counted')
    .option('--max-warnings <n>', 'fail when there are more than n warnings (as eslint does)')
    .option('--changed [ref]', 'check only recordings changed against a git ref (default HEAD, working tree included)')
    .option(...HASH_SCHEME)
    .option('--cache', 'reuse the results of files unchanged since the last --cache run')
    .option(
      '--cache-strategy <strategy>',
      'metadata (size, mtime, inode; the default) or content (a hash of each file: survives a fresh checkout)',
    )
    .option(
      '--suppress-all',
      'write every finding of this run into the baseline (cassette-suppressions.json): later runs fail only beyond it',
    )
    .option(
      '--suppress-rule <rules>',
      'write the findings of these rules or finding codes into the baseline (comma-separated, or repeat)',
      collect,
    )
    .option('--prune-suppressions', 'drop baseline entries that no longer occur, and lower counts to what is found')
    .option('--suppressions-location <file>', 'the baseline file (default: cassette-suppressions.json in the current folder)')
    .action(action(() => import('./commands/verify.js'), ['paths'], 'paths'));

  program
    .command('prune')
    .description('find recordings of tests that no longer exist; remove them with --delete (dry run by default)')
    .argument(...PATHS)
    .option('--root <dir>', 'the folder holding tests/ (default: found from the recordings)')
    .option(
      '--collected <file>',
      'test ids of a real collection: pytest --collect-only -q output, a list of node ids, or a pytest-json-report file (repeat to union)',
      collect,
    )
    .option('--collect <command>', 'run a command that prints node ids (e.g. "pytest --collect-only -q tests/integration")')
    .option('--collect-timeout <seconds>', 'stop --collect (and everything it started) after this long (default 600)')
    .option('--delete', 'remove the orphans (otherwise only print them)')
    .option('--max-delete <n>', 'refuse to delete more than n files, or n% (default 25% of the recordings considered)')
    .option('--force', 'delete even when the evidence looks partial, and say what was overridden')
    .option('--json', 'print JSON')
    .option(...NO_CACHE)
    .action(action(() => import('./commands/prune.js'), ['paths'], 'paths'));

  program
    .command('diff')
    .description('what a re-recording really changed: answers, tool calls, usage, requests; noise set apart')
    .argument('[inputs...]', 'nothing (working tree vs HEAD), <ref>, <refA>..<refB>, <fileA> <fileB>, or <dirA> <dirB>')
    .option('--stat', 'print the summary only')
    .option('--json', 'print JSON')
    .option('--exit-code', 'exit 1 when anything other than noise changed, like git diff --exit-code')
    .action(action(() => import('./commands/diff.js'), ['inputs']));

  program
    .command('rehash')
    .description('rename each recording whose name is not the hash its recorder looks up (dry run unless --write)')
    .argument(...PATHS)
    .option('--write', 'rename and rewrite the files (otherwise only print what would change)')
    .option('--move', 'also move files the recorder looks for in another folder')
    .option(
      '--remove-superseded',
      'also remove stale copies of a request the recorder finds in another file (or in the newest copy, renamed), even when they differ from it',
    )
    .option(...HASH_SCHEME)
    .option('--json', 'print JSON')
    .action(action(() => import('./commands/rehash.js'), ['paths'], 'paths'));

  program
    .command('normalize')
    .description("apply the recorder's response normalisation (ids, timestamps, durations) (dry run unless --write)")
    .argument(...PATHS)
    .option('--write', 'rewrite the files (otherwise only print what would change)')
    .option(...HASH_SCHEME)
    .option('--json', 'print JSON')
    .action(action(() => import('./commands/normalize.js'), ['paths'], 'paths'));

  program
    .command('redact')
    .description('replace every credential the secret rule finds with a placeholder (dry run unless --write)')
    .argument(...PATHS)
    .option('--write', 'rewrite (and, when the request hash changes, rename) the files')
    .option(...HASH_SCHEME)
    .option('--json', 'print JSON')
    .action(action(() => import('./commands/redact.js'), ['paths'], 'paths'));

  program
    .command('why')
    .description('explain a replay miss ("Recording not found"): where the recorder looked, and the fix')
    .argument('<input>', 'a request hash, the error message, a pytest log or a JUnit XML report (a file, or - for standard input)')
    .argument('[paths...]', 'where the recordings are (default: config paths, ./recordings, else .)')
    .option(...HASH_SCHEME)
    .option('--json', 'print JSON')
    .option('--no-cache', "compute every file's hash again instead of using the cache")
    .action(action(() => import('./commands/why.js'), ['input', 'paths'], 'paths'));

  program
    .command('hash')
    .description("the request hash the recorder computes: what a recording's file must be named")
    .argument('<input>', 'a recording, a request object ({method, url, body}), a bare body, or - for standard input')
    .option('--test-id <id>', 'the test id to hash with (default: the one in the input)')
    .option('--method <method>', 'the HTTP method (default: the one in the input, else POST)')
    .option('--url <url>', 'the request URL (its path is hashed)')
    .option('--all-schemes', 'print the hash under every scheme, E7 to E2, side by side')
    .option(...HASH_SCHEME)
    .option('--json', 'print JSON')
    .action(action(() => import('./commands/hash.js'), ['input']));

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
    const { createContext, resolvePathArguments, writeOutcome } = await import('./create-context.js');
    const context = await createContext(WORKER_SCRIPT);
    if (pathArgument) args[pathArgument] = await resolvePathArguments(args[pathArgument] as string[], context);
    const command = await load();
    const outcome = await command.run(args as never, options, context);
    await writeOutcome(outcome, context);
    process.exitCode = outcome.exitCode;
  };
}
