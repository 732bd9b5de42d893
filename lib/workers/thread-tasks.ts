import { isMainThread, threadId } from "node:worker_threads";
import { checkText, classifyImage } from "../safety/off-loop/safety-thread-tasks";
import { type SerializedError, serializeError } from "./thread-errors";

/**
 * Every task a JavaScript worker thread can run, by name. The pool (js-worker-pool.ts) sends a name and
 * a payload; the thread entry (js-thread.mjs) calls `runThreadTask`, which answers with an envelope
 * rather than throwing, so domain errors keep their class across the boundary (thread-errors.ts).
 */

export const threadTasks = {
  "safety.checkText": checkText,
  "safety.classifyImage": classifyImage,
};

export type ThreadTaskName = keyof typeof threadTasks;
export type ThreadTaskPayload<N extends ThreadTaskName> = Parameters<(typeof threadTasks)[N]>[0];
export type ThreadTaskResult<N extends ThreadTaskName> = Awaited<ReturnType<(typeof threadTasks)[N]>>;

export interface ThreadTaskRequest {
  name: ThreadTaskName;
  payload: unknown;
}

/** `threadId` says which thread ran the task (0 = the main thread), for metrics and tests. */
export type ThreadTaskEnvelope = { ok: true; value: unknown; threadId: number } | { ok: false; error: SerializedError; threadId: number };

export async function runThreadTask({ name, payload }: ThreadTaskRequest): Promise<ThreadTaskEnvelope> {
  const task = threadTasks[name] as ((payload: unknown) => Promise<unknown>) | undefined;
  const ranOn = isMainThread ? 0 : threadId;
  if (!task) return { ok: false, error: { kind: "other", name: "Error", message: `unknown thread task "${name}"` }, threadId: ranOn };
  try {
    return { ok: true, value: await task(payload), threadId: ranOn };
  } catch (error) {
    return { ok: false, error: serializeError(error), threadId: ranOn };
  }
}
