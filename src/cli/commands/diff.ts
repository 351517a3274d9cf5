import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readOptions } from '../read-options.js';
import { collectFromGit, collectFromPaths, type Collected, type GitRange } from '../../core/diff/collect-sides.js';
import { DEFAULT_NOISE_FIELDS } from '../../core/diff/noise.js';
import { runDiff } from '../../core/diff/run-diff.js';
import { findRepoRoot, isRevision } from '../../core/sources/git.js';
import { exitCodeFor, type Context, type Outcome } from '../context.js';
import { UserError } from '../errors.js';
import { createProgress } from '../progress.js';
import { DIFF_REPORTERS } from '../reporters/diff.js';
import { reportAs } from '../reporters/registry.js';

const USAGE = 'cassette diff [<ref> | <A>..<B> | <A>...<B>] [--] [<path>...], or cassette diff <fileA> <fileB> | <dirA> <dirB>';

export function run(args: { inputs: string[] }, rawOptions: unknown, context: Context): Outcome {
  const options = readOptions('diff', rawOptions);
  const { terminal } = context;
  const collected = collect(args.inputs, context);
  if (!collected.ok) throw new UserError(collected.reason, USAGE);
  const progress = createProgress(terminal, 'comparing');
  const result = runDiff(collected.pairs, { noiseFields: context.config.noiseFields ?? DEFAULT_NOISE_FIELDS, onProgress: progress.update });
  progress.stop();
  return {
    ...reportAs(DIFF_REPORTERS, options.json ? 'json' : options.stat ? 'stat' : 'human', result, terminal),
    // Like git diff --exit-code: 1 when something other than noise changed.
    exitCode: options.exitCode ? exitCodeFor({ errors: result.summary.real }) : 0,
  };
}

/**
 * git's forms: nothing (the working tree against HEAD), `<ref>`, `A..B`, `A...B` (from
 * the merge base), each followed by pathspecs, with or without `--`; or two files or two
 * folders. Without a pathspec the config's paths apply.
 */
function collect(inputs: string[], context: Context): Collected {
  const { cwd } = context;
  const dash = inputs.indexOf('--');
  const revisions = dash >= 0 ? inputs.slice(0, dash) : inputs;
  const exists = (path: string) => existsSync(resolve(cwd, path));
  const root = findRepoRoot(cwd);
  const isRev = (ref: string) => root.ok && isRevision(root.value, ref);

  // Outside git, or two paths that exist and are no revision: files or folders.
  if (dash < 0 && inputs.length === 2 && (!root.ok || (inputs.every(exists) && !inputs[0]!.includes('..') && !isRev(inputs[0]!)))) {
    return collectFromPaths(inputs[0]!, inputs[1]!, cwd);
  }
  let first = revisions[0];
  let rest = dash >= 0 ? inputs.slice(dash + 1) : revisions.slice(1);
  // `git diff A B` compares two revisions, as A..B does.
  const [a, b] = revisions;
  const twoRevisions = a !== undefined && b !== undefined && !a.includes('..') && !b.includes('..') && isRev(a) && isRev(b) && !exists(b);
  if (twoRevisions) {
    first = `${a}..${b}`;
    rest = dash >= 0 ? inputs.slice(dash + 1) : revisions.slice(2);
  }
  if (dash >= 0 && revisions.length > (twoRevisions ? 2 : 1))
    return { ok: false, reason: `give one revision or range before --, not ${revisions.length}` };
  // No revision, only paths: the working tree against HEAD, there.
  if (first !== undefined && dash < 0 && !first.includes('..') && !isRev(first) && exists(first)) {
    rest = revisions;
    first = undefined;
  }
  const range = parseRange(first ?? 'HEAD');
  if (!range.ok) return range;
  const configured = context.config.paths ?? [];
  return collectFromGit({ ...range.value, pathspecs: rest.length > 0 ? rest : configured }, cwd);
}

function parseRange(text: string): { ok: true; value: Omit<GitRange, 'pathspecs'> } | { ok: false; reason: string } {
  const malformed = { ok: false as const, reason: `malformed revision range '${text}': use <ref>, <A>..<B> or <A>...<B>` };
  if (/\.{4,}/.test(text)) return malformed;
  const threeDots = text.split('...');
  if (threeDots.length > 2) return malformed;
  if (threeDots.length === 2) {
    const [a, b] = threeDots as [string, string];
    if (a.includes('..') || b.includes('..')) return malformed;
    return { ok: true, value: { from: a || 'HEAD', to: b || 'HEAD', mergeBase: true } };
  }
  const twoDots = text.split('..');
  if (twoDots.length > 2) return malformed;
  if (twoDots.length === 2) return { ok: true, value: { from: twoDots[0] || 'HEAD', to: twoDots[1] || 'HEAD', mergeBase: false } };
  return { ok: true, value: { from: text, to: null, mergeBase: false } };
}
