import type { BenchmarkResultView, BenchmarkRunView, BenchmarksResponse, LatencyMeasurement } from "@/lib/inference/measurement/result-schema";

/**
 * Pure derivations from GET /api/v1/benchmarks data for the dashboard (formatting, grouping, what is
 * still being measured). The ratios and deltas come from lib/benchmarks/summarize-families, which
 * also writes the README table, so the page and the README cannot disagree.
 */

export type VariantKind = BenchmarkResultView["variant"];
type Metric = Extract<BenchmarkResultView["accuracy"], { available: true }>["metrics"][number];

export const kindLabels: Record<VariantKind, string> = { full_precision: "fp32", quantized: "int8", pruned: "pruned" };
/** One colour per variant kind, the same in every chart and legend. */
export const kindColours: Record<VariantKind, string> = { full_precision: "#2563eb", quantized: "#059669", pruned: "#d97706" };

const metricLabels: Record<string, string> = {
  top1: "top-1 (strict: class name)",
  top5: "top-5 (strict: class name)",
  top1_lenient: "top-1 (lenient: WordNet groups)",
  top5_lenient: "top-5 (lenient: WordNet groups)",
  label_recall: "label recall (test photos)",
  label_recall_all_photos: "label recall (all photos, incl. calibration)",
  parent_detection_f1: "detection F1 vs fp32",
  parent_top1_agreement: "top-1 agreement with fp32",
  cer: "character error rate",
  line_accuracy: "line accuracy",
};
export const metricLabel = (name: string) => metricLabels[name] ?? name.replaceAll("_", " ");

export const formatMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
export const toMb = (bytes: number) => bytes / 1e6;
export const formatMb = (bytes: number) => toMb(bytes).toFixed(2);
/** Every accuracy metric the runner stores is a rate in 0..1. */
export const formatRate = (value: number) => `${(value * 100).toFixed(1)}%`;
export const formatPoints = (points: number) => `${points > 0 ? "+" : points < 0 ? "−" : "±"}${Math.abs(points).toFixed(1)} pts`;
/** Deterministic (UTC) so server and browser render the same text. */
export const formatRunTime = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export const latencyAt = (result: BenchmarkResultView, threads: number, batchSize = 1): LatencyMeasurement | undefined =>
  result.performance.latency.find((l) => l.threads === threads && l.batchSize === batchSize);

export const threadSettings = (results: BenchmarkResultView[]) =>
  [...new Set(results.flatMap((r) => r.performance.latency.filter((l) => l.batchSize === 1).map((l) => l.threads)))].sort((a, b) => a - b);

export function primaryMetric(result: BenchmarkResultView): Metric | undefined {
  if (!result.accuracy.available) return undefined;
  const { primary, metrics } = result.accuracy;
  return metrics.find((m) => m.name === primary);
}

const kindOrder: Record<VariantKind, number> = { full_precision: 0, quantized: 1, pruned: 2 };

/** Latest results by family (alphabetical, as lib/benchmarks/summarize-families orders them), fp32 first. */
export function groupByFamily(latest: BenchmarkResultView[]): Map<string, BenchmarkResultView[]> {
  const families = new Map<string, BenchmarkResultView[]>();
  for (const result of [...latest].sort(
    (a, b) => a.family.localeCompare(b.family) || kindOrder[a.variant] - kindOrder[b.variant] || a.modelId.localeCompare(b.modelId),
  )) {
    families.set(result.family, [...(families.get(result.family) ?? []), result]);
  }
  return families;
}

export interface MeasurementState {
  running: boolean;
  /** The run under way, when there is one. */
  activeRun?: BenchmarkRunView;
  /** Variants the run under way has not reached yet, plus benchmarkable variants with no figures at all. */
  stillMeasuring: string[];
  /** Those of them that still show figures from an earlier run. */
  remeasuring: string[];
  /** Variants without figures while nothing runs, with the reason the last run gave, if any. */
  unmeasured: { modelId: string; reason?: string }[];
  /** At least one result exists. */
  hasFigures: boolean;
  lastFailure?: BenchmarkRunView;
}

export function measurementState(data: BenchmarksResponse): MeasurementState {
  const activeRun = data.running ? data.runs.find((r) => r.status === "running") : undefined;
  const planned = Array.isArray(activeRun?.config.models) ? (activeRun.config.models as unknown[]).filter((m): m is string => typeof m === "string") : [];
  const done = new Set(activeRun?.results.map((r) => r.modelId) ?? []);
  const pendingIds = data.pending.map((p) => p.modelId);
  const stillMeasuring = data.running ? [...new Set([...planned.filter((id) => !done.has(id)), ...pendingIds])] : [];
  const lastFinished = data.runs.find((r) => r.status !== "running");
  // The runner writes one "id: reason" line per variant it could not measure.
  const reasons = new Map(
    (lastFinished?.error ?? "")
      .split("\n")
      .map((line) => line.match(/^([^:\s]+): (.+)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => [m[1], m[2]] as const),
  );
  const withFigures = new Set(data.latest.map((r) => r.modelId));
  return {
    running: data.running,
    activeRun,
    stillMeasuring,
    remeasuring: stillMeasuring.filter((id) => withFigures.has(id)),
    unmeasured: data.running ? [] : pendingIds.map((modelId) => ({ modelId, reason: reasons.get(modelId) })),
    hasFigures: data.latest.length > 0,
    lastFailure: data.runs.find((r) => r.status === "failed"),
  };
}
