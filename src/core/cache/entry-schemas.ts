import * as z from 'zod/mini';
import { RECORDING_KINDS } from '../types.js';

/**
 * What each cache keeps, checked on the way in: a cache file is a file like any other, which a
 * pull request or a crash can leave with fields of the wrong type. An entry that fails is a miss.
 */
const nullableString = z.nullable(z.string());

export const StoredEntrySchema = z.object({
  id: z.string(),
  interaction: z.number(),
  nameHash: nullableString,
  layout: z.enum(['legacy', 'per-area', 'other']),
  bytes: z.number(),
  testId: nullableString,
  endpoint: nullableString,
  model: nullableString,
  kind: z.enum(RECORDING_KINDS),
  streaming: z.nullable(z.boolean()),
  chunks: z.nullable(z.number()),
  responseId: nullableString,
  error: nullableString,
  format: z.enum(['ogx', 'vcr']),
  note: nullableString,
});

const FindingSchema = z.object({
  code: z.string().check(z.regex(/^[a-z-]+\/[a-z0-9-]+$/)),
  rule: z.string(),
  severity: z.enum(['error', 'warning']),
  path: z.string(),
  interaction: z.optional(z.number()),
  line: z.optional(z.number()),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const VerifiedFileSchema = z.object({
  findings: z.array(FindingSchema),
  facts: z.array(z.object({ entry: z.extend(StoredEntrySchema, { path: z.string(), absPath: z.string() }), computedHash: nullableString })),
});

export const KnownSchema = z.object({
  absPath: z.string(),
  path: z.string(),
  testId: nullableString,
  endpoint: nullableString,
  model: nullableString,
  hash: nullableString,
  scheme: nullableString,
  firstMessage: nullableString,
  tool: nullableString,
  toolArguments: z.unknown(),
});

/** A check for `openFileCache`: true when the value has the shape the cache's reader expects. */
export const shapeOf =
  (schema: z.ZodMiniType) =>
  (value: unknown): boolean =>
    schema.safeParse(value).success;
