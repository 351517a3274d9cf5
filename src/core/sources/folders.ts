import type { FolderKind } from '../../formats/containers/container.js';

// pytest-recording's folder, `<folder of the test module>/cassettes/<module>/<test>.yaml`, and
// the `cassette_library_dir`s named after it (`fixtures/vcr_cassettes` in vcrpy's and Ruby VCR's docs).
const CASSETTES_DIR = /^(?:.+[_-])?cassettes$/;

const BITS: Record<FolderKind, number> = { recordings: 1, cassettes: 2, testdata: 4 };

/** `cassettes`, or a name ending in `_cassettes` or `-cassettes` (`vcr_cassettes`). */
export function isCassettesDir(name: string): boolean {
  return CASSETTES_DIR.test(name);
}

/** The folder kinds a folder name marks, as bits: what lies below it may be recordings of the formats that live there. */
export function folderBits(name: string): number {
  if (name === 'recordings') return BITS.recordings;
  if (name === 'testdata') return BITS.testdata;
  return CASSETTES_DIR.test(name) ? BITS.cassettes : 0;
}

/** The folder kinds on a path (its folders, or every segment with `includeLast`). */
export function pathFolderBits(path: string, includeLast: boolean): number {
  const parts = path.split(/[\\/]/);
  if (!includeLast) parts.pop();
  let bits = 0;
  for (const part of parts) bits |= folderBits(part);
  return bits;
}

export function bitsOf(kinds: readonly FolderKind[]): number {
  return kinds.reduce((bits, kind) => bits | BITS[kind], 0);
}
