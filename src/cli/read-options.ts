import * as z from 'zod/mini';
import { OPTIONS, type CommandName, type OptionSpec, type OptionType, type OptionsOf } from './options.js';

const SCHEMAS: Record<OptionType, z.ZodMiniType> = {
  flag: z.boolean(),
  text: z.string(),
  list: z.array(z.string()),
  'flag-or-text': z.union([z.boolean(), z.string()]),
};

/** A command's raw options (commander's, or a test's) checked against its declaration. */
export function readOptions<N extends CommandName>(name: N, raw: unknown): OptionsOf<N> {
  const shape = Object.fromEntries(
    Object.entries(OPTIONS[name] as Record<string, OptionSpec>).map(([key, spec]) => [key, z.optional(SCHEMAS[spec.type])]),
  );
  return z.object(shape).parse(raw) as OptionsOf<N>;
}
