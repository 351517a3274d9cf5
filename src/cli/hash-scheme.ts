import { resolve } from 'node:path';
import { detectRecorderScheme } from '../core/hash/detect-scheme.js';
import { HASH_SCHEMES } from '../core/hash/schemes.js';
import { displayPath } from '../core/sources/display-path.js';
import type { HashSchemeOption } from '../core/hash/schemes.js';
import { parseChoice } from './choices.js';
import type { Context } from './context.js';

const SCHEME_CHOICES = ['auto', ...HASH_SCHEMES, 'E1'] as const;

export interface SchemeChoice {
  option: HashSchemeOption;
  /** Which scheme and why, for the report: `E6, from src/llama_stack/testing/api_recorder.py`. */
  description: string;
}

/**
 * The scheme recordings are judged by: pinned by --hash-scheme or the config, else the one
 * the checkout's own recorder implements (read from its source above the paths), else by
 * layout (E2 for the 2025 responses/ tree, E7 elsewhere).
 */
export function chooseHashScheme(flag: string | undefined, context: Context, paths: readonly string[]): SchemeChoice {
  const value = parseChoice('--hash-scheme', flag ?? context.config.hashScheme ?? 'auto', SCHEME_CHOICES);
  if (value !== 'auto') {
    const pinned = value === 'E1' ? 'E2' : value; // E1 and E2 hash alike; only the index.sqlite differs
    return { option: pinned, description: `${value}, as ${flag ? '--hash-scheme' : 'the config'} says` };
  }
  const detected = detectRecorderScheme([...paths.map((path) => resolve(context.cwd, path)), context.cwd]);
  if (detected) return { option: detected.scheme, description: `${detected.era}, from ${displayPath(detected.source, context.cwd)}` };
  return { option: 'auto', description: 'by layout (no recorder source found): E2 for recordings/responses/, E7 elsewhere' };
}
