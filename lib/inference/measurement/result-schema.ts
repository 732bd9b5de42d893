import { z } from "zod";

/**
 * What a benchmark run stores per model variant (benchmark_results.performance / .accuracy) and
 * what GET /api/v1/benchmarks returns. One schema for the runner, the API, the OpenAPI document and
 * the dashboard, so none of them can drift from the others.
 */

export const latencySchema = z.object({
  /** ONNX Runtime intra-op threads of the session measured. */
  threads: z.number().int(),
  batchSize: z.number().int(),
  runs: z.number().int(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  p99Ms: z.number(),
  meanMs: z.number(),
  /** Process CPU time per run: steadier than wall time on a shared machine (with 2 threads, both summed). */
  cpuMsPerRun: z.number(),
});
export type LatencyMeasurement = z.infer<typeof latencySchema>;

export const throughputSchema = z.object({
  batchSize: z.number().int(),
  threads: z.number().int(),
  itemsPerSecond: z.number(),
  msPerBatch: z.number(),
});

export const performanceSchema = z.object({
  sizeBytes: z.number().int(),
  /** The input measured: a real eval image/page/line, or a synthetic tensor when no eval data is present. */
  input: z.object({ source: z.string(), shape: z.array(z.number()), synthetic: z.boolean() }),
  loadMs: z.number(),
  latency: z.array(latencySchema),
  /** Larger batches, for models whose batch dimension is dynamic; empty otherwise. */
  throughput: z.array(throughputSchema),
  /** Resident memory growth while loading and running this variant (process-wide, so approximate). */
  rssIncreaseMb: z.number(),
});
export type PerformanceMeasurement = z.infer<typeof performanceSchema>;

export const accuracyMetricSchema = z.object({
  /** e.g. top1, top5, label_recall, parent_f1, cer, line_accuracy, parent_agreement. */
  name: z.string(),
  value: z.number(),
  higherIsBetter: z.boolean(),
  /** What it was measured on, e.g. "21 labelled photos" or "6 OCR pages". */
  dataset: z.string(),
});

export const accuracySchema = z.union([
  z.object({
    available: z.literal(true),
    /** The metric the dashboard plots for this task. */
    primary: z.string(),
    metrics: z.array(accuracyMetricSchema),
    details: z.unknown().optional(),
  }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type AccuracyMeasurement = z.infer<typeof accuracySchema>;

export const benchmarkResultSchema = z.object({
  modelId: z.string(),
  family: z.string(),
  variant: z.enum(["full_precision", "quantized", "pruned"]),
  task: z.string(),
  performance: performanceSchema,
  accuracy: accuracySchema,
  createdAt: z.string(),
  /** The run that measured it and that run's machine fingerprint (see machine-fingerprint.ts). */
  runId: z.string().optional(),
  machineFingerprint: z.string().optional(),
});
export type BenchmarkResultView = z.infer<typeof benchmarkResultSchema>;

export const benchmarkRunSchema = z.object({
  id: z.string(),
  trigger: z.string(),
  status: z.enum(["running", "done", "failed"]),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  machine: z.record(z.string(), z.unknown()),
  /** CPU model, cores, int8 flags and int8 kernel behaviour in one string; runs are compared only within one. */
  fingerprint: z.string(),
  config: z.record(z.string(), z.unknown()),
  results: z.array(benchmarkResultSchema),
});
export type BenchmarkRunView = z.infer<typeof benchmarkRunSchema>;

export const benchmarksResponseSchema = z.object({
  /** Newest result of every variant measured on the machine `machineFingerprint` names. */
  latest: z.array(benchmarkResultSchema),
  /** The machine `latest` comes from: this instance's own when it has figures, else the newest run's. */
  machineFingerprint: z.string().nullable(),
  /** Figures from other machines, kept out of `latest` (never mixed into one comparison). */
  otherMachines: z.array(z.object({ fingerprint: z.string(), variants: z.number().int(), newestAt: z.string() })),
  runs: z.array(benchmarkRunSchema),
  /** Variants in the model store with no result yet (still being measured, or never). */
  pending: z.array(z.object({ modelId: z.string(), family: z.string(), variant: z.string(), task: z.string() })),
  running: z.boolean(),
});
export type BenchmarksResponse = z.infer<typeof benchmarksResponseSchema>;

/** POST /api/v1/compare/models: one input through every variant of a family. */
export const compareRequestSchema = z
  .object({
    input: z.union([z.object({ image: z.string() }), z.object({ document_image: z.string() })]),
    /** A family (e.g. yolox-nano) or a model id; by default the family is chosen from the input's task. */
    model: z.string().optional(),
    models: z
      .array(z.enum(["full_precision", "quantized", "pruned"]))
      .min(1)
      .default(["full_precision", "quantized", "pruned"]),
  })
  .strict();

export const compareResponseSchema = z.object({
  family: z.string(),
  task: z.string(),
  variants: z.array(
    z.union([
      z.object({
        available: z.literal(true),
        modelId: z.string(),
        variant: z.string(),
        sizeBytes: z.number(),
        latencyMs: z.number(),
        /** Task output: detections, labels or OCR lines. */
        output: z.unknown(),
        /** Agreement with the full-precision output of the same input (1 = identical). */
        agreement: z.object({ metric: z.string(), value: z.number() }).nullable(),
      }),
      z.object({ available: z.literal(false), variant: z.string(), reason: z.string() }),
    ]),
  ),
  processing_time_ms: z.number(),
});
export type CompareResponse = z.infer<typeof compareResponseSchema>;

/** POST /api/v1/benchmarks/runs (admin). */
export const startRunRequestSchema = z
  .object({
    preset: z.enum(["quick", "full"]).default("quick"),
    models: z.array(z.string().min(1).max(100)).min(1).max(50).optional(),
  })
  .strict();
