import { openRecordings } from '../load/open-recording.js';
import { createDiskSource } from '../sources/disk.js';
import type { SourceFile } from '../sources/source.js';
import type { Entry } from '../types.js';
import { checkFile, type FileCheckOptions, type VerifiedFile } from '../verify/run-verify.js';

/** The work a worker can do on one file of the disk, by name, and what it sends back. */
export interface TaskInput {
  verify: FileCheckOptions & { cwd: string };
  index: Record<string, never>;
}

export interface TaskOutput {
  verify: VerifiedFile;
  index: Entry[];
}

export type TaskName = keyof TaskInput;

export const TASKS: { [N in TaskName]: (input: TaskInput[N]) => (file: SourceFile) => TaskOutput[N] } = {
  verify: (input) => {
    const source = createDiskSource({ cwd: input.cwd });
    return (file) => checkFile(source, file, input);
  },
  index: () => {
    const source = createDiskSource({ cwd: '/' });
    return (file) => openRecordings(source, file).map((recording) => recording.entry);
  },
};
