import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBenchmarkRun } from "../db/queries/benchmarks";
import { getEnv } from "../env";
import { databaseTargets } from "@/test/database-targets";
import { accuracySchema, performanceSchema } from "../inference/measurement/result-schema";
import { runBenchmark } from "./run-benchmark";

const pglite = databaseTargets.find((t) => t.name === "pglite")!;

describe.skipIf(!getEnv().evalDataDir)("runBenchmark on the evaluation data", () => {
  let handle: Awaited<ReturnType<typeof pglite.open>>;
  beforeAll(async () => {
    handle = await pglite.open();
  });
  afterAll(async () => handle?.cleanup());

  it("measures the OCR recogniser inside the whole pipeline on the pages with ground truth", async () => {
    const { runId, failed } = await runBenchmark({ db: handle.db, trigger: "test", modelIds: ["ppocr-v4-rec", "yolox-nano"] });
    expect(failed).toEqual([]);
    const run = (await getBenchmarkRun({ db: handle.db, id: runId }))!;
    const byModel = Object.fromEntries(run.results.map((r) => [r.modelId, r]));

    const rec = accuracySchema.parse(byModel["ppocr-v4-rec"].accuracy);
    expect(rec.available && rec.primary).toBe("cer");
    const cer = rec.available ? rec.metrics.find((m) => m.name === "cer")! : undefined;
    // Measured 0.0-3.7% per page (README "Documents and OCR"); the mean stays under 3% with margin.
    expect(cer?.value).toBeLessThan(0.03);
    const recPerformance = performanceSchema.parse(byModel["ppocr-v4-rec"].performance);
    expect(recPerformance.input.synthetic).toBe(false);
    expect(recPerformance.input.shape[2]).toBe(48);
    expect(recPerformance.throughput.length).toBeGreaterThan(0);

    const yolox = accuracySchema.parse(byModel["yolox-nano"].accuracy);
    expect(yolox.available && yolox.primary).toBe("label_recall");
    // YOLOX's batch dimension is fixed at 1: no throughput batches.
    expect(performanceSchema.parse(byModel["yolox-nano"].performance).throughput).toEqual([]);
  }, 300_000);
});
