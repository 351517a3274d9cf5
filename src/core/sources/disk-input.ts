import { createDiskSource } from './disk.js';
import type { RecordingSource } from './source.js';

/** The main thread's source as a worker recreates it: the disk, named by the project's cassette rules. */
export type SourceInput = { cassetteNames?: RecordingSource['cassetteNames'] };

export function diskFromInput(input: SourceInput, cwd: string): RecordingSource {
  const names = input.cassetteNames;
  return createDiskSource(names ? { cwd: names.root, cassetteNames: names.rules } : { cwd });
}
