import type { FileCache } from '../cache/file-cache.js';
import { isSingleCallName } from '../../formats/containers/index.js';
import type { SourceFile } from '../sources/source.js';
import type { TaskInput, TaskName, TaskOutput } from './tasks.js';

/** Threads a run may use for reading and checking files: the worker script and how many threads in all. */
export interface Parallelism {
  /** The bundled worker entry (dist/worker.js). Running from sources, as tests do, there is none and no Parallelism. */
  script: string;
  /** Threads in all, this one included: os.availableParallelism() unless CASSETTE_JOBS says otherwise. */
  threads: number;
  /** Less work than this (in ogx files, see workOf) is done on this thread alone (PARALLEL_FROM). */
  minWork: number;
}

/**
 * Below this many files (to read, after the cache) workers cost more than they save here.
 * On the 2-core machines, two busy threads each run 1.3-1.5x slower than one alone (shared
 * memory bandwidth: two JSON.parse loops side by side, one takes 1.4x as long), a worker
 * takes about 50 ms to load the bundle and warms its JIT anew, and one thread already keeps
 * the second core a third busy with GC and compilation. Measured (CASSETTE_JOBS 1 vs 2,
 * medians of 9): 1,585 files verify 696 vs 753 ms; 3,170 files 1045 vs 1012 ms; 9,510 files
 * verify 2293 vs 2014 ms and list 976 vs 772 ms.
 */
export const PARALLEL_FROM = 4000;

/**
 * A cassette costs about five ogx files to read (YAML, decompression, SSE and event-stream
 * decoding). Measured with the fast PyYAML reader (CASSETTE_JOBS 1 vs 2, medians): 280
 * pydantic-ai cassettes 621 vs 684 ms, 1,400 cassettes 1,803 vs 1,561 ms: workers start at
 * about 800 cassettes.
 */
const CASSETTE_WORK = 5;

function workOf(files: readonly SourceFile[]): number {
  let work = 0;
  for (const file of files) work += isSingleCallName(file.absPath) ? 1 : CASSETTE_WORK;
  return work;
}

/** What workers are given: the shared counters, the files and the task's input. */
export interface WorkerData<N extends TaskName = TaskName> {
  task: N;
  input: TaskInput[N];
  files: readonly SourceFile[];
  /** [next file to claim, files done]: both threads claim files from one counter. */
  counters: SharedArrayBuffer;
}

/** What a worker posts back once the counter runs out: results by file position. */
export type WorkerResult<N extends TaskName = TaskName> = Array<[number, TaskOutput[N]]>;

/**
 * Computes `task` for every file, in this thread and in workers at once, and returns the
 * results in the files' order, so output never depends on timing. Files are claimed one at
 * a time from a shared counter, so a thread that started late or met big files simply
 * claims fewer; workers send back results (entries, findings), never parsed bodies. A
 * worker that fails leaves its files to this thread: the run is slower, never wrong.
 */
export async function shareWork<N extends TaskName>(
  task: N,
  input: TaskInput[N],
  files: readonly SourceFile[],
  computeHere: (file: SourceFile) => TaskOutput[N],
  parallelism: Parallelism | undefined,
  onProgress?: (done: number, total: number) => void,
): Promise<Array<TaskOutput[N]>> {
  const workers = parallelism && workOf(files) >= parallelism.minWork ? Math.max(0, parallelism.threads - 1) : 0;
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const results = new Array<TaskOutput[N] | undefined>(files.length);
  // Loaded only when used: node:worker_threads costs every small run ~1.5 ms of start-up.
  const { Worker } = workers > 0 ? await import('node:worker_threads') : { Worker: null };
  const pending = Array.from({ length: workers }, () =>
    startWorker(Worker!, parallelism!.script, { task, input, files, counters: counters.buffer as SharedArrayBuffer }),
  );
  let claimedHere = 0;
  for (let i = Atomics.add(counters, 0, 1); i < files.length; i = Atomics.add(counters, 0, 1)) {
    claimedHere++;
    results[i] = computeHere(files[i]!);
    onProgress?.(Atomics.add(counters, 1, 1) + 1, files.length);
  }
  // Workers that had not started by the time this thread was done have nothing to send: not waited for.
  if (claimedHere === files.length) for (const worker of pending) worker.stop();
  for (const posted of await Promise.all(pending.map((worker) => worker.result))) for (const [i, value] of posted) results[i] = value;
  // What a failed worker had claimed and not sent back.
  return results.map((value, i) => (value === undefined ? computeHere(files[i]!) : value));
}

/**
 * Every file's result in file order: from the cache when the file is unchanged, else computed
 * (with workers, see shareWork) and stored. `makeComputeHere` is called only when some file
 * must be computed, so a warm run loads nothing it would compute with.
 */
export async function shareUncached<N extends TaskName>(
  task: N,
  input: TaskInput[N],
  files: readonly SourceFile[],
  cache: FileCache<TaskOutput[N]> | undefined,
  makeComputeHere: () => Promise<(file: SourceFile) => TaskOutput[N]>,
  parallelism: Parallelism | undefined,
  onProgress?: (done: number, total: number) => void,
): Promise<Array<TaskOutput[N]>> {
  const cached = files.map((file) => cache?.lookup(file) ?? null);
  const toCompute = files.filter((_, i) => cached[i] === null);
  const cachedCount = files.length - toCompute.length;
  const computed =
    toCompute.length === 0
      ? []
      : await shareWork(task, input, toCompute, await makeComputeHere(), parallelism, (done) =>
          onProgress?.(cachedCount + done, files.length),
        );
  let next = 0;
  const results = files.map((file, i) => {
    const hit = cached[i];
    if (hit) return hit;
    const result = computed[next++]!;
    cache?.store(file, result);
    return result;
  });
  cache?.save();
  return results;
}

interface RunningWorker<N extends TaskName> {
  result: Promise<WorkerResult<N>>;
  stop(): void;
}

type WorkerClass = typeof import('node:worker_threads').Worker;

function startWorker<N extends TaskName>(Worker: WorkerClass, script: string, data: WorkerData<N>): RunningWorker<N> {
  let worker: InstanceType<WorkerClass> | undefined;
  const result = new Promise<WorkerResult<N>>((resolve) => {
    try {
      worker = new Worker(script, { workerData: data });
    } catch {
      resolve([]);
      return;
    }
    worker.once('message', (posted: WorkerResult<N>) => resolve(posted));
    worker.once('error', () => resolve([]));
    worker.once('exit', () => resolve([]));
  });
  return { result, stop: () => void worker?.terminate() };
}
