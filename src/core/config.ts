import { join } from 'node:path';
import * as z from 'zod/mini';
import { suggest } from './choices.js';
import { HASH_SCHEMES } from './hash/schemes.js';
import type { RuleSetting } from './verify/define-rule.js';
import { readSmallFile } from './read-small-file.js';
import type { RuleName } from './verify/rule-list.js';

const CONFIG_FILE = 'cassette.config.json';
// A config (or the pyproject.toml or package.json holding one) is a few KB; a pull request
// can replace it with a link to /dev/zero, which must not be read.
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

const ruleSetting = z.enum(['error', 'warning', 'off']);

/**
 * `cassette.config.json`, the `[tool.cassette]` table of `pyproject.toml` (where Python
 * projects keep their tools' settings), or the "cassette" key of package.json. Every key is optional.
 */
const configSchema = z.strictObject({
  $schema: z.optional(z.string()),
  paths: z.optional(z.array(z.string())),
  ignore: z.optional(z.array(z.string())),
  // Rule names are checked after the schema, against the rule definitions, loaded only when a config names rules.
  rules: z.optional(z.record(z.string(), ruleSetting)),
  hashScheme: z.optional(z.enum(['auto', ...HASH_SCHEMES, 'E1'])),
  secretPatterns: z.optional(z.array(z.string().check(z.refine(isValidRegExp, 'not a valid regular expression')))),
  noiseFields: z.optional(z.array(z.string())),
  cassetteNames: z.optional(z.array(z.strictObject({ path: z.string(), testId: z.string() }))),
});

export type Config = Omit<z.infer<typeof configSchema>, 'rules'> & { rules?: Partial<Record<RuleName, RuleSetting>> };

export type ConfigResult = { ok: true; config: Config; source: string | null } | { ok: false; source: string; problems: string[] };

/** Finds and validates the config of the project in `cwd`, first found of the three. No config is an empty one. */
export async function loadConfig(cwd: string): Promise<ConfigResult> {
  const json = readConfigFile(join(cwd, CONFIG_FILE));
  if (json !== null) return validate(json.ok ? parseJson(json.text) : json, CONFIG_FILE);
  const pyproject = readConfigFile(join(cwd, 'pyproject.toml'));
  if (pyproject !== null) {
    if (!pyproject.ok) return validate(pyproject, 'pyproject.toml');
    const table = await readToolTable(pyproject.text);
    if (!table.ok) return validate(table, 'pyproject.toml');
    if (table.value !== undefined) return validate({ ok: true, value: table.value }, 'pyproject.toml [tool.cassette]');
  }
  const pkg = readConfigFile(join(cwd, 'package.json'));
  if (pkg?.ok) {
    const parsed = parseJson(pkg.text);
    if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && 'cassette' in parsed.value) {
      return validate({ ok: true, value: (parsed.value as Record<string, unknown>).cassette }, 'package.json "cassette"');
    }
  }
  return { ok: true, config: {}, source: null };
}

type Read = { ok: true; value: unknown } | { ok: false; reason: string };

/** The file's text; null when there is none; a reason when it cannot be read as a config. */
function readConfigFile(path: string): { ok: true; text: string } | { ok: false; reason: string } | null {
  const read = readSmallFile(path, MAX_CONFIG_BYTES);
  if (read.ok) return read;
  return read.missing ? null : { ok: false, reason: `cannot be read: ${read.reason}` };
}

function parseJson(text: string): Read {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${(error as Error).message}` };
  }
}

/** `[tool.cassette]`, or undefined when pyproject.toml has none. smol-toml is loaded only for a project that has the file. */
async function readToolTable(text: string): Promise<Read> {
  const { parse } = await import('smol-toml');
  let document: Record<string, unknown>;
  try {
    document = parse(text) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, reason: `not valid TOML: ${(error as Error).message.split('\n')[0]}` };
  }
  const tool = document.tool;
  return { ok: true, value: typeof tool === 'object' && tool !== null ? (tool as Record<string, unknown>).cassette : undefined };
}

async function validate(read: Read, source: string): Promise<ConfigResult> {
  if (!read.ok) return { ok: false, source, problems: [read.reason] };
  const result = configSchema.safeParse(read.value);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${describeConfigIssue(issue)}`);
  const raw = (typeof read.value === 'object' && read.value !== null ? read.value : {}) as Record<string, unknown>;
  const rules = typeof raw.rules === 'object' && raw.rules !== null ? Object.keys(raw.rules) : [];
  const patterns = Array.isArray(raw.secretPatterns) ? raw.secretPatterns.filter((item): item is string => typeof item === 'string') : [];
  if (rules.length > 0) problems.push(...(await checkRuleNames(rules)));
  if (patterns.length > 0) problems.push(...(await checkPatternSafety(patterns)));
  return problems.length === 0 && result.success ? { ok: true, config: result.data as Config, source } : { ok: false, source, problems };
}

/** Every rule named in `rules` is one cassette defines. */
async function checkRuleNames(names: readonly string[]): Promise<string[]> {
  const { RULE_NAMES } = await import('./verify/rule-list.js');
  const unknown = names.filter((name) => !(RULE_NAMES as readonly string[]).includes(name));
  if (unknown.length === 0) return [];
  const named = unknown.map((name) => `${name}${suggest(name, RULE_NAMES)}`).join(', ');
  return [`rules: unknown rule${unknown.length > 1 ? 's' : ''} ${named} (rules are: ${RULE_NAMES.join(', ')})`];
}

/**
 * A secret pattern runs on every string of every recording, in CI, on strangers' files: one
 * that can backtrack catastrophically (star height above 1, by safe-regex2) is refused.
 */
async function checkPatternSafety(patterns: readonly string[]): Promise<string[]> {
  const { default: isSafe } = await import('safe-regex2');
  return patterns.flatMap((pattern, i) =>
    !isValidRegExp(pattern) || isSafe(pattern)
      ? []
      : [`secretPatterns.${i}: can backtrack catastrophically (nested or overlapping repetition): rewrite it without (a+)+ shapes`],
  );
}

function describeConfigIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(configSchema.shape).filter((key) => key !== '$schema');
    const named = issue.keys.map((key) => `${key}${suggest(key, known)}`).join(', ');
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${named} (keys are: ${known.join(', ')})`;
  }
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}`;
  return issue.message;
}

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
