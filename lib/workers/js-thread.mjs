// Entry of a JavaScript worker thread (lib/workers/js-worker-pool.ts starts it through piscina). Plain
// JavaScript so Node loads it as is, in the repository, in the production build and in the standalone
// output alike; it then registers tsx to run the same TypeScript the event loop runs, not a second,
// compiled copy. The pool starts the thread with `--conditions=react-server`, so the `server-only`
// imports of that code resolve as they do on the server, and names in `workerData.tasksFile` the
// module (relative to the working directory) whose `threadTasks` table the thread serves.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runThreadTask } = await import("./thread-tasks.ts");
const { threadTasks } = await import(pathToFileURL(path.resolve(process.cwd(), workerData.tasksFile)).href);

export default (request) => runThreadTask(threadTasks, request);
