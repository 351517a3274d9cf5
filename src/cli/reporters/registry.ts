import type { Outcome } from '../context.js';
import type { Terminal } from '../terminal.js';

/**
 * A command's reporters, by output format: data in, text out, as verify's registry
 * (reporters/verify/index.ts) is. Each reporter file exports its command's table.
 */
export type Reporters<D, F extends string = 'human' | 'json'> = Record<F, (data: D, terminal: Terminal) => string>;

/** Renders `data` in `format` through a command's table: the outcome's text and kind (JSON is masked and escaped as JSON). */
export function reportAs<D, F extends string>(
  reporters: Reporters<D, F>,
  format: F,
  data: D,
  terminal: Terminal,
): Pick<Outcome, 'output' | 'kind'> {
  return { output: reporters[format](data, terminal), kind: format === 'json' ? 'json' : 'human' };
}
