import "server-only";
import { threadPool, workerThreadCount } from "../../workers/js-worker-pool";
import { threadTasks } from "./safety-thread-tasks";

/**
 * The safety layers' tasks on the JavaScript worker pool (lib/workers), which is handed this table and
 * the file each thread loads it from (relative to the working directory, as next.config.ts traces it).
 */
export const { runOffLoop, runTask } = threadPool({ tasks: threadTasks, file: "lib/safety/off-loop/safety-thread-tasks.ts" });

/**
 * Starts the threads and has each load the code and the injection network (a second or more per
 * thread), so the first requests do not pay for it. The NSFW model stays lazy: it is loaded by a
 * thread when it first checks an image.
 */
export async function warmSafetyThreads(): Promise<void> {
  const threads = workerThreadCount();
  await Promise.all(Array.from({ length: threads }, () => runOffLoop("safety.checkText", { text: "warm-up", mode: "prompt" })));
}
