import * as z from 'zod/mini';
import { collectFromGit, collectFromPaths, type Collected } from '../../core/diff/collect-sides.js';
import { DEFAULT_NOISE_FIELDS } from '../../core/diff/noise.js';
import { runDiff } from '../../core/diff/run-diff.js';
import { exitCodeFor, type Context, type Outcome } from '../context.js';
import { UserError } from '../errors.js';
import { createProgress } from '../progress.js';
import { renderDiffHuman, renderDiffJson, renderDiffStat } from '../reporters/diff.js';

const DiffOptions = z.object({
  stat: z.optional(z.boolean()),
  json: z.optional(z.boolean()),
  exitCode: z.optional(z.boolean()),
});

export function run(args: { inputs: string[] }, rawOptions: unknown, context: Context): Outcome {
  const options = DiffOptions.parse(rawOptions);
  const { terminal } = context;
  const collected = collect(args.inputs, context.cwd);
  if (!collected.ok) throw new UserError(collected.reason, 'cassette diff [<ref> | <refA>..<refB> | <fileA> <fileB> | <dirA> <dirB>]');
  const progress = createProgress(terminal, 'comparing');
  const result = runDiff(collected.pairs, { noiseFields: context.config.noiseFields ?? DEFAULT_NOISE_FIELDS, onProgress: progress.update });
  progress.stop();
  return {
    output: options.json ? renderDiffJson(result) : options.stat ? renderDiffStat(result, terminal) : renderDiffHuman(result, terminal),
    // Like git diff --exit-code: 1 when something other than noise changed.
    exitCode: options.exitCode ? exitCodeFor({ errors: result.summary.real }) : 0,
    kind: options.json ? 'json' : 'human',
  };
}

function collect(args: string[], cwd: string): Collected {
  if (args.length === 0) return collectFromGit('HEAD', null, cwd);
  if (args.length === 1) {
    const [from, to] = args[0]!.split('..');
    if (args[0]!.includes('..')) return collectFromGit(from || 'HEAD', to || 'HEAD', cwd);
    return collectFromGit(args[0]!, null, cwd);
  }
  if (args.length === 2) return collectFromPaths(args[0]!, args[1]!, cwd);
  return { ok: false, reason: 'give at most two arguments' };
}
