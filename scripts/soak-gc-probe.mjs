// Preloaded into the server by `npm run soak` only (node --expose-gc --import, through NODE_OPTIONS):
// every SOAK_GC_PROBE_MS it forces a full garbage collection in each JavaScript thread of `next start`
// (the main thread and the safety worker threads), and the main thread then writes the process's
// memory figures to SOAK_GC_PROBE_FILE. Without it a soak reads V8's lazy collection as a leak: under
// load the old generation grows for a minute or two before a major GC gives it back (seen here:
// RSS 1347 → 1642 → 1432 MB within 4 minutes, heap total 170 → 429 → 235 MB). Memory still held after
// a full collection is what a leak looks like. Never loaded in production.
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env.SOAK_GC_PROBE_FILE;
const everyMs = Number(process.env.SOAK_GC_PROBE_MS || 3000);
// Only in Next's server process (its main script is next/dist/bin/next), not in the npm-start wrapper.
const isServer = /[\\/]next[\\/]dist[\\/]bin[\\/]next$/.test(process.argv[1] ?? "") || !isMainThread;

if (file && isServer && typeof globalThis.gc === "function") {
  setInterval(() => {
    globalThis.gc();
    if (!isMainThread) return;
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    writeFileSync(file, JSON.stringify({ atMs: Date.now(), rss, heapUsed, heapTotal, external, arrayBuffers }));
  }, everyMs).unref();
}
