import { diskFromInput, type SourceInput } from '../sources/disk-input.js';
import type { SourceFile } from '../sources/source.js';
import type { Entry } from '../types.js';
import { openRecordings } from './open-recording.js';

/** list's work on one file, as a worker does it: the file's entries. */
export function indexTask(input: SourceInput): (file: SourceFile) => Entry[] {
  const source = diskFromInput(input, '/');
  return (file) => openRecordings(source, file).map((recording) => recording.entry);
}
