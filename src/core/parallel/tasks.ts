import { openRecordings } from '../load/open-recording.js';
import { createDiskSource } from '../sources/disk.js';
import type { RecordingSource, SourceFile } from '../sources/source.js';
import type { Entry } from '../types.js';
import { checkFile, type FileCheckOptions, type VerifiedFile } from '../verify/run-verify.js';

/** The main thread's source as a worker recreates it: the disk, named by the project's cassette rules. */
type SourceInput = { cassetteNames?: RecordingSource['cassetteNames'] };

/** The work a worker can do on one file of the disk, by name: what it is given, and (TaskOutput) what it sends back. */
export interface TaskInput {
  verify: FileCheckOptions & { cwd: string } & SourceInput;
  index: SourceInput;
}

export interface TaskOutput {
  verify: VerifiedFile;
  index: Entry[];
}

export type TaskName = keyof TaskInput;

export const TASKS: { [N in TaskName]: (input: TaskInput[N]) => (file: SourceFile) => TaskOutput[N] } = {
  verify: (input) => {
    const source = diskOf(input, input.cwd);
    return (file) => checkFile(source, file, input);
  },
  index: (input) => {
    const source = diskOf(input, '/');
    return (file) => openRecordings(source, file).map((recording) => recording.entry);
  },
};

function diskOf(input: SourceInput, cwd: string): RecordingSource {
  const names = input.cassetteNames;
  return createDiskSource(names ? { cwd: names.root, cassetteNames: names.rules } : { cwd });
}
