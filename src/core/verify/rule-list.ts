import { duplicateRule } from './rules/duplicate.js';
import { hashRule } from './rules/hash.js';
import { indexRule } from './rules/index.js';
import { locationRule } from './rules/location.js';
import { normalizationRule } from './rules/normalization.js';
import { parseRule } from './rules/parse.js';
import { schemaRule } from './rules/schema.js';
import { secretRule } from './rules/secret.js';
import { streamRule } from './rules/stream.js';
import { unknownTypeRule } from './rules/unknown-type.js';

/** Every rule, in the order their findings are listed. Everything else about rules derives from this list. */
export const RULES = [
  parseRule,
  schemaRule,
  unknownTypeRule,
  hashRule,
  locationRule,
  streamRule,
  secretRule,
  duplicateRule,
  normalizationRule,
  indexRule,
] as const;

export type RuleName = (typeof RULES)[number]['name'];

export const RULE_NAMES = RULES.map((rule) => rule.name) as RuleName[];

export function defaultSeverities(): Record<RuleName, 'error' | 'warning'> {
  return Object.fromEntries(RULES.map((rule) => [rule.name, rule.defaultSeverity])) as Record<RuleName, 'error' | 'warning'>;
}
