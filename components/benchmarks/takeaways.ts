import type { LoadRun } from "@/lib/benchmarks/load/load-run-schema";
import type { FamilySummary, VariantSummary } from "@/lib/benchmarks/summarize-families";
import type { ScatterPoint, HistoryChartData, PercentileRow, ThroughputChartData } from "./chart-data";
import type { LoadChartRow } from "./load-throughput-chart";
import { formatMs, formatPoints } from "./benchmark-view";

/**
 * One-line takeaways computed from the figures each chart draws, and the headline comparison of the
 * summary band: a sentence changes when the data does, never typed by hand. Pure, so unit-tested.
 */

const ratioText = (ratio: number, more: string, less: string) => (ratio >= 1 ? `${ratio.toFixed(1)}× ${more}` : `${(1 / ratio).toFixed(1)}× ${less}`);
export const speedText = (ratio: number) => ratioText(ratio, "faster", "slower");
export const sizeText = (ratio: number) => ratioText(ratio, "smaller", "larger");

export interface HeadlineComparison {
  family: string;
  reference: VariantSummary;
  int8?: VariantSummary;
  pruned?: VariantSummary;
}

/**
 * The family that answers "fp32 vs int8 vs pruned" best: one with a full-precision reference and the
 * most measured variants (ties: alphabetical). Undefined when no family has a reference and a variant.
 */
export function headlineComparison(summaries: FamilySummary[]): HeadlineComparison | undefined {
  const candidates = summaries
    .map((s) => ({ s, reference: s.variants.find((v) => v.modelId === s.reference) }))
    .filter((c): c is { s: FamilySummary; reference: VariantSummary } => c.reference !== undefined && c.s.variants.length > 1)
    .sort((a, b) => b.s.variants.length - a.s.variants.length || a.s.family.localeCompare(b.s.family));
  const best = candidates[0];
  if (!best) return undefined;
  const find = (kind: string) => best.s.variants.find((v) => v.variant === kind && v.modelId !== best.reference.modelId);
  return { family: best.s.family, reference: best.reference, int8: find("quantized"), pruned: find("pruned") };
}

/** Speed-up at the headline thread count, else at any measured one. */
export function headlineSpeedup(variant: VariantSummary, threads: number): { ratio: number; threads: number } | undefined {
  const entries = Object.entries(variant.speedup ?? {}).map(([t, ratio]) => ({ threads: Number(t), ratio }));
  return entries.find((e) => e.threads === threads) ?? entries[0];
}

/** "−1.2 pts" or "not comparable". */
export const accuracyCostText = (variant: VariantSummary) =>
  variant.accuracyDeltaPoints === undefined ? "accuracy not comparable" : formatPoints(variant.accuracyDeltaPoints);

/** The scatter of every variant: the fastest and the smallest. */
export function latencySizeTakeaway(points: ScatterPoint[]): string | undefined {
  if (points.length === 0) return undefined;
  const fastest = points.reduce((a, b) => (b.p50Ms < a.p50Ms ? b : a));
  const smallest = points.reduce((a, b) => (b.sizeMb < a.sizeMb ? b : a));
  const slowest = points.reduce((a, b) => (b.p50Ms > a.p50Ms ? b : a));
  return fastest === smallest
    ? `${fastest.modelId} is both the fastest (p50 ${formatMs(fastest.p50Ms)} ms) and the smallest (${smallest.sizeMb.toFixed(1)} MB); ${slowest.modelId} is the slowest at ${formatMs(slowest.p50Ms)} ms.`
    : `Fastest: ${fastest.modelId} (p50 ${formatMs(fastest.p50Ms)} ms); smallest: ${smallest.modelId} (${smallest.sizeMb.toFixed(1)} MB); slowest: ${slowest.modelId} (${formatMs(slowest.p50Ms)} ms).`;
}

/** Percentile bars of a family: fastest vs slowest median, and the most jittery row. */
export function percentileTakeaway(rows: PercentileRow[]): string | undefined {
  if (rows.length === 0) return undefined;
  const fastest = rows.reduce((a, b) => (b.p50Ms < a.p50Ms ? b : a));
  const slowest = rows.reduce((a, b) => (b.p50Ms > a.p50Ms ? b : a));
  const spread = (r: PercentileRow) => (r.p50Ms > 0 ? r.p99Ms / r.p50Ms : 1);
  const jittery = rows.reduce((a, b) => (spread(b) > spread(a) ? b : a));
  const apart = fastest === slowest ? "" : `, ${(slowest.p50Ms / fastest.p50Ms).toFixed(1)}× the ${slowest.name} median of ${formatMs(slowest.p50Ms)} ms`;
  return `Fastest median: ${fastest.name} at ${formatMs(fastest.p50Ms)} ms${apart}; widest p50→p99 spread: ${jittery.name} (${spread(jittery).toFixed(1)}×).`;
}

/** Throughput by batch size: where batching pays off most, or that it does not. */
export function throughputTakeaway(data: ThroughputChartData): string | undefined {
  const gains = data.rows.flatMap((row) => {
    const single = typeof row.batch1 === "number" ? row.batch1 : undefined;
    const batched = data.batchSizes
      .filter((b) => b !== 1 && typeof row[`batch${b}`] === "number")
      .map((b) => ({ batch: b, perSecond: row[`batch${b}`] as number }));
    if (single === undefined || batched.length === 0) return [];
    const best = batched.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    return [{ name: row.name, single, ...best, gain: best.perSecond / single }];
  });
  if (gains.length === 0) return undefined;
  const top = gains.reduce((a, b) => (b.gain > a.gain ? b : a));
  if (top.gain < 1.1) return `Batching barely helps here: at best ${top.name} goes from ${top.single.toFixed(1)} to ${top.perSecond.toFixed(1)} items/s.`;
  return `Batching pays off most for ${top.name}: ${top.perSecond.toFixed(1)} items/s at batch ${top.batch} vs ${top.single.toFixed(1)} at batch 1 (${top.gain.toFixed(1)}×).`;
}

/** p50 across runs: how far the reference series moved from its first run to its last. */
export function historyTakeaway(data: HistoryChartData): string | undefined {
  if (data.rows.length === 0 || data.series.length === 0) return undefined;
  if (data.rows.length === 1) return `One run so far (${data.series.length} variant${data.series.length === 1 ? "" : "s"}); later runs add points.`;
  const moves = data.series.flatMap((s) => {
    const values = data.rows.map((r) => r[s.modelId]).filter((v): v is number => typeof v === "number");
    if (values.length < 2) return [];
    const first = values[0];
    const last = values[values.length - 1];
    return [{ label: s.modelId, first, last, change: (last - first) / first }];
  });
  if (moves.length === 0) return `${data.rows.length} runs, each variant measured once.`;
  const biggest = moves.reduce((a, b) => (Math.abs(b.change) > Math.abs(a.change) ? b : a));
  const pct = `${biggest.change >= 0 ? "+" : "−"}${Math.abs(biggest.change * 100).toFixed(0)}%`;
  return `Over ${data.rows.length} runs the largest move is ${biggest.label}: p50 ${formatMs(biggest.first)} → ${formatMs(biggest.last)} ms (${pct}).`;
}

/** The serving run's best cell, and what batching changes there. */
export function servingTakeaway(run: LoadRun): { bestRps: number; route: string; concurrency: number; batching: string; text: string } | undefined {
  const ok = run.cells.filter((c) => c.throughputRps > 0);
  if (ok.length === 0) return undefined;
  const best = ok.reduce((a, b) => (b.throughputRps > a.throughputRps ? b : a));
  const twin = run.cells.find((c) => c.route === best.route && c.concurrency === best.concurrency && c.batching !== best.batching);
  const versus = twin && twin.throughputRps > 0 ? ` (${twin.throughputRps.toFixed(1)} with batching ${twin.batching})` : "";
  return {
    bestRps: best.throughputRps,
    route: best.route,
    concurrency: best.concurrency,
    batching: best.batching,
    text: `Highest: ${best.throughputRps.toFixed(1)} req/s on ${best.route} at concurrency ${best.concurrency}, batching ${best.batching}${versus}.`,
  };
}

/** The load chart's rows: the route and concurrency where batching changes throughput most. */
export function loadChartTakeaway(rows: LoadChartRow[]): string | undefined {
  const pairs = rows.filter((r) => r.on !== undefined && r.off !== undefined && r.off > 0);
  if (pairs.length === 0) return rows.length ? `${rows.length} route × concurrency cells measured.` : undefined;
  const biggest = pairs.reduce((a, b) => (Math.abs(Math.log(b.on! / b.off!)) > Math.abs(Math.log(a.on! / a.off!)) ? b : a));
  const ratio = biggest.on! / biggest.off!;
  return `Batching changes throughput most on ${biggest.name}: ${biggest.on!.toFixed(1)} vs ${biggest.off!.toFixed(1)} req/s (${ratio >= 1 ? `${ratio.toFixed(1)}× more` : `${(1 / ratio).toFixed(1)}× less`} with it on).`;
}
