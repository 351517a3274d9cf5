import type { Command } from 'commander';

/**
 * Every command's options, declared once: the program gives them to commander (flags, help),
 * and each command reads its raw options through the same table (`readOptions`), so the
 * two cannot drift apart. The key is the option's name as commander stores it. No zod here:
 * the program loads this for --help and --version.
 */
export type OptionType = 'flag' | 'text' | 'list' | 'flag-or-text';

export interface OptionSpec<T extends OptionType = OptionType> {
  flags: string;
  description: string;
  type: T;
}

const flag = (flags: string, description: string): OptionSpec<'flag'> => ({ flags, description, type: 'flag' });
const text = (flags: string, description: string): OptionSpec<'text'> => ({ flags, description, type: 'text' });
/** Repeatable: one value per flag (commas allowed), so it never swallows the paths after it. */
const list = (flags: string, description: string): OptionSpec<'list'> => ({ flags, description, type: 'list' });
const flagOrText = (flags: string, description: string): OptionSpec<'flag-or-text'> => ({ flags, description, type: 'flag-or-text' });

// Options several commands share, declared once so that their help says the same.
const HASH_SCHEME = text('--hash-scheme <scheme>', "auto (the checkout's recorder, else by layout), or pin one: E7 E6 E5 E4 E3 E2 E1");
const NO_CACHE = flag('--no-cache', 'read every file again instead of using the index cache');
const JSON_OUTPUT = flag('--json', 'print JSON');

export const OPTIONS = {
  list: {
    test: text('--test <text>', 'only recordings whose test id contains <text>'),
    endpoint: text('--endpoint <text>', 'only recordings whose endpoint contains <text>'),
    model: text('--model <text>', 'only recordings whose model contains <text>'),
    kind: text('--kind <kinds>', 'only these kinds (comma-separated, e.g. chat-stream,embeddings)'),
    errors: flag('--errors', 'only files that cannot be read as recordings'),
    stale: flag('--stale', 'only files whose name the recorder would not look up (verify --rule hash)'),
    json: flag('--json', 'print a JSON array instead of a table'),
    cache: NO_CACHE,
  },
  show: {
    full: flag('--full', 'do not shorten long messages'),
    raw: flag('--raw', 'print the file pretty-printed'),
    json: flag('--json', 'print the reconstruction as JSON'),
    cache: NO_CACHE,
  },
  browse: { cache: NO_CACHE },
  verify: {
    format: text('--format <format>', 'human (default), json, github (workflow annotations) or junit'),
    json: flag('--json', 'same as --format json'),
    output: text('--output <file>', 'write the report to <file> (never coloured); the human report still goes to the console'),
    rule: list('--rule <rules>', 'run only these rules (comma-separated, or repeat the flag)'),
    skipRule: list('--skip-rule <rules>', 'do not run these rules (comma-separated, or repeat the flag)'),
    strict: flag('--strict', 'warnings fail the run too'),
    quiet: flag('--quiet', 'report errors only: warnings are neither shown nor counted'),
    maxWarnings: text('--max-warnings <n>', 'fail when there are more than n warnings (as eslint does)'),
    changed: flagOrText('--changed [ref]', 'check only recordings changed against a git ref (default HEAD, working tree included)'),
    hashScheme: HASH_SCHEME,
    cache: flag('--cache', 'reuse the results of files unchanged since the last --cache run'),
    cacheStrategy: text(
      '--cache-strategy <strategy>',
      'metadata (size, mtime, inode; the default) or content (a hash of each file: survives a fresh checkout)',
    ),
    suppressAll: flag(
      '--suppress-all',
      'write every finding of this run into the baseline (cassette-suppressions.json): later runs fail only beyond it',
    ),
    suppressRule: list(
      '--suppress-rule <rules>',
      'write the findings of these rules or finding codes into the baseline (comma-separated, or repeat)',
    ),
    pruneSuppressions: flag('--prune-suppressions', 'drop baseline entries that no longer occur, and lower counts to what is found'),
    suppressionsLocation: text(
      '--suppressions-location <file>',
      'the baseline file (default: cassette-suppressions.json in the current folder)',
    ),
  },
  prune: {
    root: text('--root <dir>', 'the folder holding tests/ (default: found from the recordings)'),
    collected: list(
      '--collected <file>',
      'test ids of a real collection: pytest --collect-only -q output, a list of node ids, or a pytest-json-report file (repeat to union)',
    ),
    collect: text('--collect <command>', 'run a command that prints node ids (e.g. "pytest --collect-only -q tests/integration")'),
    collectTimeout: text('--collect-timeout <seconds>', 'stop --collect (and everything it started) after this long (default 600)'),
    delete: flag('--delete', 'remove the orphans (otherwise only print them)'),
    maxDelete: text('--max-delete <n>', 'refuse to delete more than n files, or n% (default 25% of the recordings considered)'),
    force: flag('--force', 'delete even when the evidence looks partial, and say what was overridden'),
    json: JSON_OUTPUT,
    cache: NO_CACHE,
  },
  diff: {
    stat: flag('--stat', 'print the summary only'),
    json: JSON_OUTPUT,
    exitCode: flag('--exit-code', 'exit 1 when anything other than noise changed, like git diff --exit-code'),
  },
  rehash: {
    write: flag('--write', 'rename and rewrite the files (otherwise only print what would change)'),
    move: flag('--move', 'also move files the recorder looks for in another folder'),
    removeSuperseded: flag(
      '--remove-superseded',
      'also remove stale copies of a request the recorder finds in another file (or in the newest copy, renamed), even when they differ from it',
    ),
    hashScheme: HASH_SCHEME,
    json: JSON_OUTPUT,
  },
  normalize: {
    write: flag('--write', 'rewrite the files (otherwise only print what would change)'),
    hashScheme: HASH_SCHEME,
    json: JSON_OUTPUT,
  },
  redact: {
    write: flag('--write', 'rewrite (and, when the request hash changes, rename) the files'),
    hashScheme: HASH_SCHEME,
    json: JSON_OUTPUT,
  },
  why: {
    hashScheme: HASH_SCHEME,
    json: JSON_OUTPUT,
    cache: flag('--no-cache', "compute every file's hash again instead of using the cache"),
  },
  hash: {
    testId: text('--test-id <id>', 'the test id to hash with (default: the one in the input)'),
    method: text('--method <method>', 'the HTTP method (default: the one in the input, else POST)'),
    url: text('--url <url>', 'the request URL (its path is hashed)'),
    allSchemes: flag('--all-schemes', 'print the hash under every scheme, E7 to E2, side by side'),
    hashScheme: HASH_SCHEME,
    json: JSON_OUTPUT,
  },
} as const satisfies Record<string, Record<string, OptionSpec>>;

export type CommandName = keyof typeof OPTIONS;

type ValueOf<S> =
  S extends OptionSpec<'flag'>
    ? boolean
    : S extends OptionSpec<'list'>
      ? string[]
      : S extends OptionSpec<'text'>
        ? string
        : boolean | string;

/** A command's options as its run() reads them: each optional, typed by its declaration. */
export type OptionsOf<N extends CommandName> = { [K in keyof (typeof OPTIONS)[N]]?: ValueOf<(typeof OPTIONS)[N][K]> };

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Declares a command's options on commander, in table order (the order --help lists them in). */
export function declareOptions(command: Command, name: CommandName): Command {
  for (const spec of Object.values(OPTIONS[name]) as OptionSpec[]) {
    if (spec.type === 'list') command.option(spec.flags, spec.description, collect);
    else command.option(spec.flags, spec.description);
  }
  return command;
}
