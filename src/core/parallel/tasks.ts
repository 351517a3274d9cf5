import type { indexTask } from '../load/index-task.js';
import type { verifyTask } from '../verify/verify-task.js';

/**
 * The work a worker thread can be given, by name, each loaded from the module that owns it
 * when a worker asks: the commands that share work import only these names and types, so no
 * import runs from the runner back to the commands that use it.
 */
export const TASKS = {
  verify: async () => (await import('../verify/verify-task.js')).verifyTask,
  index: async () => (await import('../load/index-task.js')).indexTask,
};

export type TaskName = keyof typeof TASKS;

type TaskOf<N extends TaskName> = N extends 'verify' ? typeof verifyTask : typeof indexTask;

/** What a task is given, and (TaskOutput) what it sends back for one file. */
export type TaskInput = { [N in TaskName]: Parameters<TaskOf<N>>[0] };
export type TaskOutput = { [N in TaskName]: ReturnType<ReturnType<TaskOf<N>>> };
