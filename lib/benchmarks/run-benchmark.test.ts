import { ConflictError } from "../domain-errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBenchmarkRun } from "../db/queries/benchmarks";
import { databaseTargets } from "@/test/database-targets";
import { performanceSchema, accuracySchema } from "../inference/measurement/result-schema";
import { runBenchmark } from "./run-benchmark";

const pglite = databaseTargets.find((t) => t.name === "pglite")!;

describe("runBenchmark", () => {
  let handle: Awaited<ReturnType<typeof pglite.open>>;
  beforeAll(async () => {
    handle = await pglite.open();
  });
  afterAll(async () => handle?.cleanup());

  it("measures real models and stores one result per variant", async () => {
    const { runId, measured, failed } = await runBenchmark({ db: handle.db, trigger: "test", modelIds: ["mobilenetv2-int8", "ppocr-mobile-v2-cls"] });
    // The direction classifier is not a benchmarked task: only MobileNetV2 is measured.
    expect(failed).toEqual([]);
    expect(measured).toEqual(["mobilenetv2-int8"]);
    const run = await getBenchmarkRun({ db: handle.db, id: runId });
    expect(run?.status).toBe("done");
    expect(run?.results).toHaveLength(1);
    const performance = performanceSchema.parse(run!.results[0].performance);
    expect(performance.sizeBytes).toBe(3655640);
    expect(performance.latency.map((l) => l.threads)).toEqual([1, 2]);
    for (const l of performance.latency) {
      expect(l.p50Ms).toBeGreaterThan(0);
      expect(l.p99Ms).toBeGreaterThanOrEqual(l.p50Ms);
    }
    // MobileNetV2's batch dimension is dynamic: throughput at batch 4 is measured.
    expect(performance.throughput[0]).toMatchObject({ batchSize: 4 });
    expect(performance.throughput[0].itemsPerSecond).toBeGreaterThan(0);
    const accuracy = accuracySchema.parse(run!.results[0].accuracy);
    if (accuracy.available) {
      expect(accuracy.primary).toBe("top1");
      expect(performance.input.synthetic).toBe(false);
    } else {
      expect(performance.input.synthetic).toBe(true);
    }
  }, 180_000);

  it("refuses a second run while one is under way", async () => {
    const first = runBenchmark({ db: handle.db, trigger: "test", modelIds: ["mobilenetv2-int8"] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(runBenchmark({ db: handle.db, trigger: "test", modelIds: ["mobilenetv2-int8"] })).rejects.toBeInstanceOf(ConflictError);
    await first;
  }, 180_000);
});
