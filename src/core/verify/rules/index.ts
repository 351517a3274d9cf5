import { duplicateRule } from './duplicate.js';
import { hashRule } from './hash.js';
import { indexRule } from './legacy-index.js';
import { locationRule } from './location.js';
import { normalizationRule } from './normalization.js';
import { parseRule } from './parse.js';
import { schemaRule } from './schema.js';
import { secretRule } from './secret.js';
import { streamRule } from './stream.js';
import { unknownTypeRule } from './unknown-type.js';

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
