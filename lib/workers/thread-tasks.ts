import { isMainThread, threadId } from "node:worker_threads";
import { type SerializedError, serializeError } from "./thread-errors";

/**
 * What a JavaScript worker thread runs: a table of tasks by name, handed to the pool by the code that
 * owns them (lib/safety/off-loop), so the pool knows none of its clients. The pool sends a name and a
 * payload; the thread entry (js-thread.mjs) calls `runThreadTask`, which answers with an envelope
 * rather than throwing, so domain errors keep their class across the boundary (thread-errors.ts).
 */

// A payload crosses the boundary untyped (each task checks its own), hence `never` here: any task fits.
export type ThreadTaskTable = Record<string, (payload: never) => Promise<unknown>>;

export type ThreadTaskPayload<T extends ThreadTaskTable, N extends keyof T> = Parameters<T[N]>[0];
export type ThreadTaskResult<T extends ThreadTaskTable, N extends keyof T> = Awaited<ReturnType<T[N]>>;

export interface ThreadTaskRequest {
  name: string;
  payload: unknown;
}

/** `threadId` says which thread ran the task (0 = the main thread), for metrics and tests. */
export type ThreadTaskEnvelope = { ok: true; value: unknown; threadId: number } | { ok: false; error: SerializedError; threadId: number };

export async function runThreadTask(tasks: ThreadTaskTable, { name, payload }: ThreadTaskRequest): Promise<ThreadTaskEnvelope> {
  const task = Object.hasOwn(tasks, name) ? (tasks[name] as (payload: unknown) => Promise<unknown>) : undefined;
  const ranOn = isMainThread ? 0 : threadId;
  if (!task) return { ok: false, error: { kind: "other", name: "Error", message: `unknown thread task "${name}"` }, threadId: ranOn };
  try {
    return { ok: true, value: await task(payload), threadId: ranOn };
  } catch (error) {
    return { ok: false, error: serializeError(error), threadId: ranOn };
  }
}
