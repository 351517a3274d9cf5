import { basename } from 'node:path';
import { bitsOf, pathFolderBits } from '../../core/sources/folders.js';
import type { CassetteFormat, ContainerFormat } from './container.js';
import { goVcr } from './go-vcr/index.js';
import { ogx } from './ogx/index.js';
import { pollyHar } from './polly-har/index.js';
import { rubyVcr } from './ruby-vcr/index.js';
import { vcrpy } from './vcrpy/index.js';

/**
 * Every container format cassette reads, one line each. Order matters where file names are
 * shared (`.yml` below `cassettes/`): the first whose `recognise` accepts the parsed file owns
 * it, then a `fallback` says why it has no interactions.
 */
export const CONTAINERS: readonly ContainerFormat[] = [ogx, rubyVcr, goVcr, vcrpy, pollyHar];

const BY_NAME = new Map(CONTAINERS.map((format) => [format.name, format]));

/**
 * The formats a file can be, in registry order: of its name, and of those the ones whose
 * folders are on its path (a `.yaml` below `testdata/` is go-vcr's, never vcrpy's), or all
 * of its name when none is (a file given by its path).
 */
export function formatsForName(path: string): ContainerFormat[] {
  const named = formatsOfName(basename(path));
  if (named.length < 2) return named;
  const folders = pathFolderBits(path, false);
  const placed = named.filter((format) => format.folders === 'any' || (bitsOf(format.folders) & folders) !== 0);
  return placed.length > 0 ? placed : named;
}

/** Can a file of this name be a recording of any format? */
export function isRecordingName(path: string): boolean {
  return formatsOfName(basename(path)).length > 0;
}

// By the name's last two suffixes (`.yaml.gz`, `.json`), which is all a format's file name
// looks at: asked for every file of every run, the registry's patterns run once per suffix.
const bySuffix = new Map<string, ContainerFormat[]>();

function formatsOfName(name: string): ContainerFormat[] {
  const last = name.lastIndexOf('.');
  const before = last > 0 ? name.lastIndexOf('.', last - 1) : -1;
  const suffix = before > 0 ? name.slice(before) : last > 0 ? name.slice(last) : '';
  let formats = bySuffix.get(suffix);
  if (!formats) bySuffix.set(suffix, (formats = CONTAINERS.filter((format) => format.fileName.test(`x${suffix}`))));
  return formats;
}

/** Is a file of this name read as one call (ogx), never as a cassette? */
export function isSingleCallName(path: string): boolean {
  const formats = formatsForName(path);
  return formats.length > 0 && formats.every((format) => format.holds === 'one');
}

/** May a repair rewrite a file of this name? Only when every format it can be allows it (cassettes are never rewritten). */
export function allowsRepair(path: string, repair: 'rehash' | 'normalize' | 'redact'): boolean {
  const formats = formatsForName(path);
  return formats.length > 0 && formats.every((format) => format.repairs.includes(repair));
}

export function containerNamed(name: string): ContainerFormat | undefined {
  return BY_NAME.get(name);
}

export function cassetteFormats(): CassetteFormat[] {
  return CONTAINERS.filter((format): format is CassetteFormat => format.holds === 'many');
}
