import { z } from "zod";

/**
 * One run of the HTTP load benchmark (`npm run bench:load`): the production build driven by autocannon
 * per route × concurrency × batching switch, with the server's CPU time and RSS read from /proc, and
 * the derived figures (machine limit, HTTP overhead, RSS drift, labels-only ratio, overload, the OCR
 * peer). Stored as one JSON document (camelCase), served snake_case by GET /api/v1/benchmarks/load.
 */

export const LOAD_ROUTES = ["image-text-all", "image-text-labels", "document", "safety", "oip-infer"] as const;
export type LoadRoute = (typeof LOAD_ROUTES)[number];
export const BATCHING_SWITCHES = ["on", "off"] as const;
export type BatchingSwitch = (typeof BATCHING_SWITCHES)[number];

const nullableNumber = z.number().nullable();

export const latencySummarySchema = z.object({ p50: nullableNumber, p95: nullableNumber, p99: nullableNumber, max: nullableNumber });
export type LatencySummary = z.infer<typeof latencySummarySchema>;

/** One autocannon run: a route at one concurrency with batching on or off. */
export const loadCellSchema = z.object({
  route: z.enum(LOAD_ROUTES),
  batching: z.enum(BATCHING_SWITCHES),
  concurrency: z.number().int().min(1),
  durationSeconds: z.number(),
  /** Responses received (any status). */
  responses: z.number().int().min(0),
  /** 2xx responses per second over the run. */
  throughputRps: z.number(),
  /** Latency of every response received, ms. */
  latencyMs: latencySummarySchema,
  /** Responses by HTTP status ("200", "429", "503", …). */
  statusCounts: z.record(z.string(), z.number().int()),
  timeouts: z.number().int().min(0),
  connectionErrors: z.number().int().min(0),
  /** Server process tree CPU (user + system) over the run, per response. */
  cpuSecondsPerRequest: nullableNumber,
  peakRssMiB: nullableNumber,
});
export type LoadCell = z.infer<typeof loadCellSchema>;

/** What the server answered to one untimed request before a route was loaded: what really ran. */
export const routeProbeSchema = z.object({
  route: z.enum(LOAD_ROUTES),
  batching: z.enum(BATCHING_SWITCHES),
  status: z.number().int(),
  /** Model ids the response names (`models`), in order; empty when it names none. */
  models: z.array(z.string()),
  /** Keys of the response's timings (stages that ran). */
  timingStages: z.array(z.string()),
  /** Problem detail when the probe was refused. */
  problem: z.string().nullable(),
});
export type RouteProbe = z.infer<typeof routeProbeSchema>;

export const machineLimitSchema = z.object({
  route: z.enum(LOAD_ROUTES),
  batching: z.enum(BATCHING_SWITCHES),
  singleStreamCpuSecondsPerRequest: nullableNumber,
  /** cores / single-stream CPU seconds per request. */
  limitRps: nullableNumber,
  /** Throughput at the highest concurrency measured, as a share of the limit (0..1+). */
  highestConcurrency: z.number().int(),
  shareOfLimit: nullableNumber,
});
export type MachineLimit = z.infer<typeof machineLimitSchema>;

export const httpOverheadSchema = z.object({
  route: z.enum(LOAD_ROUTES),
  batching: z.enum(BATCHING_SWITCHES),
  inProcessMedianMs: z.number(),
  httpP50Ms: nullableNumber,
  overheadMs: nullableNumber,
});

export const rssDriftSchema = z.object({
  route: z.enum(LOAD_ROUTES),
  batching: z.enum(BATCHING_SWITCHES),
  concurrency: z.number().int(),
  durationSeconds: z.number(),
  /** Median of the samples in the first and last tenth of the run, MiB. */
  startMiB: nullableNumber,
  endMiB: nullableNumber,
  driftShare: nullableNumber,
});

export const overloadSchema = z.object({
  batching: z.enum(BATCHING_SWITCHES),
  route: z.enum(LOAD_ROUTES),
  concurrency: z.number().int(),
  /** Statuses other than 2xx, 429 and 503, and transport errors: the issue allows none under overload. */
  disallowed: z.record(z.string(), z.number().int()),
  p99Ms: nullableNumber,
  deadlineMs: nullableNumber,
  p99WithinDeadline: z.boolean().nullable(),
});

const ocrPeerSideSchema = z.object({
  msMedian: z.number(),
  cer: z.number(),
  /** Wall time per page with `threads` pages in flight (scripts/ocr-peer). */
  msPerPageBusy: z.number().optional(),
});

/**
 * One page of the OCR peer. Runs since issue 21 (scripts/ocr-peer) carry `threads`, `rotated` and
 * `orientationDetection` and time both sides from the file's bytes; older stored runs lack them (one
 * tesseract.js worker against ORT's default threads, our decode outside the timing) and still parse.
 */
export const ocrPeerPageSchema = z.object({
  file: z.string(),
  threads: z.number().int().optional(),
  rotated: z.boolean().optional(),
  orientationDetection: z.boolean().optional(),
  ours: ocrPeerSideSchema,
  tesseract: ocrPeerSideSchema,
});

export const loadRunSchema = z.object({
  id: z.string(),
  mode: z.enum(["quick", "full"]),
  startedAt: z.string(),
  finishedAt: z.string(),
  machine: z.object({ cpuModel: z.string(), cores: z.number().int(), cpuFlags: z.array(z.string()), nodeVersion: z.string(), memoryGiB: z.number() }),
  config: z.object({
    concurrencies: z.array(z.number().int()),
    /** Planned seconds of work per cell: its request count is sized from the route's single-stream latency. */
    durationSeconds: z.number(),
    minRequestsPerConnection: z.number().int().min(1),
    /** Sequential warm-up requests per route before its cells, seconds (at least three requests). */
    warmUpSeconds: z.number(),
    routes: z.array(z.enum(LOAD_ROUTES)),
    batching: z.array(z.enum(BATCHING_SWITCHES)),
    /** Environment the benchmark server was started with beyond PORT/DATA_DIR (rate limits raised for the bench only). */
    serverEnv: z.record(z.string(), z.string()),
    autocannonVersion: z.string(),
  }),
  probes: z.array(routeProbeSchema),
  cells: z.array(loadCellSchema),
  machineLimits: z.array(machineLimitSchema),
  httpOverhead: z.array(httpOverheadSchema),
  rssDrift: rssDriftSchema.nullable(),
  labelsVsAll: z.array(z.object({ batching: z.enum(BATCHING_SWITCHES), concurrency: z.number().int(), ratio: nullableNumber })),
  overload: z.array(overloadSchema),
  ocrPeer: z.object({ tesseractVersion: z.string(), languageData: z.string(), runsPerPage: z.number().int(), pages: z.array(ocrPeerPageSchema) }).nullable(),
  notes: z.array(z.string()),
});
export type LoadRun = z.infer<typeof loadRunSchema>;

export const loadBenchmarksResponseSchema = z.object({ latest: loadRunSchema.nullable() });
