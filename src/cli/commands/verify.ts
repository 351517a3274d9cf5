import { writeFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { listChangedFiles } from '../../core/sources/git.js';
import { HASH_SCHEMES } from '../../core/hash/request-hash.js';
import { DEFAULT_SEVERITY } from '../../core/verify/messages.js';
import { runVerify } from '../../core/verify/run-verify.js';
import { RULE_NAMES, type HashSchemeOption, type RuleName, type RuleSetting } from '../../core/verify/types.js';
import { UserError } from '../errors.js';
import { failOnMissing, pathsToRead } from '../load-index.js';
import { createProgress } from '../progress.js';
import { readProjectConfig } from '../project-config.js';
import { REPORTERS, REPORT_FORMATS, type ReportFormat } from '../reporters/verify/index.js';
import { createTerminal } from '../terminal.js';

const VerifyOptions = z.object({
  json: z.optional(z.boolean()),
  format: z.optional(z.string()),
  output: z.optional(z.string()),
  rule: z.optional(z.array(z.string())),
  skipRule: z.optional(z.array(z.string())),
  strict: z.optional(z.boolean()),
  changed: z.optional(z.union([z.boolean(), z.string()])),
  hashScheme: z.optional(z.string()),
});

export function runVerifyCommand(paths: string[], rawOptions: unknown): void {
  const options = VerifyOptions.parse(rawOptions);
  const cwd = process.cwd();
  const config = readProjectConfig(cwd);
  const format = parseFormat(options);
  const terminal = createTerminal();

  const rules: Record<RuleName, RuleSetting> = { ...DEFAULT_SEVERITY, ...config.rules };
  const only = parseRules(options.rule, '--rule');
  const skip = parseRules(options.skipRule, '--skip-rule');
  for (const rule of RULE_NAMES) if ((only.length > 0 && !only.includes(rule)) || skip.includes(rule)) rules[rule] = 'off';

  let onlyPaths: Set<string> | undefined;
  if (options.changed !== undefined) {
    const ref = options.changed === true ? 'HEAD' : String(options.changed);
    const changed = listChangedFiles(ref, cwd);
    if (!changed.ok) throw new UserError(`--changed: ${changed.reason}`, 'run inside a git work tree and give a commit, branch or tag');
    onlyPaths = changed.paths;
  }

  const progress = createProgress(terminal, 'verifying');
  const result = runVerify({
    paths: pathsToRead(paths, cwd),
    cwd,
    hashScheme: parseHashScheme(options.hashScheme ?? config.hashScheme ?? 'auto'),
    rules,
    secretPatterns: (config.secretPatterns ?? []).map((source) => new RegExp(source)),
    onlyPaths,
    onProgress: progress.update,
  });
  progress.stop();
  failOnMissing(result.missing);

  const report = REPORTERS[format](result, { terminal, strict: options.strict === true });
  if (options.output) {
    try {
      writeFileSync(options.output, report);
    } catch (error) {
      throw new UserError(`cannot write ${options.output}: ${(error as Error).message}`);
    }
  } else terminal.write(report);
  process.exitCode = result.errors > 0 || (options.strict && result.warnings > 0) ? 1 : 0;
}

function parseFormat(options: z.infer<typeof VerifyOptions>): ReportFormat {
  const format = options.json ? 'json' : (options.format ?? 'human');
  if (!(REPORT_FORMATS as readonly string[]).includes(format))
    throw new UserError(`unknown format '${format}'`, `formats are: ${REPORT_FORMATS.join(', ')}`);
  if (options.json && options.format && options.format !== 'json') throw new UserError('--json and --format cannot be combined');
  return format as ReportFormat;
}

function parseRules(values: string[] | undefined, flag: string): RuleName[] {
  const names = (values ?? [])
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(RULE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new UserError(`${flag}: unknown rule ${unknown.join(', ')}`, `rules are: ${RULE_NAMES.join(', ')}`);
  return names as RuleName[];
}

function parseHashScheme(value: string): HashSchemeOption {
  const upper = value === 'auto' ? value : value.toUpperCase();
  if (upper === 'E1') return 'E2'; // E1 and E2 hash alike; only the index.sqlite differs
  if (upper === 'auto' || (HASH_SCHEMES as readonly string[]).includes(upper)) return upper as HashSchemeOption;
  throw new UserError(`--hash-scheme: unknown scheme '${value}'`, `schemes are: auto, ${HASH_SCHEMES.join(', ')}, E1`);
}
