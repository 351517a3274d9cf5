import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import isSafe from 'safe-regex2';
import * as z from 'zod/mini';
import { HASH_SCHEMES } from './hash/request-hash.js';
import { suggest } from './choices.js';
import { RULE_NAMES } from './verify/rules/index.js';

const CONFIG_FILE = 'cassette.config.json';

const ruleSetting = z.enum(['error', 'warning', 'off']);

/** `cassette.config.json`, or the "cassette" key of package.json. Every key is optional. */
const configSchema = z.strictObject({
  $schema: z.optional(z.string()),
  paths: z.optional(z.array(z.string())),
  ignore: z.optional(z.array(z.string())),
  rules: z.optional(z.partialRecord(z.enum(RULE_NAMES), ruleSetting)),
  hashScheme: z.optional(z.enum(['auto', ...HASH_SCHEMES, 'E1'])),
  secretPatterns: z.optional(
    z.array(
      z
        .string()
        .check(z.refine(isValidRegExp, 'not a valid regular expression'))
        .check(
          z.refine(isSafeRegExp, 'can backtrack catastrophically (nested or overlapping repetition): rewrite it without (a+)+ shapes'),
        ),
    ),
  ),
  noiseFields: z.optional(z.array(z.string())),
});

export type Config = z.infer<typeof configSchema>;

export type ConfigResult = { ok: true; config: Config; source: string | null } | { ok: false; source: string; problems: string[] };

/** Finds and validates the config of the project in `cwd`. No config is an empty one. */
export function loadConfig(cwd: string): ConfigResult {
  const file = join(cwd, CONFIG_FILE);
  if (existsSync(file)) return validate(readJson(file), CONFIG_FILE);
  const pkgPath = join(cwd, 'package.json');
  if (existsSync(pkgPath)) {
    const pkg = readJson(pkgPath);
    if (pkg.ok && typeof pkg.value === 'object' && pkg.value !== null && 'cassette' in pkg.value) {
      return validate({ ok: true, value: (pkg.value as Record<string, unknown>).cassette }, 'package.json "cassette"');
    }
  }
  return { ok: true, config: {}, source: null };
}

function readJson(path: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(readFileSync(path, 'utf8')) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

function validate(read: ReturnType<typeof readJson>, source: string): ConfigResult {
  if (!read.ok) return { ok: false, source, problems: [`not valid JSON: ${read.reason}`] };
  const result = configSchema.safeParse(read.value);
  if (result.success) return { ok: true, config: result.data, source };
  return {
    ok: false,
    source,
    problems: result.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      return `${where}: ${describeConfigIssue(issue)}`;
    }),
  };
}

function describeConfigIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const inRules = issue.path.length === 1 && issue.path[0] === 'rules';
    const known = inRules ? RULE_NAMES : Object.keys(configSchema.shape).filter((key) => key !== '$schema');
    const named = issue.keys.map((key) => `${key}${suggest(key, known)}`).join(', ');
    return `unknown ${inRules ? 'rule' : 'key'}${issue.keys.length > 1 ? 's' : ''} ${named} (${inRules ? 'rules' : 'keys'} are: ${known.join(', ')})`;
  }
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}`;
  return issue.message;
}

/** safe-regex2 (star height > 1): a pattern that could hang CI on a hostile file is refused up front. */
function isSafeRegExp(source: string): boolean {
  return !isValidRegExp(source) || isSafe(source);
}

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
