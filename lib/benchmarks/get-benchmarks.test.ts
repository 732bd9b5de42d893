import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishBenchmarkRun, insertBenchmarkResult, startBenchmarkRun } from "../db/queries/benchmarks";
import { databaseTargets } from "@/test/database-targets";
import { getBenchmarks } from "./get-benchmarks";
import { benchmarksResponseSchema } from "../inference/measurement/result-schema";
import { benchmarkableModels, runBenchmark } from "./run-benchmark";

const isoPattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe.each(databaseTargets)("getBenchmarks on $name", (target) => {
  let handle: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    if (!target.skipReason) handle = await target.open();
  });
  afterAll(async () => handle?.cleanup());

  it.skipIf(target.skipReason)("is empty, with every benchmarkable variant pending, before any run", async () => {
    const answer = await getBenchmarks({ db: handle.db });
    expect(answer).toMatchObject({ latest: [], runs: [], running: false });
    expect(answer.pending.map((p) => p.modelId)).toEqual(benchmarkableModels().map((m) => m.id));
    expect(answer.pending.map((p) => p.modelId)).toContain("mobilenetv2-int8");
  });

  it.skipIf(target.skipReason)(
    "assembles latest results, runs and pending variants from a real run",
    async () => {
      const { runId, measured } = await runBenchmark({ db: handle.db, trigger: "test", modelIds: ["mobilenetv2-int8"] });
      expect(measured).toEqual(["mobilenetv2-int8"]);

      const answer = await getBenchmarks({ db: handle.db });
      expect(benchmarksResponseSchema.parse(answer)).toEqual(answer);
      expect(answer.running).toBe(false);
      expect(answer.latest).toHaveLength(1);
      const [result] = answer.latest;
      expect(result).toMatchObject({ modelId: "mobilenetv2-int8", family: "mobilenetv2", variant: "quantized", task: "image-classification" });
      expect(result.createdAt).toMatch(isoPattern);
      expect(result.performance.sizeBytes).toBe(3655640);
      expect(result.performance.latency.map((l) => l.threads)).toEqual([1, 2]);

      expect(answer.runs).toHaveLength(1);
      const [run] = answer.runs;
      expect(run.machine.fingerprint).toEqual(expect.any(String));
      expect(run).toMatchObject({ id: runId, trigger: "test", status: "done", error: null });
      expect(run.startedAt).toMatch(isoPattern);
      expect(run.finishedAt).toMatch(isoPattern);
      expect(Date.parse(run.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
      expect(run.machine).toMatchObject({ cores: expect.any(Number), cpuModel: expect.any(String), nodeVersion: process.version, cpuFlags: expect.any(Array) });
      // The run records what the int8 kernels did and the remedy, and its fingerprint labels every result.
      expect(run.machine.int8).toMatchObject({ saturates: expect.any(Boolean), precisionOption: expect.any(Boolean), mode: "auto" });
      expect(run.fingerprint).toBe(run.machine.fingerprint);
      expect(answer.machineFingerprint).toBe(run.fingerprint);
      expect(answer.otherMachines).toEqual([]);
      expect(run.results).toEqual([result]);
      expect(result).toMatchObject({ runId, machineFingerprint: run.fingerprint });

      // Figures stored by a run on another kind of CPU are listed apart, never mixed into `latest`.
      const elsewhere = await startBenchmarkRun({
        db: handle.db,
        trigger: "test",
        machine: { ...run.machine, cpuFlags: ["avx2"], fingerprint: "AVX2 box" },
        config: {},
      });
      await insertBenchmarkResult({
        db: handle.db,
        result: {
          runId: elsewhere!.id,
          modelId: "mobilenetv2-int8",
          family: "mobilenetv2",
          variant: "quantized",
          task: "image-classification",
          performance: result.performance,
          accuracy: result.accuracy,
        },
      });
      await finishBenchmarkRun({ db: handle.db, id: elsewhere!.id, status: "done" });
      const mixed = await getBenchmarks({ db: handle.db });
      expect(mixed.latest.map((r) => r.runId)).toEqual([runId]);
      expect(mixed.otherMachines).toEqual([{ fingerprint: "AVX2 box", variants: 1, newestAt: expect.stringMatching(isoPattern) }]);

      // Every other benchmarkable variant is still waiting for figures; the measured one is not.
      const pendingIds = answer.pending.map((p) => p.modelId);
      expect(pendingIds).not.toContain("mobilenetv2-int8");
      expect(pendingIds).toEqual(
        benchmarkableModels()
          .map((m) => m.id)
          .filter((id) => id !== "mobilenetv2-int8"),
      );
    },
    180_000,
  );

  it.skipIf(target.skipReason)("reports a run under way, limits the runs listed and leaves out rows that do not match the schema", async () => {
    const run = await startBenchmarkRun({ db: handle.db, trigger: "test", machine: {}, config: {} });
    expect(run).toBeDefined();
    // A row of an older result shape (no figures at all) must not take the dashboard down.
    await insertBenchmarkResult({
      db: handle.db,
      result: {
        runId: run!.id,
        modelId: "yolox-nano",
        family: "yolox-nano",
        variant: "full_precision",
        task: "object-detection",
        performance: {},
        accuracy: null,
      },
    });

    const answer = await getBenchmarks({ db: handle.db });
    expect(answer.running).toBe(true);
    expect(answer.runs.map((r) => r.status)).toEqual(["running", "done", "done"]);
    expect(answer.runs[0]).toMatchObject({ finishedAt: null, results: [] });
    expect(answer.latest.map((r) => r.modelId)).toEqual(["mobilenetv2-int8"]);
    if (benchmarkableModels().some((m) => m.id === "yolox-nano")) expect(answer.pending.map((p) => p.modelId)).toContain("yolox-nano");

    const newest = await getBenchmarks({ db: handle.db, runCount: 1 });
    expect(newest.runs.map((r) => r.id)).toEqual([run!.id]);

    await finishBenchmarkRun({ db: handle.db, id: run!.id, status: "failed", error: "stopped by the test" });
    const after = await getBenchmarks({ db: handle.db });
    expect(after.running).toBe(false);
    expect(after.runs[0]).toMatchObject({ status: "failed", error: "stopped by the test", finishedAt: expect.stringMatching(isoPattern) });
  });
});
