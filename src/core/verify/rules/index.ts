import type { FileRule, TreeRule } from '../types.js';
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

/** Rules that look at one file at a time, in the order their findings are listed. */
export const FILE_RULES: readonly FileRule[] = [
  parseRule,
  schemaRule,
  unknownTypeRule,
  hashRule,
  locationRule,
  streamRule,
  secretRule,
  normalizationRule,
];

/** Rules that compare files with each other; they see a few facts per file, not the files. */
export const TREE_RULES: readonly TreeRule[] = [duplicateRule, indexRule];
