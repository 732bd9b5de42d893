import { z } from "zod";
import { benchmarksResponseSchema, type BenchmarkResultView } from "../inference/measurement/result-schema";
import { summarizeFamilies } from "./summarize-families";

/**
 * The summary fields the seed's design promised for GET /api/v1/benchmarks — `modelVariants` (base,
 * quantized, pruned), `performanceMetrics`, `resourceUsage` — derived from the same stored results
 * as `latest` (one machine's newest figures), never typed or estimated. A figure that was not
 * measured is `null` with a note saying why; with no results at all, the sections say
 * `available: false` and why.
 */

const variantKinds = { full_precision: "base", quantized: "quantized", pruned: "pruned" } as const;

const listedVariantSchema = z.object({
  modelId: z.string(),
  family: z.string(),
  task: z.string(),
  /** Whether `latest` has figures for it (otherwise it is pending, or never measured). */
  measured: z.boolean(),
});

export const modelVariantsSchema = z
  .object({ base: z.array(listedVariantSchema), quantized: z.array(listedVariantSchema), pruned: z.array(listedVariantSchema) })
  .describe("Every benchmarkable model by kind: base (full precision), quantized (int8) and pruned");

const notMeasuredSchema = z.object({ available: z.literal(false), reason: z.string() });

export const performanceMetricsSchema = z
  .union([
    z.object({
      available: z.literal(true),
      machineFingerprint: z.string(),
      variants: z.array(
        z.object({
          modelId: z.string(),
          family: z.string(),
          kind: z.enum(["base", "quantized", "pruned"]),
          task: z.string(),
          /** Batch-1 latency per thread count (median and 95th percentile of the measured runs). */
          latency: z.array(z.object({ threads: z.number().int(), p50Ms: z.number(), p95Ms: z.number() })),
          /** Best measured items per second over the larger batches; null when the model's batch size is fixed. */
          throughputItemsPerSecond: z.number().nullable(),
          /** The task's primary accuracy metric on the eval data, or null when not measured. */
          accuracy: z.object({ metric: z.string(), value: z.number(), higherIsBetter: z.boolean(), dataset: z.string() }).nullable(),
          /** Against the family's base variant: ratio of median latencies at 1 thread, and the primary metric's change in points. */
          speedupVsBase: z.number().nullable(),
          accuracyChangePoints: z.number().nullable(),
          /** Why a figure above is null. */
          notes: z.array(z.string()),
        }),
      ),
    }),
    notMeasuredSchema,
  ])
  .describe("Latency, throughput and accuracy per variant from the newest stored benchmark results of one machine");

export const resourceUsageSchema = z
  .union([
    z.object({
      available: z.literal(true),
      machineFingerprint: z.string(),
      variants: z.array(
        z.object({
          modelId: z.string(),
          kind: z.enum(["base", "quantized", "pruned"]),
          sizeBytes: z.number().int(),
          /** Base size over this size (2 = half the bytes); null without a base in the family. */
          sizeRatioVsBase: z.number().nullable(),
          loadMs: z.number(),
          /** Resident memory growth while loading and running the variant (process-wide, so approximate). */
          rssIncreaseMb: z.number(),
          /** Process CPU time per batch-1 run on 1 thread. */
          cpuMsPerRun: z.number().nullable(),
        }),
      ),
    }),
    notMeasuredSchema,
  ])
  .describe("Model size, load time, memory and CPU time per variant from the same results");

export type SeedSummary = {
  modelVariants: z.infer<typeof modelVariantsSchema>;
  performanceMetrics: z.infer<typeof performanceMetricsSchema>;
  resourceUsage: z.infer<typeof resourceUsageSchema>;
};

export function summarizeForSeed({
  latest,
  machineFingerprint,
  benchmarkable,
  running,
}: {
  latest: BenchmarkResultView[];
  machineFingerprint: string | null;
  benchmarkable: { id: string; family: string; task: string; variant: string }[];
  running: boolean;
}): SeedSummary {
  const measured = new Set(latest.map((r) => r.modelId));
  const modelVariants: SeedSummary["modelVariants"] = { base: [], quantized: [], pruned: [] };
  for (const model of benchmarkable) {
    const kind = variantKinds[model.variant as keyof typeof variantKinds];
    if (kind) modelVariants[kind].push({ modelId: model.id, family: model.family, task: model.task, measured: measured.has(model.id) });
  }
  if (latest.length === 0 || machineFingerprint === null) {
    const reason = running ? "The first benchmark run is under way; no figures are stored yet." : "No benchmark has been run on this instance yet.";
    return { modelVariants, performanceMetrics: { available: false, reason }, resourceUsage: { available: false, reason } };
  }

  const summaries = new Map(summarizeFamilies(latest).flatMap((f) => f.variants.map((v) => [v.modelId, { family: f, variant: v }] as const)));
  const performance = [];
  const resources = [];
  for (const result of latest) {
    const kind = variantKinds[result.variant];
    const { family, variant } = summaries.get(result.modelId)!;
    const notes: string[] = [];
    const primary = result.accuracy.available ? result.accuracy.metrics.find((m) => m.name === (result.accuracy as { primary: string }).primary) : undefined;
    if (!result.accuracy.available) notes.push(`accuracy: ${result.accuracy.reason}`);
    const isBase = kind === "base";
    const noBase = !isBase && !family.reference;
    if (noBase) notes.push("no full-precision member of this family is stored, so there is no ratio against a base");
    if (variant.otherMachine) notes.push("the family's base was measured on another machine, so no ratio is computed");
    const speedup = isBase ? 1 : (variant.speedup?.[1] ?? null);
    if (!isBase && speedup === null && !noBase && !variant.otherMachine) notes.push("no 1-thread latency for both this variant and its base");
    const throughput = result.performance.throughput.map((t) => t.itemsPerSecond);
    performance.push({
      modelId: result.modelId,
      family: result.family,
      kind,
      task: result.task,
      latency: result.performance.latency.filter((l) => l.batchSize === 1).map((l) => ({ threads: l.threads, p50Ms: l.p50Ms, p95Ms: l.p95Ms })),
      throughputItemsPerSecond: throughput.length ? Math.max(...throughput) : null,
      accuracy: primary ? { metric: primary.name, value: primary.value, higherIsBetter: primary.higherIsBetter, dataset: primary.dataset } : null,
      speedupVsBase: speedup,
      accuracyChangePoints: isBase ? (primary ? 0 : null) : (variant.accuracyDeltaPoints ?? null),
      notes,
    });
    resources.push({
      modelId: result.modelId,
      kind,
      sizeBytes: result.performance.sizeBytes,
      sizeRatioVsBase: isBase ? 1 : (variant.sizeRatio ?? null),
      loadMs: result.performance.loadMs,
      rssIncreaseMb: result.performance.rssIncreaseMb,
      cpuMsPerRun: variant.cpuMsPerRun1Thread ?? null,
    });
  }
  return {
    modelVariants,
    performanceMetrics: { available: true, machineFingerprint, variants: performance },
    resourceUsage: { available: true, machineFingerprint, variants: resources },
  };
}

/** GET /api/v1/benchmarks: the dashboard's data plus the seed design's summary fields, from the same figures as `latest`. */
export const benchmarksApiResponseSchema = benchmarksResponseSchema.extend({
  modelVariants: modelVariantsSchema,
  performanceMetrics: performanceMetricsSchema,
  resourceUsage: resourceUsageSchema,
});
export type BenchmarksApiResponse = z.infer<typeof benchmarksApiResponseSchema>;
