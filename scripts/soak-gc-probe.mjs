// Preloaded into the server by `npm run soak` only (node --expose-gc --import, through NODE_OPTIONS):
// every SOAK_GC_PROBE_MS it forces a full garbage collection in each JavaScript thread of `next start`
// (the main thread and the safety worker threads), and the main thread then writes the process's
// memory figures to SOAK_GC_PROBE_FILE. Without it a soak reads V8's lazy collection as a leak: under
// load the old generation grows for a minute or two before a major GC gives it back (seen here:
// RSS 1347 → 1642 → 1432 MB within 4 minutes, heap total 170 → 429 → 235 MB), and the worker threads'
// heaps alone made RSS climb 36.6 MB/min over a 2-minute run's second half with the main thread
// collected (1.5 MB/min with the threads off). Memory still held after a full collection is what a
// leak looks like. Never loaded in production.
import { writeFileSync } from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";
import workerThreads from "node:worker_threads";

const file = process.env.SOAK_GC_PROBE_FILE;
const everyMs = Number(process.env.SOAK_GC_PROBE_MS || 3000);
const { isMainThread } = workerThreads;
// Only in Next's server process (its main script is next/dist/bin/next), not in the npm-start wrapper.
const isServer = !isMainThread || /[\\/]next[\\/]dist[\\/]bin[\\/]next$/.test(process.argv[1] ?? "");

/** `gc` where --expose-gc was given (the main thread); in a worker thread, where V8 flags cannot be passed, set at run time. */
function fullCollection() {
  if (typeof globalThis.gc === "function") return globalThis.gc;
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc");
}

if (file && isServer) {
  if (isMainThread) {
    // Every worker thread the server starts (piscina's safety pool) loads this probe too.
    const Worker = workerThreads.Worker;
    workerThreads.Worker = class ProbedWorker extends Worker {
      constructor(filename, options = {}) {
        super(filename, { ...options, execArgv: [...(options.execArgv ?? process.execArgv), "--import", import.meta.url] });
      }
    };
  }
  const gc = fullCollection();
  setInterval(() => {
    gc();
    if (!isMainThread) return;
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    writeFileSync(file, JSON.stringify({ atMs: Date.now(), rss, heapUsed, heapTotal, external, arrayBuffers }));
  }, everyMs).unref();
}
