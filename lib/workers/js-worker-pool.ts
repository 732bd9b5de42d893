import "server-only";
import path from "node:path";
import Piscina from "piscina";
import { getEnv } from "../env";
import { log } from "../log";
import { type PoolState, poolState } from "./pool-state";
import { deserializeError } from "./thread-errors";
import { runThreadTask, type ThreadTaskEnvelope, type ThreadTaskPayload, type ThreadTaskResult, type ThreadTaskTable } from "./thread-tasks";

/**
 * CPU-bound JavaScript (today the safety layers: normaliser, signatures, the n-gram network, PII, NSFW
 * on TF.js WebAssembly) runs on a pool of worker threads, so one process uses every core while its
 * event loop keeps answering. SAFETY_WORKER_THREADS sets the pool size (default: the cores Node may
 * use); 0 runs every task inline on the event loop, through the same `runThreadTask`. The pool is
 * handed its task table (`threadPool`) by the code that owns the tasks: it imports none of them.
 *
 * piscina rather than a hand-made pool: it queues tasks FIFO, replaces a thread that dies, closes
 * gracefully and measures utilisation and queue length (exposed as metrics); a hand-made pool would
 * re-implement each of these. Threads start with the pool and stay (no idle timeout): each holds its
 * own copy of what its tasks load (the injection network, the NSFW model), measured in the README.
 */

// Resolved from the working directory, as the model store resolves model files: the file is loaded by
// Node, not bundled, and next.config.ts traces it (and the TypeScript it loads) into the standalone output.
const threadEntry = () => path.join(process.cwd(), "lib", "workers", "js-thread.mjs");

function poolSize(state: PoolState): number {
  state.size ??= getEnv().SAFETY_WORKER_THREADS;
  return state.size;
}

function startedPool(state: PoolState, tasksFile: string): Piscina {
  if (state.pool && state.tasksFile !== tasksFile) throw new Error(`the worker pool serves ${state.tasksFile}; it cannot also serve ${tasksFile}`);
  if (!state.pool) {
    state.tasksFile = tasksFile;
    const threads = poolSize(state);
    state.pool = new Piscina({
      filename: threadEntry(),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      // One task at a time per thread: the work is synchronous CPU, a second task would only wait inside.
      concurrentTasksPerWorker: 1,
      // Only what the code needs, not the parent's flags (scripts/start.mjs preloads an HTTP hook).
      execArgv: ["--conditions=react-server"],
      workerData: { tasksFile },
    });
    state.pool.on("error", (error: unknown) => log.error({ err: error }, "a JavaScript worker thread failed"));
    log.info({ threads }, "JavaScript worker pool started");
  }
  return state.pool;
}

/** Threads the pool runs (0: tasks run inline on the event loop). */
export function workerThreadCount(): number {
  return poolSize(poolState());
}

/** A task table as handed to the pool: the table itself, and the module each thread loads it from. */
export interface HandedTasks<T extends ThreadTaskTable> {
  tasks: T;
  /** The module exporting the same table as `threadTasks`, relative to the working directory. */
  file: string;
}

/**
 * The pool, serving `handed`'s tasks: `runOffLoop` runs a task on a worker thread (inline when the pool
 * is off, or closed by shutdown: work still in hand then finishes rather than fails), with errors
 * keeping their class and `threadId` 0 meaning the main thread; `runTask` answers the result alone.
 */
export function threadPool<T extends ThreadTaskTable>({ tasks, file }: HandedTasks<T>) {
  async function runOffLoop<N extends keyof T & string>(
    name: N,
    payload: ThreadTaskPayload<T, N>,
  ): Promise<{ value: ThreadTaskResult<T, N>; threadId: number }> {
    const state = poolState();
    const pooled = poolSize(state) > 0 && !state.closed;
    const envelope: ThreadTaskEnvelope = pooled ? await startedPool(state, file).run({ name, payload }) : await runThreadTask(tasks, { name, payload });
    if (!envelope.ok) throw deserializeError(envelope.error);
    return { value: envelope.value as ThreadTaskResult<T, N>, threadId: envelope.threadId };
  }
  async function runTask<N extends keyof T & string>(name: N, payload: ThreadTaskPayload<T, N>): Promise<ThreadTaskResult<T, N>> {
    return (await runOffLoop(name, payload)).value;
  }
  return { runOffLoop, runTask };
}

/** Lets the tasks in hand finish until `untilMs`, then stops the threads (graceful shutdown). */
export async function closeWorkerPool(untilMs = Date.now() + 5_000): Promise<void> {
  const state = poolState();
  state.closed = true;
  const running = state.pool;
  if (!running) return;
  state.pool = undefined;
  const closed = running.close().then(() => true);
  const timeout = new Promise<false>((resolve) => setTimeout(resolve, Math.max(untilMs - Date.now(), 0), false).unref());
  if (!(await Promise.race([closed, timeout]))) await running.destroy();
  log.info("JavaScript worker pool closed");
}

/** For tests: a fresh pool of `threads` (0 = inline) for the next task. */
export async function resetWorkerPool(threads?: number): Promise<void> {
  await closeWorkerPool();
  const state = poolState();
  state.closed = false;
  state.size = threads;
}
