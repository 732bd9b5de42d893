import type { BenchmarkResultView, BenchmarkRunView } from "@/lib/inference/measurement/result-schema";
import { formatRate, kindLabels, latencyAt, metricLabel, primaryMetric, toMb, type VariantKind } from "./benchmark-view";

/**
 * Plain, serialisable rows for the client chart components: the server computes them, so the
 * browser receives only the numbers it draws.
 */

export interface ScatterPoint {
  modelId: string;
  family: string;
  kind: VariantKind;
  sizeMb: number;
  p50Ms: number;
  /** e.g. "label recall 75.0%", or undefined when accuracy was not measured. */
  accuracy?: string;
}

export function scatterPoints(latest: BenchmarkResultView[], threads: number): ScatterPoint[] {
  return latest.flatMap((result) => {
    const latency = latencyAt(result, threads);
    if (!latency) return [];
    const metric = primaryMetric(result);
    return [
      {
        modelId: result.modelId,
        family: result.family,
        kind: result.variant,
        sizeMb: toMb(result.performance.sizeBytes),
        p50Ms: latency.p50Ms,
        ...(metric ? { accuracy: `${metricLabel(metric.name)} ${formatRate(metric.value)}` } : {}),
      },
    ];
  });
}

/** Within a family chart the family name is in the heading: "yolox-nano-int8" reads "…-int8". */
export const shortName = (modelId: string, family: string) =>
  modelId !== family && modelId.startsWith(`${family}-`) ? `…${modelId.slice(family.length)}` : modelId;

export interface PercentileRow {
  /** "…-int8 · 1 thread" */
  name: string;
  kind: VariantKind;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  cpuMsPerRun: number;
}

export function percentileRows(members: BenchmarkResultView[]): PercentileRow[] {
  return members.flatMap((result) =>
    result.performance.latency
      .filter((l) => l.batchSize === 1)
      .sort((a, b) => a.threads - b.threads)
      .map((l) => ({
        name: `${shortName(result.modelId, result.family)} · ${l.threads} thr`,
        kind: result.variant,
        p50Ms: l.p50Ms,
        p95Ms: l.p95Ms,
        p99Ms: l.p99Ms,
        cpuMsPerRun: l.cpuMsPerRun,
      })),
  );
}

export interface ThroughputChartData {
  /** One row per variant: `batch4` = items per second at batch size 4, and so on. */
  rows: ({ name: string; kind: VariantKind } & Record<string, number | string>)[];
  batchSizes: number[];
  threads: number[];
}

/** Variants whose batch dimension is dynamic; undefined when no member measured larger batches. */
export function throughputData(members: BenchmarkResultView[]): ThroughputChartData | undefined {
  const measured = members.filter((m) => m.performance.throughput.length > 0);
  if (measured.length === 0) return undefined;
  const batchSizes = [...new Set(measured.flatMap((m) => m.performance.throughput.map((t) => t.batchSize)))].sort((a, b) => a - b);
  const threads = [...new Set(measured.flatMap((m) => m.performance.throughput.map((t) => t.threads)))].sort((a, b) => a - b);
  const rows = measured.map((m) => {
    const row: { name: string; kind: VariantKind } & Record<string, number | string> = { name: shortName(m.modelId, m.family), kind: m.variant };
    // Batch 1 from the latency measurement at the same thread count, so the gain of batching shows.
    const single = latencyAt(m, threads[0]);
    if (single && single.p50Ms > 0) row.batch1 = 1000 / single.p50Ms;
    for (const t of m.performance.throughput) row[`batch${t.batchSize}`] = t.itemsPerSecond;
    return row;
  });
  return { rows, batchSizes: rows.some((r) => typeof r.batch1 === "number") ? [1, ...batchSizes.filter((b) => b !== 1)] : batchSizes, threads };
}

export interface HistoryChartData {
  /** One row per run (oldest first): `time` in epoch ms, then p50 ms by model id. */
  rows: ({ time: number } & Record<string, number>)[];
  series: { modelId: string; kind: VariantKind; label: string }[];
}

/** p50 latency of each family member over the runs that measured it (failed runs left out, as in `latest`). */
export function historyData(runs: BenchmarkRunView[], family: string, threads: number): HistoryChartData {
  const kinds = new Map<string, VariantKind>();
  const rows = runs
    .filter((run) => run.status !== "failed")
    .map((run) => {
      const row: { time: number } & Record<string, number> = { time: Date.parse(run.startedAt) };
      for (const result of run.results.filter((r) => r.family === family)) {
        const latency = latencyAt(result, threads);
        if (!latency) continue;
        row[result.modelId] = latency.p50Ms;
        kinds.set(result.modelId, result.variant);
      }
      return row;
    })
    .filter((row) => Object.keys(row).length > 1)
    .sort((a, b) => a.time - b.time);
  const series = [...kinds.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([modelId, kind]) => ({ modelId, kind, label: `${modelId} (${kindLabels[kind]})` }));
  return { rows, series };
}
