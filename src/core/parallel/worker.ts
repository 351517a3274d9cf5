// The worker thread's entry (dist/worker.js): claims files from the shared counter until
// none are left, then posts its results by position in one message.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerData, WorkerResult } from './share-work.js';
import { TASKS } from './tasks.js';

const { task, input, files, counters: buffer } = workerData as WorkerData;
const counters = new Int32Array(buffer);
const create = (await TASKS[task]()) as (input: never) => (file: (typeof files)[number]) => unknown;
const compute = create(input as never);
const results: WorkerResult = [];
for (let i = Atomics.add(counters, 0, 1); i < files.length; i = Atomics.add(counters, 0, 1)) {
  results.push([i, compute(files[i]!) as never]);
  Atomics.add(counters, 1, 1);
}
parentPort?.postMessage(results);
