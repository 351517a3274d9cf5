import type { RecordingSource } from '../sources/source.js';
import { diskFromInput, type SourceInput } from '../sources/disk-input.js';
import { checkFile, type FileCheckOptions, type VerifiedFile } from './run-verify.js';
import type { SourceFile } from '../sources/source.js';

export type VerifyTaskInput = FileCheckOptions & { cwd: string } & SourceInput;

/** verify's work on one file, as a worker does it: the per-file rules and the facts the tree rules keep. */
export function verifyTask(input: VerifyTaskInput): (file: SourceFile) => VerifiedFile {
  const source: RecordingSource = diskFromInput(input, input.cwd);
  return (file) => checkFile(source, file, input);
}
