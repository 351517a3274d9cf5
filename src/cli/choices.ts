import { suggest } from '../core/choices.js';
import { UserError } from './errors.js';

/** One enumerated option value (a format, a scheme), with did-you-mean when it is none of the choices. */
export function parseChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice.toLowerCase() === value.toLowerCase());
  if (found !== undefined) return found;
  throw new UserError(`${flag}: unknown value '${value}'${suggest(value, choices)}`, `choose from: ${choices.join(', ')}`);
}

/** A list option given once or more, each value comma-separated (`--rule hash,stream --rule secret`). */
export function parseChoiceList<T extends string>(flag: string, values: readonly string[] | undefined, choices: readonly T[]): T[] {
  const names = (values ?? [])
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter(Boolean);
  return names.map((name) => parseChoice(flag, name, choices));
}
