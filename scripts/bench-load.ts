/**
 * The HTTP load benchmark (`npm run bench:load`, issue 13): starts the production build (`npm run
 * build` first) as `npm start` does, on a fresh DATA_DIR with PGlite, once per batching switch
 * (INFERENCE_BATCHING=on|off), and drives it with autocannon at each concurrency on image-text (all
 * tasks and labels only), a document page, safety and the OIP v2 infer route. Records throughput,
 * p50/p95/p99, statuses, the server tree's CPU per request and peak RSS; derives the machine limit
 * from single-stream CPU, HTTP overhead over the in-process call, RSS drift, labels/all ratio and the
 * overload check; compares a document page with tesseract.js. Writes bench-results/load-*.json,
 * stores the run in the database of DATA_DIR / DATABASE_URL (stop an app on the same PGlite folder
 * first) for /benchmarks and GET /api/v1/benchmarks/load, prints the README block.
 *
 *   npm run bench:load -- [--quick] [--write-readme] [--no-store] [--port 3460] [--batching on,off]
 *                         [--routes image-text-all,...] [--deadline-ms N] [--no-peer] [--peer-all]
 *                         [--server-env NAME=value,NAME=value]
 *
 * --server-env passes settings to the benchmark server (e.g. its queue bound or request deadline) and
 * records them with the run; --deadline-ms is the deadline p99 under overload is compared with.
 *
 * Run it alone on the machine: every figure is a CPU measurement.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DeriveInput } from "../lib/benchmarks/load/derive-load-figures";
import type { BatchingSwitch, LoadCell, LoadRoute, LoadRun, RouteProbe } from "../lib/benchmarks/load/load-run-schema";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const quick = args.includes("--quick");
// The bench process's own pipelines (in-process baseline, OCR peer) use the same model cache as its servers;
// set before the lib modules are loaded (below, dynamically), as they read the environment once.
process.env.MODEL_CACHE_DIR ??= path.resolve("node_modules", ".cache", "insight-engine-bench-models");

const { deriveLoadFigures } = await import("../lib/benchmarks/load/derive-load-figures");
const { loadRunToMarkdown, machineLine } = await import("../lib/benchmarks/load/load-markdown");
const { loadGoalsMarkdown } = await import("../lib/benchmarks/load/load-goals");
const schema = await import("../lib/benchmarks/load/load-run-schema");
const { readCpuFeatures } = await import("../lib/inference/read-cpu-features");
const { measureInProcess } = await import("./bench-load/in-process");
const { requestsForCell } = await import("../lib/benchmarks/load/load-figures");
const { autocannonVersion, probeRoute, runCell } = await import("./bench-load/load-driver");
const { buildRequests } = await import("./bench-load/request-bodies");
const { benchServerEnv, startBenchServer } = await import("./bench-load/server-control");
const { measureOcrPeer } = await import("./ocr-peer/run-settings");
const { PEER_THREAD_SETTINGS } = await import("./ocr-peer/peer-plan");
const { requireEvalDir } = await import("./require-eval-dir");
const { writeReadmeSection } = await import("./write-readme-section");

// A cell is sized to about `seconds` of work (at least `minPerConnection` requests per connection; see load-driver.ts).
// Full: 5 routes x 3 concurrencies x 2 switches x ~10-20 s, + 3 s warm-up per route, a 60 s drift run, start-ups,
// in-process and the OCR peer: about 10-14 min on 2 cores.
const plan = quick
  ? {
      concurrencies: [1, 8],
      seconds: 4,
      warmUp: 1,
      minPerConnection: 1,
      routes: ["image-text-all", "image-text-labels", "safety", "oip-infer"],
      batching: ["on"],
      driftSeconds: 10,
      inProcessRuns: 5,
      peerRuns: 1,
      peerThreads: [1],
    }
  : {
      concurrencies: [1, 8, 32],
      seconds: 10,
      warmUp: 3,
      minPerConnection: 2,
      routes: [...schema.LOAD_ROUTES],
      batching: ["on", "off"],
      driftSeconds: 60,
      inProcessRuns: 15,
      peerRuns: 3,
      peerThreads: [...PEER_THREAD_SETTINGS],
    };
const routes = (option("--routes")?.split(",") ?? plan.routes) as LoadRoute[];
const switches = (option("--batching")?.split(",") ?? plan.batching) as BatchingSwitch[];
for (const r of routes)
  if (!(schema.LOAD_ROUTES as readonly string[]).includes(r)) throw new Error(`unknown route ${r}; routes: ${schema.LOAD_ROUTES.join(", ")}`);
for (const b of switches) if (!(schema.BATCHING_SWITCHES as readonly string[]).includes(b)) throw new Error(`--batching takes on and/or off, not ${b}`);
const port = Number(option("--port") ?? 3460);
const serverEnv = Object.fromEntries(
  (option("--server-env")?.split(",") ?? []).map((pair) => {
    const at = pair.indexOf("=");
    if (at < 1) throw new Error(`--server-env takes NAME=value pairs separated by commas, not "${pair}"`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
const deadlineMs = option("--deadline-ms") ? Number(option("--deadline-ms")) : null;
const log = (line: string) => console.error(`[bench:load ${new Date().toISOString().slice(11, 19)}] ${line}`);

const evalDir = requireEvalDir();
const cores = os.cpus().length;
const startedAt = new Date();
const cpu = readCpuFeatures();
const notes: string[] = [];

log("in-process baseline (no server running)");
const inProcess = await measureInProcess(evalDir, plan.inProcessRuns, routes);
log(
  `in process: ${Object.entries(inProcess)
    .map(([route, ms]) => `${route} ${ms} ms`)
    .join(", ")}`,
);

let ocrPeer: LoadRun["ocrPeer"] = null;
if (!args.includes("--no-peer")) {
  log("document pages: ours vs tesseract.js (scripts/ocr-peer: equal threads, decode on both sides, OSD on rotated pages)");
  const peer = await measureOcrPeer({ threads: plan.peerThreads, runs: plan.peerRuns, quickPages: quick && !args.includes("--peer-all"), log });
  ocrPeer = { tesseractVersion: peer.tesseractVersion, languageData: peer.languageData, runsPerPage: peer.runsPerPage, pages: peer.rows };
}

const cells: LoadCell[] = [];
const probes: RouteProbe[] = [];
let drift: DeriveInput["drift"] = null;
for (const batching of switches) {
  log(`starting the production build with INFERENCE_BATCHING=${batching} on port ${port}`);
  const server = await startBenchServer({ port, batching, extraEnv: serverEnv });
  try {
    const requests = await buildRequests(evalDir, server.baseUrl, server.apiKey, routes);
    for (const route of routes) {
      const request = requests.get(route)!;
      const { probe, medianLatencyMs } = await probeRoute(server.baseUrl, route, batching, request, plan.warmUp);
      probes.push(probe);
      log(
        `${route}: warm-up median ${Math.round(medianLatencyMs)} ms, status ${probe.status}, models [${probe.models.join(", ")}]${probe.problem ? ` ${probe.problem}` : ""}`,
      );
      for (const concurrency of plan.concurrencies) {
        const amount = requestsForCell({
          seconds: plan.seconds,
          singleLatencyMs: medianLatencyMs,
          concurrency,
          cores,
          minPerConnection: plan.minPerConnection,
        });
        const { cell } = await runCell({ baseUrl: server.baseUrl, serverPid: server.pid, route, batching, request, concurrency, size: { amount } });
        cells.push(cell);
        log(
          `  c=${concurrency}: ${cell.throughputRps} req/s, p50 ${cell.latencyMs.p50} ms, p99 ${cell.latencyMs.p99} ms, statuses ${JSON.stringify(cell.statusCounts)}, CPU/req ${cell.cpuSecondsPerRequest} s, peak RSS ${cell.peakRssMiB} MiB`,
        );
      }
    }
    if (drift === null && routes.includes("image-text-all")) {
      log(`RSS drift: image-text-all at c=8 for ${plan.driftSeconds} s`);
      const run = await runCell({
        baseUrl: server.baseUrl,
        serverPid: server.pid,
        route: "image-text-all",
        batching,
        request: requests.get("image-text-all")!,
        concurrency: 8,
        size: { seconds: plan.driftSeconds },
      });
      drift = { route: "image-text-all", batching, concurrency: 8, durationSeconds: plan.driftSeconds, samplesMiB: run.rssSamplesMiB };
    }
  } finally {
    await server.stop();
  }
}

const labelsProbe = probes.find((p) => p.route === "image-text-labels");
const allProbe = probes.find((p) => p.route === "image-text-all");
if (labelsProbe && allProbe && labelsProbe.models.join() === allProbe.models.join()) {
  notes.push("The labels-only request ran the same models as the all-tasks request: this server does not honour `tasks` (the ratio compares the same work).");
}
for (const probe of probes.filter((p) => p.status < 200 || p.status >= 300)) {
  notes.push(
    `${probe.route} (batching ${probe.batching}) was refused before its cells (${probe.status}${probe.problem ? `: ${probe.problem}` : ""}): its cells measured refusals.`,
  );
}
if (deadlineMs === null) notes.push("No request deadline was given (--deadline-ms): p99 under overload is reported without a deadline to compare with.");
notes.push("Rate limits were raised for the benchmark server only (RATE_LIMITS, every plan 10,000,000 per minute and per day).");

const derived = deriveLoadFigures({
  cells,
  cores,
  inProcessMs: inProcess,
  drift,
  deadlineMs,
});
const run = {
  mode: quick ? ("quick" as const) : ("full" as const),
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  machine: {
    cpuModel: cpu.model,
    cores: os.cpus().length,
    cpuFlags: cpu.flags,
    nodeVersion: process.version,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  },
  config: {
    concurrencies: plan.concurrencies,
    durationSeconds: plan.seconds,
    minRequestsPerConnection: plan.minPerConnection,
    warmUpSeconds: plan.warmUp,
    routes,
    batching: switches,
    serverEnv: { ...Object.fromEntries(Object.entries(benchServerEnv("on")).filter(([k]) => k !== "INFERENCE_BATCHING")), ...serverEnv },
    autocannonVersion,
  },
  probes,
  cells,
  ...derived,
  ocrPeer,
  notes,
};

let stored: LoadRun = { ...run, id: "not-stored" };
if (!args.includes("--no-store")) {
  const { getDatabase } = await import("../lib/db/client");
  const { storeLoadRun } = await import("../lib/benchmarks/load/load-runs");
  const database = await getDatabase();
  stored = await storeLoadRun({ db: database.db, run });
  await database.close();
  log(`stored as load run ${stored.id}`);
}
mkdirSync("bench-results", { recursive: true });
const file = path.join("bench-results", `load-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(file, `${JSON.stringify(schema.loadRunSchema.parse(stored), null, 2)}\n`);
log(`wrote ${file}`);

const table = loadRunToMarkdown(stored);
console.log(table);
if (args.includes("--write-readme")) {
  writeReadmeSection("bench:load", table);
  writeReadmeSection("performance", loadGoalsMarkdown(stored, machineLine(stored)));
  log("docs/serving.md and README.md updated");
}
process.exit(0);
