import type Piscina from "piscina";
import { processSingletonSync } from "../process-singletons";

/**
 * The JavaScript worker pool's state, one per process (whatever copies of the modules Next bundles),
 * apart from the pool itself so metrics can read it without loading piscina or the task code.
 */

export interface PoolState {
  pool?: Piscina;
  /** Threads asked for (SAFETY_WORKER_THREADS), read on first use. */
  size?: number;
  /** The task module the running threads serve (the first caller's). */
  tasksFile?: string;
  /** Set by graceful shutdown: later tasks run inline. */
  closed: boolean;
}

export function poolState(): PoolState {
  return processSingletonSync("js-worker-pool", () => ({ closed: false }));
}

export interface WorkerPoolStats {
  /** Threads running (0 until the first task, and when the pool is off). */
  threads: number;
  /** Tasks waiting for a free thread. */
  queued: number;
  /** Share of the threads' time spent running tasks since the pool started, 0..1. */
  utilization: number;
}

export function workerPoolStats(): WorkerPoolStats {
  const pool = poolState().pool;
  if (!pool) return { threads: 0, queued: 0, utilization: 0 };
  return { threads: pool.threads.length, queued: pool.queueSize, utilization: pool.utilization };
}
