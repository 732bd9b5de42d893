import { describe, expect, it } from "vitest";
import type { BenchmarkResultView, BenchmarkRunView, BenchmarksResponse } from "@/lib/inference/measurement/result-schema";
import { formatPoints, formatRunTime, groupByFamily, measurementState, threadSettings } from "./benchmark-view";
import { historyData, percentileRows, scatterPoints, throughputData } from "./chart-data";

// Shapes as GET /api/v1/benchmarks returns them; the numbers only exercise the arithmetic.
function result(
  modelId: string,
  variant: BenchmarkResultView["variant"],
  p50Ms: number,
  extra: Partial<BenchmarkResultView["performance"]> = {},
): BenchmarkResultView {
  const latency = [1, 2].map((threads) => ({
    threads,
    batchSize: 1,
    runs: 12,
    p50Ms: p50Ms * threads,
    p95Ms: p50Ms * threads * 1.5,
    p99Ms: p50Ms * threads * 2,
    meanMs: p50Ms * threads,
    cpuMsPerRun: p50Ms,
  }));
  return {
    modelId,
    family: modelId.split("-")[0],
    variant,
    task: "object-detection",
    performance: {
      sizeBytes: 4_000_000,
      input: { source: "photos/a.jpg", shape: [1, 3, 416, 416], synthetic: false },
      loadMs: 30,
      latency,
      throughput: [],
      rssIncreaseMb: 1,
      ...extra,
    },
    accuracy: { available: true, primary: "label_recall", metrics: [{ name: "label_recall", value: 0.75, higherIsBetter: true, dataset: "26 photos" }] },
    createdAt: "2026-01-02T03:04:05.000Z",
  };
}

function run(
  id: string,
  status: BenchmarkRunView["status"],
  startedAt: string,
  results: BenchmarkResultView[],
  extra: Partial<BenchmarkRunView> = {},
): BenchmarkRunView {
  return { id, trigger: "test", status, startedAt, finishedAt: null, error: null, machine: {}, fingerprint: "test machine", config: {}, results, ...extra };
}

describe("dashboard derivations", () => {
  it("groups by family with fp32 first and reads thread settings", () => {
    const latest = [
      result("yolo-pruned", "pruned", 20),
      result("yolo-int8", "quantized", 10),
      result("yolo", "full_precision", 20),
      result("mob-int8", "quantized", 5),
    ];
    const groups = groupByFamily(latest);
    expect([...groups.keys()]).toEqual(["mob", "yolo"]);
    expect(groups.get("yolo")!.map((r) => r.modelId)).toEqual(["yolo", "yolo-int8", "yolo-pruned"]);
    expect(threadSettings(latest)).toEqual([1, 2]);
    expect(percentileRows([latest[1]])[0].name).toBe("…-int8 · 1 thr");
  });

  it("formats points with their sign and run times in UTC", () => {
    expect(formatPoints(1.25)).toBe("+1.3 pts");
    expect(formatPoints(-0.5)).toBe("−0.5 pts");
    expect(formatPoints(0)).toBe("±0.0 pts");
    expect(formatRunTime("2026-01-02T03:04:05.000Z")).toBe("2026-01-02 03:04 UTC");
  });

  it("lists what a run under way has not reached yet, and what has no figures with the last run's reason", () => {
    const base: BenchmarksResponse = {
      latest: [result("yolo", "full_precision", 20)],
      machineFingerprint: "test machine",
      otherMachines: [],
      runs: [],
      pending: [],
      running: false,
    };
    const active = run("r2", "running", "2026-01-02T04:00:00.000Z", [result("yolo", "full_precision", 20)], { config: { models: ["yolo", "yolo-int8", 7] } });
    const runningState = measurementState({
      ...base,
      running: true,
      runs: [active],
      pending: [{ modelId: "new-one", family: "new", variant: "pruned", task: "x" }],
    });
    expect(runningState).toMatchObject({ running: true, hasFigures: true, stillMeasuring: ["yolo-int8", "new-one"], remeasuring: [], unmeasured: [] });
    const again = measurementState({ ...base, running: true, runs: [run("r3", "running", "2026-01-02T05:00:00.000Z", [], { config: { models: ["yolo"] } })] });
    expect(again).toMatchObject({ stillMeasuring: ["yolo"], remeasuring: ["yolo"] });
    expect(runningState.activeRun?.id).toBe("r2");

    const failedBefore = run("r1", "done", "2026-01-02T03:00:00.000Z", [], { error: "yolo-int8: file is missing\nother: broken" });
    const idle = measurementState({
      ...base,
      runs: [failedBefore],
      pending: [
        { modelId: "yolo-int8", family: "yolo", variant: "quantized", task: "x" },
        { modelId: "fresh", family: "f", variant: "pruned", task: "x" },
      ],
    });
    expect(idle.stillMeasuring).toEqual([]);
    expect(idle.unmeasured).toEqual([
      { modelId: "yolo-int8", reason: "file is missing" },
      { modelId: "fresh", reason: undefined },
    ]);

    expect(measurementState({ latest: [], machineFingerprint: null, otherMachines: [], runs: [], pending: [], running: false })).toMatchObject({
      hasFigures: false,
      lastFailure: undefined,
    });
  });

  it("builds chart rows from the measurements", () => {
    const withThroughput = result("yolo", "full_precision", 20, { throughput: [{ batchSize: 4, threads: 2, itemsPerSecond: 30, msPerBatch: 133 }] });
    const points = scatterPoints([withThroughput, result("yolo-int8", "quantized", 10)], 1);
    expect(points).toEqual([
      { modelId: "yolo", family: "yolo", kind: "full_precision", sizeMb: 4, p50Ms: 20, accuracy: "label recall (test photos) 75.0%" },
      { modelId: "yolo-int8", family: "yolo", kind: "quantized", sizeMb: 4, p50Ms: 10, accuracy: "label recall (test photos) 75.0%" },
    ]);
    expect(percentileRows([withThroughput]).map((r) => [r.name, r.p50Ms, r.p99Ms])).toEqual([
      ["yolo · 1 thr", 20, 40],
      ["yolo · 2 thr", 40, 80],
    ]);
    // Batch 1 is derived from the p50 latency at the same thread count (2 threads: 40 ms -> 25 items/s).
    expect(throughputData([withThroughput])).toEqual({
      rows: [{ name: "yolo", kind: "full_precision", batch1: 25, batch4: 30 }],
      batchSizes: [1, 4],
      threads: [2],
    });
    expect(throughputData([result("yolo-int8", "quantized", 10)])).toBeUndefined();
  });

  it("plots history oldest first and leaves out failed runs", () => {
    const runs = [
      run("c", "running", "2026-01-03T00:00:00.000Z", [result("yolo-int8", "quantized", 9)]),
      run("b", "failed", "2026-01-02T00:00:00.000Z", [result("yolo", "full_precision", 999)]),
      run("a", "done", "2026-01-01T00:00:00.000Z", [
        result("yolo", "full_precision", 20),
        result("yolo-int8", "quantized", 10),
        result("mob-int8", "quantized", 5),
      ]),
    ];
    const history = historyData(runs, "yolo", 1);
    expect(history.rows).toEqual([
      { time: Date.parse("2026-01-01T00:00:00.000Z"), yolo: 20, "yolo-int8": 10 },
      { time: Date.parse("2026-01-03T00:00:00.000Z"), "yolo-int8": 9 },
    ]);
    expect(history.series).toEqual([
      { modelId: "yolo", kind: "full_precision", label: "yolo (fp32)" },
      { modelId: "yolo-int8", kind: "quantized", label: "yolo-int8 (int8)" },
    ]);
  });
});
