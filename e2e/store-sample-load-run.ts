/**
 * Stores one load run (the unit tests' fixture, with its derived figures) in the database of DATA_DIR
 * and exits, so a server started afterwards on that folder serves it: run by e2e/load-benchmark.spec.ts
 * with `node --import tsx --conditions=react-server`.
 */
import { deriveLoadFigures } from "../lib/benchmarks/load/derive-load-figures";
import { cell, sampleRun } from "../lib/benchmarks/load/load-run.fixture";
import { storeLoadRun } from "../lib/benchmarks/load/load-runs";
import { getDatabase } from "../lib/db/client";

const cells = [
  cell({ route: "image-text-all", concurrency: 1, cpuSecondsPerRequest: 0.565, throughputRps: 2.4 }),
  cell({ route: "image-text-all", concurrency: 8, throughputRps: 3.1, statusCounts: { "200": 31, "503": 6 } }),
  cell({ route: "safety", concurrency: 1, cpuSecondsPerRequest: 0.027, throughputRps: 34 }),
  cell({ route: "safety", batching: "off", concurrency: 1, cpuSecondsPerRequest: 0.03, throughputRps: 30 }),
];
const database = await getDatabase();
const run = await storeLoadRun({
  db: database.db,
  run: { ...sampleRun(cells), ...deriveLoadFigures({ cells, cores: 2, inProcessMs: {}, drift: null, deadlineMs: null }) },
});
await database.close();
console.log(run.id);
