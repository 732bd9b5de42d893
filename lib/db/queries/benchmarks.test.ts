import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@/test/database-targets";
import {
  startBenchmarkRun,
  createBenchmarkRun,
  failRunningBenchmarkRunsSince,
  finishBenchmarkRun,
  getBenchmarkRun,
  insertBenchmarkResult,
  latestBenchmarkResults,
  listBenchmarkRuns,
  runningBenchmark,
} from "./benchmarks";

describe.each(databaseTargets)("benchmark queries on $name", (target) => {
  let handle: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    if (!target.skipReason) handle = await target.open();
  });
  afterAll(async () => handle?.cleanup());

  it.skipIf(target.skipReason)("stores runs with results and returns the latest result per model", async () => {
    const db = handle.db;
    const result = (runId: string, modelId: string, p50: number) => ({
      runId,
      modelId,
      family: "yolox-nano",
      variant: modelId.includes("int8") ? "quantized" : "full_precision",
      task: "object-detection",
      performance: { latencyMsP50: p50 },
      accuracy: { agreement: 1 },
    });
    const first = await createBenchmarkRun({ db, trigger: "test", machine: { cores: 2 }, config: { runs: 5 } });
    expect(first.status).toBe("running");
    expect((await runningBenchmark({ db }))?.id).toBe(first.id);
    await insertBenchmarkResult({ db, result: result(first.id, "yolox-nano", 40) });
    await insertBenchmarkResult({ db, result: result(first.id, "yolox-nano-int8", 20) });
    await finishBenchmarkRun({ db, id: first.id, status: "done" });
    expect(await runningBenchmark({ db })).toBeUndefined();

    const second = await createBenchmarkRun({ db, trigger: "test", machine: { cores: 2 }, config: { runs: 5 } });
    await insertBenchmarkResult({ db, result: result(second.id, "yolox-nano", 38) });
    await finishBenchmarkRun({ db, id: second.id, status: "done" });
    const failed = await createBenchmarkRun({ db, trigger: "test", machine: {}, config: {} });
    await insertBenchmarkResult({ db, result: result(failed.id, "yolox-nano", 999) });
    await finishBenchmarkRun({ db, id: failed.id, status: "failed", error: "boom" });

    const latest = await latestBenchmarkResults({ db });
    const byModel = Object.fromEntries(latest.map((r) => [r.modelId, (r.performance as { latencyMsP50: number }).latencyMsP50]));
    expect(byModel).toEqual({ "yolox-nano": 38, "yolox-nano-int8": 20 });
    expect(latest.every((r) => r.machine.cores === 2)).toBe(true);

    // A run on another kind of machine adds its own newest result per model instead of replacing this one's.
    const elsewhere = await createBenchmarkRun({ db, trigger: "test", machine: { cores: 2, fingerprint: "other CPU" }, config: {} });
    await insertBenchmarkResult({ db, result: result(elsewhere.id, "yolox-nano", 90) });
    await finishBenchmarkRun({ db, id: elsewhere.id, status: "done" });
    const both = await latestBenchmarkResults({ db });
    expect(
      both
        .filter((r) => r.modelId === "yolox-nano")
        .map((r) => (r.performance as { latencyMsP50: number }).latencyMsP50)
        .sort(),
    ).toEqual([38, 90]);

    const runs = await listBenchmarkRuns({ db });
    expect(runs.map((r) => r.status)).toEqual(["done", "failed", "done", "done"]);
    expect(runs[3].results).toHaveLength(2);
    expect((await getBenchmarkRun({ db, id: failed.id }))?.error).toBe("boom");
    expect(await getBenchmarkRun({ db, id: "00000000-0000-0000-0000-000000000000" })).toBeUndefined();
  });

  it.skipIf(target.skipReason)("starts one run at a time and gives up on abandoned runs", async () => {
    const db = handle.db;
    const started = await Promise.all([1, 2, 3].map(() => startBenchmarkRun({ db, trigger: "race", machine: {}, config: {} })));
    expect(started.filter(Boolean)).toHaveLength(1);
    const winner = started.find(Boolean)!;
    // Three hours later the running row is taken for abandoned, and a new run may start.
    const later = new Date(Date.now() + 3 * 60 * 60 * 1000);
    expect(await runningBenchmark({ db, now: later })).toBeUndefined();
    const next = await startBenchmarkRun({ db, trigger: "later", machine: {}, config: {}, now: later });
    expect(next).toBeDefined();
    expect((await getBenchmarkRun({ db, id: winner.id }))?.status).toBe("failed");
    await finishBenchmarkRun({ db, id: next!.id, status: "done" });
  });

  it.skipIf(target.skipReason)("fails the runs still running that started after a moment, and only those", async () => {
    const db = handle.db;
    const before = await createBenchmarkRun({ db, trigger: "old", machine: {}, config: {} });
    // A moment just after `before` started (the database keeps microseconds, a Date milliseconds).
    const since = new Date(before.startedAt.getTime() + 1);
    await new Promise((r) => setTimeout(r, 20));
    const after = await createBenchmarkRun({ db, trigger: "orphan", machine: {}, config: {} });
    const finished = await createBenchmarkRun({ db, trigger: "finished", machine: {}, config: {} });
    await finishBenchmarkRun({ db, id: finished.id, status: "done" });
    expect(await failRunningBenchmarkRunsSince({ db, since, error: "interrupted" })).toBe(1);
    expect(await getBenchmarkRun({ db, id: after.id })).toMatchObject({ status: "failed", error: "interrupted" });
    expect((await getBenchmarkRun({ db, id: before.id }))?.status).toBe("running");
    expect((await getBenchmarkRun({ db, id: finished.id }))?.status).toBe("done");
    await finishBenchmarkRun({ db, id: before.id, status: "done" });
  });
});
