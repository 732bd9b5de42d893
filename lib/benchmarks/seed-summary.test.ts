import { describe, expect, it } from "vitest";
import type { BenchmarkResultView } from "../inference/measurement/result-schema";
import { summarizeForSeed } from "./seed-summary";

const result = (modelId: string, variant: BenchmarkResultView["variant"], p50Ms: number, sizeBytes: number, top1?: number): BenchmarkResultView => ({
  modelId,
  family: "yolox-nano",
  variant,
  task: "object-detection",
  machineFingerprint: "m1",
  createdAt: "2026-12-07T00:00:00.000Z",
  performance: {
    sizeBytes,
    input: { source: "eval", shape: [1, 3, 416, 416], synthetic: false },
    loadMs: 100,
    latency: [{ threads: 1, batchSize: 1, runs: 10, p50Ms, p95Ms: p50Ms * 1.2, p99Ms: p50Ms * 1.3, meanMs: p50Ms, cpuMsPerRun: p50Ms }],
    throughput: [{ batchSize: 4, threads: 2, itemsPerSecond: 1000 / p50Ms, msPerBatch: p50Ms * 4 }],
    rssIncreaseMb: 12,
  },
  accuracy:
    top1 === undefined
      ? { available: false, reason: "no eval data" }
      : { available: true, primary: "label_recall", metrics: [{ name: "label_recall", value: top1, higherIsBetter: true, dataset: "21 photos" }] },
});

const benchmarkable = [
  { id: "yolox-nano", family: "yolox-nano", task: "object-detection", variant: "full_precision" },
  { id: "yolox-nano-int8", family: "yolox-nano", task: "object-detection", variant: "quantized" },
  { id: "yolox-nano-pruned", family: "yolox-nano", task: "object-detection", variant: "pruned" },
];

describe("summarizeForSeed", () => {
  it("derives speed-up, size ratio and accuracy change against the base from the stored figures", () => {
    const summary = summarizeForSeed({
      latest: [result("yolox-nano", "full_precision", 40, 4_000_000, 0.8), result("yolox-nano-int8", "quantized", 20, 1_000_000, 0.75)],
      machineFingerprint: "m1",
      benchmarkable,
      running: false,
    });
    expect(summary.modelVariants).toEqual({
      base: [{ modelId: "yolox-nano", family: "yolox-nano", task: "object-detection", measured: true }],
      quantized: [{ modelId: "yolox-nano-int8", family: "yolox-nano", task: "object-detection", measured: true }],
      pruned: [{ modelId: "yolox-nano-pruned", family: "yolox-nano", task: "object-detection", measured: false }],
    });
    if (!summary.performanceMetrics.available || !summary.resourceUsage.available) throw new Error("expected figures");
    const [base, int8] = summary.performanceMetrics.variants;
    expect(base).toMatchObject({ kind: "base", speedupVsBase: 1, accuracyChangePoints: 0, throughputItemsPerSecond: 25 });
    expect(int8).toMatchObject({ kind: "quantized", speedupVsBase: 2, accuracyChangePoints: -5, notes: [] });
    expect(int8.accuracy).toEqual({ metric: "label_recall", value: 0.75, higherIsBetter: true, dataset: "21 photos" });
    expect(summary.resourceUsage.variants[1]).toMatchObject({ modelId: "yolox-nano-int8", sizeRatioVsBase: 4, cpuMsPerRun: 20, rssIncreaseMb: 12 });
  });

  it("leaves a figure null with the reason when it was not measured", () => {
    const summary = summarizeForSeed({
      latest: [result("yolox-nano-int8", "quantized", 20, 1_000_000)],
      machineFingerprint: "m1",
      benchmarkable,
      running: false,
    });
    if (!summary.performanceMetrics.available) throw new Error("expected figures");
    const [int8] = summary.performanceMetrics.variants;
    expect(int8).toMatchObject({ accuracy: null, speedupVsBase: null, accuracyChangePoints: null });
    expect(int8.notes).toEqual(["accuracy: no eval data", "no full-precision member of this family is stored, so there is no ratio against a base"]);
  });

  it("says the figures are not there yet, and why, before any run", () => {
    const running = summarizeForSeed({ latest: [], machineFingerprint: null, benchmarkable, running: true });
    expect(running.performanceMetrics).toEqual({ available: false, reason: "The first benchmark run is under way; no figures are stored yet." });
  });
});
