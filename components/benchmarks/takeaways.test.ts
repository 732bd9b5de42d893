import { describe, expect, it } from "vitest";
import type { FamilySummary } from "@/lib/benchmarks/summarize-families";
import { latencyPerDayTakeaway, requestsPerDayTakeaway } from "@/components/usage/usage-takeaways";
import { headlineComparison, historyTakeaway, latencySizeTakeaway, percentileTakeaway, throughputTakeaway } from "./takeaways";

const variant = (modelId: string, kind: string, extra: object = {}) => ({ modelId, variant: kind, sizeBytes: 1e6, p50MsByThreads: { 1: 10 }, ...extra });

describe("takeaways computed from the charts' data", () => {
  it("picks the family with a reference and the most variants for the headline", () => {
    const summaries = [
      { family: "ocr", task: "ocr", reference: "ocr", variants: [variant("ocr", "full_precision"), variant("ocr-int8", "quantized")] },
      {
        family: "yolox",
        task: "object-detection",
        reference: "yolox",
        variants: [variant("yolox", "full_precision"), variant("yolox-int8", "quantized", { sizeRatio: 3.9 }), variant("yolox-pruned", "pruned")],
      },
      { family: "vendor", task: "x", variants: [variant("a", "quantized"), variant("b", "quantized"), variant("c", "quantized"), variant("d", "pruned")] },
    ] as FamilySummary[];
    const headline = headlineComparison(summaries);
    expect(headline?.family).toBe("yolox");
    expect(headline?.int8?.modelId).toBe("yolox-int8");
    expect(headline?.pruned?.modelId).toBe("yolox-pruned");
    expect(headlineComparison([summaries[2]])).toBeUndefined();
  });

  it("names the fastest, smallest and slowest dot", () => {
    const text = latencySizeTakeaway([
      { modelId: "a", family: "f", kind: "full_precision", sizeMb: 4, p50Ms: 40 },
      { modelId: "a-int8", family: "f", kind: "quantized", sizeMb: 1, p50Ms: 12 },
      { modelId: "b", family: "g", kind: "full_precision", sizeMb: 0.5, p50Ms: 90 },
    ]);
    expect(text).toBe("Fastest: a-int8 (p50 12.0 ms); smallest: b (0.5 MB); slowest: b (90.0 ms).");
    expect(latencySizeTakeaway([])).toBeUndefined();
  });

  it("compares medians and finds the jitteriest row", () => {
    const text = percentileTakeaway([
      { name: "fp32 · 1 thr", kind: "full_precision", p50Ms: 20, p95Ms: 22, p99Ms: 24, cpuMsPerRun: 20 },
      { name: "int8 · 1 thr", kind: "quantized", p50Ms: 8, p95Ms: 12, p99Ms: 24, cpuMsPerRun: 8 },
    ]);
    expect(text).toBe("Fastest median: int8 · 1 thr at 8.00 ms, 2.5× the fp32 · 1 thr median of 20.0 ms; widest p50→p99 spread: int8 · 1 thr (3.0×).");
  });

  it("says where batching pays off, and when it does not", () => {
    const rows = [
      { name: "fp32", kind: "full_precision" as const, batch1: 50, batch4: 100 },
      { name: "int8", kind: "quantized" as const, batch1: 100, batch4: 120 },
    ];
    expect(throughputTakeaway({ rows, batchSizes: [1, 4], threads: [1] })).toBe(
      "Batching pays off most for fp32: 100.0 items/s at batch 4 vs 50.0 at batch 1 (2.0×).",
    );
    expect(throughputTakeaway({ rows: [{ name: "x", kind: "quantized", batch1: 100, batch4: 101 }], batchSizes: [1, 4], threads: [1] })).toMatch(
      /^Batching barely helps/,
    );
  });

  it("reports the largest move across runs", () => {
    const text = historyTakeaway({
      rows: [
        { time: 1, a: 10, b: 20 },
        { time: 2, a: 11, b: 15 },
      ],
      series: [
        { modelId: "a", kind: "full_precision", label: "a" },
        { modelId: "b", kind: "quantized", label: "b" },
      ],
    });
    expect(text).toBe("Over 2 runs the largest move is b: p50 20.0 → 15.0 ms (−25%).");
  });

  it("sums requests per day and spans the daily medians", () => {
    const days = [
      { day: "2026-12-01", requests: 3, latency_ms_p50: 40 },
      { day: "2026-12-02", requests: 0, latency_ms_p50: null },
      { day: "2026-12-03", requests: 7, latency_ms_p50: 25 },
    ];
    expect(requestsPerDayTakeaway(days)).toBe("10 requests on 2 days; busiest 2026-12-03 with 7.");
    expect(latencyPerDayTakeaway(days)).toBe("Daily median from 25 ms (2026-12-03) to 40 ms (2026-12-01).");
  });
});
