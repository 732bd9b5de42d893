import type { LoadCell, LoadRun } from "./load-run-schema";

/** Inputs for the load benchmark's tests: cells as the driver would record them (figures made up, shapes real). */

export function cell(overrides: Partial<LoadCell> & Pick<LoadCell, "route" | "concurrency">): LoadCell {
  return {
    batching: "on",
    durationSeconds: 10,
    responses: 20,
    throughputRps: 2,
    latencyMs: { p50: 400, p95: 450, p99: 480, max: 500 },
    statusCounts: { "200": 20 },
    timeouts: 0,
    connectionErrors: 0,
    cpuSecondsPerRequest: 0.5,
    peakRssMiB: 900,
    ...overrides,
  };
}

export function sampleRun(cells: LoadCell[]): Omit<LoadRun, "id"> {
  return {
    mode: "quick",
    startedAt: "2026-12-06T16:00:00.000Z",
    finishedAt: "2026-12-06T16:05:00.000Z",
    machine: { cpuModel: "Test CPU", cores: 2, cpuFlags: ["avx2", "avx512_vnni"], nodeVersion: "v20.20.2", memoryGiB: 8 },
    config: {
      concurrencies: [1, 8],
      durationSeconds: 4,
      minRequestsPerConnection: 1,
      warmUpSeconds: 1,
      routes: ["image-text-all", "safety"],
      batching: ["on"],
      serverEnv: { RATE_LIMITS: "{}" },
      autocannonVersion: "9.0.0",
    },
    probes: [{ route: "image-text-all", batching: "on", status: 200, models: ["mobilenetv2-int8", "yolox-nano"], timingStages: ["total_ms"], problem: null }],
    cells,
    machineLimits: [],
    httpOverhead: [],
    rssDrift: null,
    labelsVsAll: [],
    overload: [],
    ocrPeer: null,
    notes: ["a note"],
  };
}
