import type { HashSchemeOption } from './schemes.js';
import type { Recording } from '../load/open-recording.js';
import type { HashScheme } from './schemes.js';

/**
 * The scheme a file is judged by. `auto` follows the layout: the 2025 responses/ tree is
 * E2, everything else the current E7. A pinned scheme applies to every file.
 */
export function schemeFor(recording: Recording, option: HashSchemeOption): HashScheme {
  if (option !== 'auto') return option;
  return recording.entry.layout === 'legacy' ? 'E2' : 'E7';
}

/** The file name the recorder looks up for a hash under a scheme. */
export function expectedFileName(recording: Recording, scheme: HashScheme, hash: string): string {
  const name = scheme === 'E2' ? hash.slice(0, 12) : hash;
  return recording.entry.kind === 'model-list' ? `models-${name}-<digest>.json` : `${name}.json`;
}
