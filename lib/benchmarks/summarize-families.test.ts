import { describe, expect, it } from "vitest";
import type { BenchmarkResultView } from "../inference/measurement/result-schema";
import { familiesToMarkdown, summarizeFamilies } from "./summarize-families";

const result = (
  modelId: string,
  variant: BenchmarkResultView["variant"],
  p50: [number, number],
  sizeBytes: number,
  recall: number,
  agreement?: number,
): BenchmarkResultView => ({
  modelId,
  family: "yolox-nano",
  variant,
  task: "object-detection",
  createdAt: "2026-11-25T00:00:00.000Z",
  performance: {
    sizeBytes,
    input: { source: "photos/x.jpg", shape: [1, 3, 416, 416], synthetic: false },
    loadMs: 10,
    latency: [1, 2].map((threads, i) => ({
      threads,
      batchSize: 1,
      runs: 10,
      p50Ms: p50[i],
      p95Ms: p50[i],
      p99Ms: p50[i],
      meanMs: p50[i],
      cpuMsPerRun: p50[i],
    })),
    throughput: [],
    rssIncreaseMb: 1,
  },
  accuracy: {
    available: true,
    primary: "label_recall",
    metrics: [
      { name: "label_recall", value: recall, higherIsBetter: true, dataset: "photos" },
      ...(agreement === undefined ? [] : [{ name: "parent_detection_f1", value: agreement, higherIsBetter: true, dataset: "photos" }]),
    ],
  },
});

describe("summarizeFamilies", () => {
  it("computes speed-up, size ratio and accuracy change against the full-precision variant", () => {
    const [family] = summarizeFamilies([
      result("yolox-nano-int8", "quantized", [20, 12], 1_000_000, 0.7, 0.95),
      result("yolox-nano", "full_precision", [40, 24], 4_000_000, 0.75),
    ]);
    expect(family.reference).toBe("yolox-nano");
    expect(family.variants.map((v) => v.modelId)).toEqual(["yolox-nano", "yolox-nano-int8"]);
    const int8 = family.variants[1];
    expect(int8.speedup).toEqual({ 1: 2, 2: 2 });
    expect(int8.sizeRatio).toBe(4);
    expect(int8.accuracyDeltaPoints).toBe(-5);
    expect(int8.parentAgreement).toEqual({ name: "parent_detection_f1", value: 0.95 });
    expect(family.variants[0].speedup).toBeUndefined();
    const markdown = familiesToMarkdown([family]);
    expect(markdown).toContain(
      "| yolox-nano | quantized | yolox-nano-int8 | 1.00 MB | 4x | 20 ms | 12 ms | 2x / 2x | label_recall 0.7 | -5 pt | detection_f1 0.95 |",
    );
  });

  it("leaves ratios out for a family without a full-precision member", () => {
    const [family] = summarizeFamilies([{ ...result("mobilenetv2-int8", "quantized", [8, 5], 3_600_000, 0.57), family: "mobilenetv2" }]);
    expect(family.reference).toBeUndefined();
    expect(family.variants[0].speedup).toBeUndefined();
    expect(familiesToMarkdown([family])).toContain("| — | — |");
  });

  it("computes no ratio across machines: a variant measured on another CPU is labelled, not compared", () => {
    const [family] = summarizeFamilies([
      {
        ...result("yolox-nano-int8", "quantized", [20, 12], 1_000_000, 0.7, 0.95),
        machineFingerprint: "AVX2 box · saturating int8 kernels + x64quantprecision",
      },
      { ...result("yolox-nano", "full_precision", [40, 24], 4_000_000, 0.75), machineFingerprint: "VNNI box · exact int8 kernels" },
    ]);
    const int8 = family.variants[1];
    expect(int8.speedup).toBeUndefined();
    expect(int8.accuracyDeltaPoints).toBeUndefined();
    expect(int8.otherMachine).toContain("AVX2 box");
    expect(familiesToMarkdown([family])).toContain("| other machine |");
  });
});
